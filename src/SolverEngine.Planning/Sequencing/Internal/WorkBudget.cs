using System.Diagnostics;

namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Counts work units and watches the clock and the cancellation token. In deterministic mode the
/// clock is never read, so the same work limit always stops at the same point.
/// </summary>
internal sealed class WorkBudget
{
    private readonly long _workLimit;
    private readonly long _deadlineTimestamp; // long.MaxValue when the clock is not used
    private readonly CancellationToken _cancellationToken;
    private long _work;
    private SequencingStopReason? _stop;

    public WorkBudget(SequencingOptions options, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        if (options.Deterministic)
        {
            _workLimit = options.WorkLimit
                ?? (long)Math.Min(long.MaxValue / 2.0, Math.Max(0.0, options.TimeLimit.TotalSeconds) * SequencingOptions.WorkUnitsPerSecond);
            _deadlineTimestamp = long.MaxValue;
        }
        else
        {
            _workLimit = options.WorkLimit ?? long.MaxValue;
            double ticks = Math.Max(0.0, options.TimeLimit.TotalSeconds) * Stopwatch.Frequency;
            long now = Stopwatch.GetTimestamp();
            _deadlineTimestamp = ticks >= long.MaxValue - (double)now ? long.MaxValue : now + (long)ticks;
        }
    }

    private WorkBudget(long workLimit, long deadline, CancellationToken ct)
    {
        _workLimit = workLimit;
        _deadlineTimestamp = deadline;
        _cancellationToken = ct;
    }

    /// <summary>The caller's token (for native solves that poll it themselves).</summary>
    public CancellationToken CancellationToken => _cancellationToken;

    /// <summary>Wall-clock time left, or null when the clock is not used (deterministic mode).</summary>
    public TimeSpan? TimeLeft => _deadlineTimestamp == long.MaxValue
        ? null
        : TimeSpan.FromSeconds(Math.Max(1e-3, (double)(_deadlineTimestamp - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));

    /// <summary>Work units left (long.MaxValue when there is no work limit).</summary>
    public long WorkLeft => _workLimit == long.MaxValue ? long.MaxValue : Math.Max(0, _workLimit - _work);

    /// <summary>Work units spent so far.</summary>
    public long Work => _work;

    /// <summary>Why the budget stopped, or null while it still runs.</summary>
    public SequencingStopReason? StopReason => _stop;

    /// <summary>Adds spent work.</summary>
    public void Spend(long units) => _work += units;

    /// <summary>True once the budget is spent or cancelled (sticky).</summary>
    public bool IsExhausted
    {
        get
        {
            if (_stop is not null)
            {
                return true;
            }
            if (_cancellationToken.IsCancellationRequested)
            {
                _stop = SequencingStopReason.Cancelled;
            }
            else if (_work >= _workLimit
                || (_deadlineTimestamp != long.MaxValue && Stopwatch.GetTimestamp() >= _deadlineTimestamp))
            {
                _stop = SequencingStopReason.LimitReached;
            }
            return _stop is not null;
        }
    }

    /// <summary>
    /// A sub-budget that stops at <paramref name="fraction"/> of what is left (in work units, and in
    /// time when the clock is used) but shares the cancellation token. Work spent in it must be
    /// added back with <see cref="Spend"/> by the caller.
    /// </summary>
    public WorkBudget Slice(double fraction)
    {
        long workLeft = _workLimit == long.MaxValue ? long.MaxValue : Math.Max(0, _workLimit - _work);
        long workSlice = workLeft == long.MaxValue ? long.MaxValue : (long)(workLeft * fraction);
        long deadline = _deadlineTimestamp;
        if (deadline != long.MaxValue)
        {
            long now = Stopwatch.GetTimestamp();
            deadline = now + (long)(Math.Max(0, deadline - now) * fraction);
        }
        return new WorkBudget(workSlice, deadline, _cancellationToken);
    }
}
