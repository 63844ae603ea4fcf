using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// Lets a cancel during compilation return at once. Compiling a large model (instance, LP
/// index) does not look at the token and takes seconds on XL; until the coordinator starts,
/// there is no plan to keep, so a cancel then answers CANCELLED immediately and the compile
/// work, abandoned, ends by itself without starting the solve. Once the coordinator runs, it
/// owns the cancel (it returns its best plan) for a grace period; a native LP that does not stop
/// within it (Clp looks at its stop flag only between refactorisations: minutes on XL under load)
/// is left to finish in the background and the caller gets CANCELLED with the best plan streamed
/// so far (soft, then hard cancel).
/// </summary>
internal sealed class CompileStage
{
    /// <summary>How long a cancelled coordinator may take to hand back its result itself.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    private const int Compiling = 0, Solving = 1, Abandoned = 2;
    private int _state = Compiling;

    /// <summary>Called by the compile work before the coordinator runs; false when the caller was already answered.</summary>
    public bool TryStartSolving() => Interlocked.CompareExchange(ref _state, Solving, Compiling) == Compiling;

    private bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Compiling) == Compiling;

    /// <summary>The solve's result: the work's, or a CANCELLED one at once when the token fires while compiling.</summary>
    public async Task<SolveResult> ResultAsync(Task<SolveResult> work, IDisposable stream, Func<SolveResult> cancelled, Func<SolveResult> bestSoFar, CancellationToken ct)
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
        if (!work.IsCompleted && ct.IsCancellationRequested
            && await Task.WhenAny(work, Task.Delay(Grace, CancellationToken.None)).ConfigureAwait(false) != work)
        {
            stream.Dispose();
            _ = work.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return bestSoFar();
        }
        return await work.ConfigureAwait(false);
    }
}
