using SolverEngine.Planning.Coordination.Internal;

namespace SolverEngine.Planning.Coordination;

// Cut management (which cuts the aggregate LP carries): Internal/CutPool.
internal sealed partial class Coordinator
{
    /// <summary>The cut pool of this coordinator: every cut made, retired and shared counts.</summary>
    internal CutPool CutPool => _cutPool;
}
