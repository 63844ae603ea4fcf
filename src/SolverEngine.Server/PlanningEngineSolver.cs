using SolverEngine.Contracts.V1;
using SolverEngine.Planning;

namespace SolverEngine.Server;

/// <summary>The <see cref="ISolveEngine"/> the server uses: SolverEngine.Planning's <see cref="PlanningEngine"/>.</summary>
public sealed class PlanningEngineSolver(PlanningEngine engine) : ISolveEngine
{
    public PlanningEngineSolver() : this(new PlanningEngine()) { }

    public Task<SolveResult> SolveAsync(PlanningModel model, SolveOptions options, IProgress<SolveUpdate> progress, CancellationToken cancellationToken) =>
        engine.SolveAsync(model, options, progress, cancellationToken);

    /// <summary>
    /// Checks the options when the solve is submitted, so that a mistake is INVALID_ARGUMENT at
    /// once rather than a FAILED job later: the engine's own rules.
    /// </summary>
    public void ValidateOptions(SolveOptions options) => PlanningEngine.ValidateOptions(options);
}
