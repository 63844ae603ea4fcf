using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// Lets a cancel during compilation return at once. Compiling a large model (instance, LP
/// index) does not look at the token and takes seconds on XL; until the coordinator starts,
/// there is no plan to keep, so a cancel then answers CANCELLED immediately and the compile
/// work, abandoned, ends by itself without starting the solve. Once the coordinator runs, it
/// owns the cancel (it returns its best plan).
/// </summary>
internal sealed class CompileStage
{
    private const int Compiling = 0, Solving = 1, Abandoned = 2;
    private int _state = Compiling;

    /// <summary>Called by the compile work before the coordinator runs; false when the caller was already answered.</summary>
    public bool TryStartSolving() => Interlocked.CompareExchange(ref _state, Solving, Compiling) == Compiling;

    private bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Compiling) == Compiling;

    /// <summary>The solve's result: the work's, or a CANCELLED one at once when the token fires while compiling.</summary>
    public async Task<SolveResult> ResultAsync(Task<SolveResult> work, IDisposable stream, Func<SolveResult> cancelled, CancellationToken ct)
    {
        if (!ct.CanBeCanceled) return await work.ConfigureAwait(false);
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (ct.Register(() => signal.TrySetResult()).ConfigureAwait(false))
        {
            var first = await Task.WhenAny(work, signal.Task).ConfigureAwait(false);
            if (first != work && TryAbandon())
            {
                stream.Dispose(); // nothing more is streamed for this solve
                // The abandoned work still runs to its next check; observe its outcome so a failure there is not unobserved.
                _ = work.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return cancelled();
            }
        }
        return await work.ConfigureAwait(false);
    }
}
