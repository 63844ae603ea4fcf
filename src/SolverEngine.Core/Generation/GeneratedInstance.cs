using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Generation;

/// <summary>A generated model, the profile it was made to and the load figures of each line.</summary>
/// <param name="Model">The model (valid; same bytes for the same size and seed).</param>
/// <param name="Profile">The counts of the size.</param>
/// <param name="Lines">How each line was loaded, in the model's line order.</param>
public sealed record GeneratedInstance(PlanningModel Model, InstanceProfile Profile, IReadOnlyList<LineLoad> Lines);
