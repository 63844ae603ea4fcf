namespace SolverEngine.Solvers;

/// <summary>Async wrappers: run a (blocking, CPU-bound) native solve on a dedicated thread.</summary>
public static class SolverExtensions
{
    /// <summary>
    /// Solves on a dedicated thread. Cancelling <paramref name="cancellationToken"/> stops the native solve and the
    /// task completes with <see cref="SolveStatus.Interrupted"/> (it is not faulted or cancelled).
    /// </summary>
    public static Task<LpResult> SolveAsync(this ILpSolver solver, LinearModel model, SolverOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solver);
        return Task.Factory.StartNew(() => solver.Solve(model, options, cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <inheritdoc cref="SolveAsync(ILpSolver, LinearModel, SolverOptions?, CancellationToken)" />
    public static Task<MipResult> SolveAsync(this IMipSolver solver, LinearModel model, SolverOptions? options = null,
        MipStart? start = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solver);
        return Task.Factory.StartNew(() => solver.Solve(model, options, start, cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
