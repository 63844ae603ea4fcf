using SolverEngine.Contracts.V1;

namespace SolverEngine.Server;

/// <summary>
/// What the server needs from the planning engine: solve one valid model, report progress and
/// improving incumbents as they come, return the final result. Registered in the host's
/// services; tests may register their own to drive the job queue.
/// </summary>
public interface ISolveEngine
{
    /// <summary>
    /// Solves <paramref name="model"/> (already validated). Reports <see cref="SolveUpdate"/>s
    /// carrying progress or an incumbent (job id and elapsed may be left empty: the server fills
    /// them). Cancellation is a result, not an exception: when <paramref name="cancellationToken"/>
    /// fires, return the best plan found with status CANCELLED.
    /// </summary>
    Task<SolveResult> SolveAsync(PlanningModel model, SolveOptions options, IProgress<SolveUpdate> progress, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="ArgumentException"/> (INVALID_ARGUMENT) when the options cannot be used; called when a solve is submitted.</summary>
    void ValidateOptions(SolveOptions options) { }
}
