using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Plans;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// The update stream of one solve: turns coordination events into <see cref="SolveUpdate"/>s,
/// keeps the reported bounds monotone, and sends a heartbeat <c>progress</c> while a long LP or
/// subproblem pass runs, so the caller hears from the solve at least once a second.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Upper bound: the objective of the best plan streamed so far (the built plan's objective,
/// which is what the caller sees); an incumbent is streamed only when it is strictly better.</item>
/// <item>Lower bound: the running maximum of the coordinator's bounds (0 before the first: every
/// objective term is a cost), never above the upper bound once there is one.</item>
/// <item>Reports are serialised (the heartbeat runs on a timer thread) and none is sent after
/// <see cref="Dispose"/>, so the final result is always the last thing the caller gets.</item>
/// </list>
/// Plans are built once per candidate and reused for the final result.
/// </remarks>
internal sealed class SolveStream : IDisposable
{
    /// <summary>Heartbeat period: half the promised second, so a late timer tick still keeps the promise.</summary>
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromMilliseconds(500);

    private const double Tolerance = 1e-9;
    private readonly IProgress<SolveUpdate>? _progress;
    private readonly Stopwatch _clock;
    private readonly PlanDetail _detail;
    private readonly object _gate = new();
    private Timer? _heartbeat;
    private Func<long> _subproblems = () => 0;
    private Func<string?> _activePhase = () => null;
    private PlanBuilder? _builder;
    private bool _closed;

    private string _phase = "";
    private int _iteration;
    private int _cuts;
    private double _lower; // running max, 0 before the first bound
    private double _shownLower; // running max of what was reported
    private double _upper = double.PositiveInfinity;
    private (Candidate Candidate, Plan Plan)? _last;

    public SolveStream(IProgress<SolveUpdate>? progress, Stopwatch clock, PlanDetail detail)
    {
        _progress = progress;
        _clock = clock;
        _detail = detail;
    }

    /// <summary>The lower bound reported so far (monotone).</summary>
    public double LowerBound { get { lock (_gate) return ReportedLower(); } }

    /// <summary>The best plan streamed so far (its candidate and full plan), if any.</summary>
    public (Candidate Candidate, Plan Plan)? LastIncumbent { get { lock (_gate) return _last; } }

    /// <summary>Starts the heartbeat; <paramref name="subproblems"/> and <paramref name="activePhase"/> are read on the timer thread.</summary>
    public void Attach(PlanBuilder builder, Func<long> subproblems, Func<string?> activePhase)
    {
        lock (_gate)
        {
            _builder = builder;
            _subproblems = subproblems;
            _activePhase = activePhase;
            if (_progress is not null && !_closed && _heartbeat is null)
                _heartbeat = new Timer(_ => Heartbeat(), null, HeartbeatPeriod, HeartbeatPeriod);
        }
    }

    /// <summary>Reports a phase change before the coordinator runs (validate, compile).</summary>
    public void Phase(string phase)
    {
        lock (_gate)
        {
            _phase = phase;
            SendProgress("");
        }
    }

    /// <summary>A coordination event: an incumbent (streamed when strictly better) or progress.</summary>
    public void OnEvent(CoordinationEvent e)
    {
        // Built outside the lock: a large plan takes a while and the heartbeat must not wait.
        var plan = e.Incumbent is { } candidate ? PlanOf(candidate) : null;
        lock (_gate)
        {
            if (_closed) return;
            _phase = e.Phase;
            _iteration = Math.Max(_iteration, e.Iteration);
            _cuts = Math.Max(_cuts, e.Cuts);
            if (double.IsFinite(e.LowerBound)) _lower = Math.Max(_lower, e.LowerBound);
            if (e.Incumbent is { } inc)
            {
                if (plan is null || (double.IsFinite(_upper) && !(plan.Objective < _upper - Tolerance * Math.Max(1, Math.Abs(_upper))))) return;
                _upper = plan.Objective;
                _last = (inc, plan);
                if (_closed || _progress is null) return;
                var shown = _detail == PlanDetail.Summary
                    ? new Plan { Buckets = { plan.Buckets }, Kpis = plan.Kpis, Objective = plan.Objective, Alerts = { plan.Alerts } }
                    : plan;
                var lb = ReportedLower();
                _progress.Report(new SolveUpdate
                {
                    Elapsed = Duration.FromTimeSpan(_clock.Elapsed),
                    Incumbent = new Incumbent { Objective = plan.Objective, LowerBound = lb, Gap = Coordinator.Gap(plan.Objective, lb), Plan = shown },
                });
                return;
            }
            SendProgress(e.Message);
        }
    }

    /// <summary>The full plan of <paramref name="candidate"/>: the streamed one when it was streamed, else built now.</summary>
    public Plan? PlanOf(Candidate candidate)
    {
        lock (_gate)
        {
            if (_last is { } last && ReferenceEquals(last.Candidate, candidate)) return last.Plan;
        }
        PlanBuilder? builder;
        lock (_gate) builder = _builder;
        return builder?.Build(candidate);
    }

    private void Heartbeat()
    {
        lock (_gate) SendProgress("");
    }

    // Called under _gate.
    private void SendProgress(string message)
    {
        if (_closed || _progress is null) return;
        var lb = ReportedLower();
        var p = new Progress
        {
            Iteration = (uint)_iteration,
            LowerBound = lb,
            SubproblemsSolved = (ulong)Math.Max(0, _subproblems()),
            Cuts = (uint)_cuts,
            Phase = _activePhase() ?? _phase,
            Message = message,
        };
        if (double.IsFinite(_upper))
        {
            p.UpperBound = _upper;
            p.Gap = Coordinator.Gap(_upper, lb);
        }
        _progress.Report(new SolveUpdate { Elapsed = Duration.FromTimeSpan(_clock.Elapsed), Progress = p });
    }

    // Monotone. A bound above the best plan can only be rounding: the plan's objective is then the bound.
    private double ReportedLower() => _shownLower = Math.Max(_shownLower, Math.Min(_lower, _upper));

    /// <summary>Stops the heartbeat; nothing is reported after this returns.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _heartbeat?.Dispose();
            _heartbeat = null;
        }
    }
}
