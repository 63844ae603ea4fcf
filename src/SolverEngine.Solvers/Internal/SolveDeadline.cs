namespace SolverEngine.Solvers.Internal;

/// <summary>
/// Combines the caller's token with the time limit into one token, and afterwards tells which of the two
/// stopped the solve: a cancelled caller is <see cref="SolveStatus.Interrupted"/>, an expired limit
/// <see cref="SolveStatus.TimeLimit"/>.
/// </summary>
internal sealed class SolveDeadline : IDisposable
{
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource? _limit;
    private readonly CancellationTokenSource? _linked;

    /// <param name="timeLimit">The caller's limit, if any.</param>
    /// <param name="caller">The caller's token.</param>
    /// <param name="grace">
    /// Extra time before the limit fires here: for a solver that enforces the limit itself (Cbc) this token is
    /// only the hard stop behind it, so the solver gets to stop on its own terms (with a valid bound) first.
    /// </param>
    public SolveDeadline(TimeSpan? timeLimit, CancellationToken caller, TimeSpan grace = default)
    {
        _caller = caller;
        if (timeLimit is { } limit)
        {
            _limit = new CancellationTokenSource(limit + grace);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _limit.Token);
        }
    }

    /// <summary>Fires when either the caller cancels or the limit expires.</summary>
    public CancellationToken Token => _linked?.Token ?? _caller;

    public bool CanStop => Token.CanBeCanceled;

    /// <summary>The status that describes why the solve was stopped, or null if nothing asked it to stop.</summary>
    public SolveStatus? StopReason =>
        _caller.IsCancellationRequested ? SolveStatus.Interrupted
        : _limit?.IsCancellationRequested == true ? SolveStatus.TimeLimit
        : null;

    public void Dispose()
    {
        _linked?.Dispose();
        _limit?.Dispose();
    }
}
