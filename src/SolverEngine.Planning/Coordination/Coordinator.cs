using System.Diagnostics;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination;

/// <summary>Settings of one coordination run.</summary>
internal sealed record CoordinatorSettings
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);
    public double RelativeGap { get; init; } = 1e-4;
    public int Seed { get; init; }
    public bool Deterministic { get; init; }
    /// <summary>Workers of the subproblem pipeline (0 = every core).</summary>
    public int Threads { get; init; }
    public int MaxIterations { get; init; } = 100;
    /// <summary>Set-up variables up to which the exact search over set-up patterns runs after the cut loop.</summary>
    public int ExactMaxSetups { get; init; } = 16;
    /// <summary>Node limit of the exact search.</summary>
    public int ExactMaxNodes { get; init; } = 20_000;
    /// <summary>Set-up variables up to which the set-up MIP (Cbc) runs after the cut loop; 0 = never.</summary>
    public int MipMaxSetups { get; init; } = 5_000;
    /// <summary>Relaxations a cut may stay slack before it leaves the LP (<see cref="CutPool"/>).</summary>
    public int CutMaxSlackRounds { get; init; } = CutPool.DefaultMaxSlackRounds;
    /// <summary>Whether the LP relaxation is solved by site (Decomposition/); auto = by the measured rule.</summary>
    public Decomposition.SiteDecompositionMode SiteDecomposition { get; init; } = Decomposition.SiteDecompositionMode.Auto;
    /// <summary>Integer set-ups per window of relax-and-fix / fix-and-optimize (Coordinator.RelaxAndFix.cs); 0 = neither runs.</summary>
    public int WindowMaxSetups { get; init; } = 300;
    /// <summary>Node limit of one window MIP in deterministic mode (there, no clock limits it).</summary>
    public int WindowMaxNodes { get; init; } = 200;
}

/// <summary>How the coordination ended.</summary>
internal enum CoordinationStatus { Optimal, Feasible, TimeLimit, Cancelled, Infeasible, NoPlan }

/// <summary>An executable plan in aggregate form: LP values of the fixed set-up LP and the sequences.</summary>
internal sealed class Candidate
{
    public required double[] Values { get; init; }
    public required LineSchedule Schedule { get; init; }
    public required SetupFixing Fixing { get; init; }
    public required double Objective { get; init; }
    /// <summary>The runs placed at exact times (null until the candidate has been timed).</summary>
    public Scheduling.TimedSchedule? Timed { get; init; }
}

internal sealed class CoordinationResult
{
    public required CoordinationStatus Status { get; init; }
    public Candidate? Best { get; init; }
    public double LowerBound { get; init; }
    public int Iterations { get; init; }
    public long LpSolves { get; init; }
    public int Cuts { get; init; }
    public long Subproblems { get; init; }
    public TimeSpan? TimeToFirstPlan { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>A progress or incumbent event of the coordination.</summary>
internal sealed record CoordinationEvent(string Phase, int Iteration, double LowerBound, double? UpperBound, long Subproblems, int Cuts, Candidate? Incumbent, string Message = "");

/// <summary>
/// The first coordination loop between the aggregate LP and the sequencing layer:
/// <list type="number">
/// <item>solve the LP relaxation (set-ups in [0, 1], changeover hours bounded below, cuts): a lower bound;</item>
/// <item>round set-ups (a product with production is set up) and sequence every (line, bucket)
/// with the carried state, repairing buckets that cannot run;</item>
/// <item>solve the fixed set-up LP (set-ups and true changeover hours and cost fixed): quantities
/// that fit by construction, an executable plan; keep the best;</item>
/// <item>where the true changeover exceeds what the LP allowed, add a <see cref="SetupCut"/> and repeat,</item>
/// </list>
/// until no cut is violated, the gap is closed or time runs out. On small models an exact search
/// over set-up patterns (branching on set-ups, bounded by the LP with cuts, leaves evaluated over
/// every order) then closes the gap.
/// </summary>
internal sealed partial class Coordinator : IDisposable
{
    private const double Eps = 1e-6;
    private readonly PlanningInstance _inst;
    private readonly ILpSolver _lp;
    private readonly IMipSolver? _mip;
    private readonly CoordinatorSettings _settings;
    private readonly AggregateModel _model;
    private readonly LineScheduler _scheduler;
    private readonly CutGenerator _cutGen;
    private readonly CutPool _cutPool;
    private readonly Scheduling.TimedScheduler _timer;
    private readonly Scheduling.PlanStabilityCounter _stability;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SubproblemPipeline _pipeline;
    private readonly SolveBudget _budget;
    private long _lpSolves;
    /// <summary>The last relaxation's point: which lanes carry flow (<see cref="SolveLp"/>).</summary>
    private double[]? _latestRelaxation;
    private TimeSpan? _firstPlan;
    private bool _loopStarted;

    /// <summary>
    /// This coordinator's own loop runs and holds no plan yet: its candidates take the quick way to a
    /// first plan (the timing repair frozen, a large linked-site LP on the relaxation's lanes). The
    /// baselines, which only borrow <see cref="Evaluate"/>, keep the full way their figures were measured with.
    /// </summary>
    private bool SeekingFirstPlan => _loopStarted && _firstPlan is null;

    public Coordinator(PlanningInstance inst, ILpSolver lp, IMipSolver? mip, ISequencer sequencer, CoordinatorSettings settings)
    {
        _inst = inst;
        _lp = lp;
        _mip = mip;
        _settings = settings;
        _model = new AggregateModel(inst);
        var seqOptions = new SequencingOptions
        {
            // one schedule sequences every (line, bucket): keep a whole pass within ~1/20 of the budget
            TimeLimit = TimeSpan.FromSeconds(Math.Max(0.005, Math.Min(1, settings.TimeLimit.TotalSeconds / (20.0 * Math.Max(1, inst.Lines.Length * inst.T))))),
            Seed = settings.Seed,
            Deterministic = settings.Deterministic,
        };
        _pipeline = new SubproblemPipeline(settings.Threads);
        _scheduler = new LineScheduler(inst, sequencer, seqOptions, _pipeline);
        _cutGen = new CutGenerator(inst, sequencer, seqOptions, _pipeline);
        _cutPool = new CutPool(inst, _model, _cutGen, settings.CutMaxSlackRounds);
        _budget = new SolveBudget(inst, settings.TimeLimit, settings.Deterministic, _clock,
            () => Interlocked.Read(ref _scheduler.Work) + Interlocked.Read(ref _cutGen.Work), () => Interlocked.Read(ref _lpSolves));
        _timer = new Scheduling.TimedScheduler(inst);
        _stability = new Scheduling.PlanStabilityCounter(inst);
    }

    public AggregateModel Model => _model;

    /// <summary>Subproblems solved so far (read from any thread, for progress reports).</summary>
    internal long SubproblemsSolved => Subproblems;

    /// <summary>The phase of the subproblem batch running now, null between batches (for progress reports).</summary>
    internal string? ActivePhase => _pipeline.ActivePhase;

    /// <summary>Stops the subproblem workers.</summary>
    public void Dispose() => _pipeline.Dispose();

    // Deterministic mode counts work, not wall time (SolveBudget).
    private bool OutOfTime => _budget.Expired;

    private CoordinationResult RunLoop(Action<CoordinationEvent>? onEvent, CancellationToken ct)
    {
        _loopStarted = true;
        var cuts = new List<SetupCut>();
        var cutKeys = new HashSet<string>();
        Candidate? best = null;
        var lowerBound = 0.0; // every objective term is non-negative (validated), so 0 bounds any plan
        var iteration = 0;
        var stopped = CoordinationStatus.Feasible;
        var converged = false;

        void Offer(Candidate c, string phase)
        {
            if (c.Timed is null)
            {
                if (EnsureTimed(c, ct) is not { } timed) return;
                c = timed;
            }
            if (best is not null && !Improves(c, best)) return;
            best = c;
            _firstPlan ??= _clock.Elapsed;
            onEvent?.Invoke(new CoordinationEvent(phase, iteration, lowerBound, c.Objective, Subproblems, cuts.Count, c));
        }

        // Each step says so when it starts: the heartbeat repeats the last phase, and on XL a step lasts
        // minutes (the first round's repair about 25), so a phase named after it ended misleads.
        void Step(string phase, string message) =>
            onEvent?.Invoke(new CoordinationEvent(phase, iteration, lowerBound, best?.Objective, Subproblems, cuts.Count, null, message));

        while (true)
        {
            if (ct.IsCancellationRequested) { stopped = CoordinationStatus.Cancelled; break; }
            if (OutOfTime) { stopped = CoordinationStatus.TimeLimit; break; }
            iteration++;
            if (iteration > 1) Step("aggregate", "solving the aggregate LP with the new cuts");
            var relax = SolveRelaxation(_model.Build(null, cuts, ct), ct, out var relaxStatus, firstRelaxation: iteration == 1);
            if (relax is null)
            {
                if (ct.IsCancellationRequested) { stopped = CoordinationStatus.Cancelled; break; }
                if (relaxStatus != SolveStatus.Infeasible) { stopped = CoordinationStatus.TimeLimit; break; } // stopped, not infeasible
                if (iteration == 1)
                {
                    return Result(CoordinationStatus.Infeasible, null, double.PositiveInfinity, iteration, cuts.Count,
                        "The aggregate LP is infeasible (no plan meets the hard constraints even with set-ups relaxed): " + UnmetDemandHint());
                }
                break;
            }
            if (relax.Value.Objective >= lowerBound) _cutPool.PinBinding(relax.Value.Values, cuts); // this LP proves the bound now
            _cutPool.Age(relax.Value.Values, cuts, cutKeys);
            lowerBound = Math.Max(lowerBound, relax.Value.Objective);
            _latestRelaxation = relax.Value.Values;
            onEvent?.Invoke(new CoordinationEvent("aggregate", iteration, lowerBound, best?.Objective, Subproblems, cuts.Count, null));

            var (values, duals) = (relax.Value.Values, relax.Value.Duals);
            var pattern = Round(values);
            Step("repair", "sequencing the rounded set-ups, then their quantities, minimum runs and timing");
            var cand = Evaluate(pattern, values, duals, ct, report: message => Step("repair", message));
            var held = best;
            if (cand is not null) Offer(cand, "sequencing");
            // a new plan: more production where it still fits in time (Coordinator.Grow.cs)
            if (best is not null && !ReferenceEquals(best, held))
            {
                Step("grow", "more production in the new plan where it still fits in time");
                Grow(best, c => Offer(c, "grow"), ct);
            }
            if (best is not null && Gap(best.Objective, lowerBound) <= _settings.RelativeGap) { converged = true; break; }
            if (iteration >= _settings.MaxIterations) break;

            var added = Separate(values, cuts, cutKeys, ct);
            if (added == 0) break;
        }

        var mipFound = false;
        // Set-up MIP: better incumbents, a stronger bound, and proof when no executable plan exists.
        if (!converged && stopped == CoordinationStatus.Feasible && MipApplies)
        {
            // between the first (sliced) run and the next: fix-and-optimize from the best plan for a while
            Candidate ImproveBetweenRuns(Candidate from)
            {
                Step("fix-and-optimize", "improving the best plan one time window or line at a time, between the set-up MIP's runs");
                var improved = FixAndOptimize(cuts, cutKeys, from, c => Offer(c, "fix-and-optimize"), ct,
                    until: _clock.Elapsed + TimeSpan.FromTicks((long)(_settings.TimeLimit.Ticks * FixAndOptimizeAfterSliceShare)));
                Step("mip", "the set-up MIP again, from the improved plan");
                return improved;
            }
            Step("mip", "the set-up MIP over every line and bucket, with the cuts");
            var mip = RunSetupMip(cuts, cutKeys, best, rounds: 5, ct, onFound: c => Offer(c, "mip"), afterSlice: ImproveBetweenRuns);
            mipFound = mip.Best is not null;
            if (mip.Best is not null) Offer(mip.Best, "mip");
            lowerBound = Math.Max(lowerBound, mip.LowerBound);
            if (mip.ProvenInfeasible && best is null)
            {
                return Result(CoordinationStatus.Infeasible, null, double.PositiveInfinity, iteration, cuts.Count,
                    "The set-up model is infeasible (no executable plan exists: even with every changeover at its proven least), so " + UnmetDemandHint());
            }
            if (best is not null && Gap(best.Objective, lowerBound) <= _settings.RelativeGap) converged = true;
            else if (ct.IsCancellationRequested) stopped = CoordinationStatus.Cancelled;
            else if (OutOfTime) stopped = CoordinationStatus.TimeLimit;
        }

        // Relax-and-fix over time windows where the whole set-up MIP did not run (deterministic mode, too many
        // set-ups) or found no pattern: an integer set-up pattern, window by window (Coordinator.RelaxAndFix.cs).
        // Not before the MIP: measured under load, its windows took the time the MIP needed.
        if (!converged && stopped == CoordinationStatus.Feasible && !mipFound && !OutOfTime)
        {
            Step("relax-and-fix", "integer set-ups window by window over the horizon");
            if (RelaxAndFix(cuts, cutKeys, ct) is { } rnf) Offer(rnf, "relax-and-fix");
        }

        // Fix-and-optimize around the best plan: one window or line free at a time (Coordinator.RelaxAndFix.cs).
        if (!converged && !ct.IsCancellationRequested && !OutOfTime && best is not null)
        {
            Step("fix-and-optimize", "improving the best plan one time window or line at a time");
            FixAndOptimize(cuts, cutKeys, best, c => Offer(c, "fix-and-optimize"), ct);
            if (Gap(best.Objective, lowerBound) <= _settings.RelativeGap) converged = true;
            else if (ct.IsCancellationRequested) stopped = CoordinationStatus.Cancelled;
            else if (OutOfTime) stopped = CoordinationStatus.TimeLimit;
        }

        // Exact search over set-up patterns on small models (closes the gap the cut loop leaves).
        if (!converged && stopped == CoordinationStatus.Feasible && SetupCount() <= _settings.ExactMaxSetups)
        {
            Step("exact", "searching the set-up patterns exhaustively (a small model)");
            var exact = new ExactSearch(this, cuts, best, ct);
            var (exactBest, complete) = exact.Run(c => Offer(c, "exact"));
            if (exactBest is not null) Offer(exactBest, "exact");
            if (complete && best is not null && exactBest is not null)
            {
                // the search's best (untimed) value bounds every timed plan from below
                lowerBound = Math.Max(lowerBound, Math.Min(exactBest.Objective, best.Objective));
                converged = Gap(best.Objective, lowerBound) <= _settings.RelativeGap;
            }
            else if (ct.IsCancellationRequested) stopped = CoordinationStatus.Cancelled;
            else if (OutOfTime) stopped = CoordinationStatus.TimeLimit;
        }

        // Plan stability: the previous plan's slushy runs kept, compared at full cost (stability included).
        // Only when the best plan changes something there: a plan that already keeps the slushy zone
        // owes no stability cost, and the liquid zone is free.
        if (best is not null && _stability.Active && _stability.CostPerRun > 0 && !ct.IsCancellationRequested
            && best.Timed is { } bestTimed && _stability.Count(_inst, bestTimed) != (0, 0, 0))
        {
            if (StabilityCandidate.KeepPrevious(this, best, ct) is { } keep) Offer(keep, "stability");
        }

        if (best is null)
        {
            // Last resort: no production beyond frozen runs - by LP while time is left, else computed directly.
            var cand = OutOfTime || ct.IsCancellationRequested ? null : Evaluate(EmptyPattern(), null, null, ct);
            cand ??= NoProductionPlan();
            if (cand is not null) Offer(cand, "repair");
        }

        if (best is null && DeterministicRescueApplies() && !ct.IsCancellationRequested)
        {
            var mip = RunSetupMip(cuts, cutKeys, null, rounds: 1, ct, rescue: true);
            if (mip.Best is not null) Offer(mip.Best, "mip");
            if (mip.ProvenInfeasible && best is null)
            {
                return Result(CoordinationStatus.Infeasible, null, double.PositiveInfinity, iteration, cuts.Count,
                    "The set-up model is infeasible (no executable plan exists: even with every changeover at its proven least), so " + UnmetDemandHint());
            }
        }

        if (best is null)
        {
            return Result(ct.IsCancellationRequested ? CoordinationStatus.Cancelled : CoordinationStatus.NoPlan, null, lowerBound, iteration, cuts.Count,
                "No executable plan was found: the set-up patterns tried could not meet the hard constraints (MUST_MEET demand, minimum runs, warehouse capacity).");
        }

        var status = converged || Gap(best.Objective, lowerBound) <= _settings.RelativeGap ? CoordinationStatus.Optimal : stopped;
        return Result(status, best, Math.Min(lowerBound, best.Objective), iteration, cuts.Count, "");
    }

    private CoordinationResult Result(CoordinationStatus status, Candidate? best, double lb, int iterations, int cuts, string message) => new()
    {
        Status = status,
        Best = best,
        LowerBound = lb,
        Iterations = iterations,
        LpSolves = _lpSolves,
        Cuts = cuts,
        Subproblems = Subproblems,
        TimeToFirstPlan = _firstPlan,
        Message = message,
    };

    private long Subproblems => Interlocked.Read(ref _scheduler.SubproblemsSolved) + Interlocked.Read(ref _cutGen.SubproblemsSolved);

    public static double Gap(double upper, double lower) =>
        double.IsNegativeInfinity(lower) ? double.PositiveInfinity : Math.Max(0, upper - lower) / Math.Max(1, Math.Abs(upper));

    private int SetupCount()
    {
        var n = 0;
        for (var l = 0; l < _inst.Lines.Length; l++)
            for (var t = 0; t < _inst.T; t++)
                if (_inst.Lines[l].AvailableHours[t] > 0) n += _inst.Lines[l].Products.Length;
        return n;
    }

    // ------------------------------------------------------------------ LP plumbing

    internal readonly record struct LpPoint(double Objective, double[] Values, double[] Duals);

    /// <summary>
    /// Most columns of a MIP handed to Cbc with a time limit. Cbc's root LP (CbcModel::initialSolve) does
    /// not stop for the time limit: on generated L (144,302 columns) the hand-off's fixed set-up MIP was
    /// still in it minutes past a 600 s limit. Larger batch-multiple MIPs are rounded (LP, round, LP) as in
    /// deterministic mode, and the set-up MIP and window pieces are not run on them (relax-and-fix falls
    /// back to each window's LP). The same size as Clp's rule for presolve on stoppable solves.
    /// </summary>
    private const int TimedCbcMaxColumns = ClpLpSession.PresolveMaxColumnsWhenStoppable;

    /// <summary>
    /// True when a Cbc run on <paramref name="lm"/> would have a time limit it cannot keep (larger than
    /// <see cref="TimedCbcMaxColumns"/>); deterministic mode's Cbc runs are node-limited, not timed.
    /// </summary>
    private bool CbcWouldOverrunLimit(LinearModel lm) => !_settings.Deterministic && lm.VariableCount > TimedCbcMaxColumns;

    /// <summary>Solves an LP (or the MIP of batch multiples); null when infeasible or stopped.</summary>
    internal LpPoint? Solve(LinearModel m, CancellationToken ct) => Solve(m, ct, out _);

    /// <summary>
    /// The fixed set-up LP of a candidate plan: as <see cref="Solve(LinearModel, CancellationToken)"/>, but on
    /// large linked sites an LP infeasible with only the relaxation's lanes open counts as infeasible (the
    /// caller repairs the pattern; see <see cref="LanesClosedFirst"/>).
    /// </summary>
    internal LpPoint? SolveCandidate(LinearModel m, CancellationToken ct) => Solve(m, ct, out _, candidate: true);

    /// <summary>As <see cref="Solve(LinearModel, CancellationToken)"/>, telling why there is no point (infeasible, or stopped).</summary>
    /// <param name="lanesOf">A held plan's point when the LP is a neighbourhood of it (<see cref="Grow"/>): on large
    /// linked sites only the lanes it uses are open (else those of the latest relaxation, then the rest priced in as
    /// <see cref="OpenLanesFor"/> says), and batch counts are rounded, not left to Cbc (whose share of the limit,
    /// a tenth, made each of generated M's growth rounds take seconds).</param>
    internal LpPoint? Solve(LinearModel m, CancellationToken ct, out SolveStatus status, bool firstRelaxation = false, bool candidate = false,
        IReadOnlyList<double>? lanesOf = null)
    {
        status = SolveStatus.Optimal;
        Interlocked.Increment(ref _lpSolves);
        var options = LpOptions(firstRelaxation);
        if (m.IsMip)
        {
            // Deterministic mode rounds batches (LP, round, LP): a time-limited Cbc is not repeatable.
            // So does a MIP too large for Cbc to stop in time, and every candidate before the first plan:
            // its timing repair re-solves the candidate a dozen times, and with Cbc each took seconds
            // (generated M's first plan came at 57-59 s whatever the limit; Cbc runs once a plan is held).
            if (_mip is not null && !_settings.Deterministic && !CbcWouldOverrunLimit(m) && _firstPlan is not null && lanesOf is null)
            {
                // batch counts only: a near-optimal incumbent within a share of the budget is enough
                var share = TimeSpan.FromSeconds(Math.Max(1, _settings.TimeLimit.TotalSeconds / 10));
                var r = _mip.Solve(m, options with { RelativeGap = 1e-5, TimeLimit = share < options.TimeLimit ? share : options.TimeLimit }, null, ct);
                status = r.Status;
                return r.HasSolution ? new LpPoint(r.Objective, r.Values.ToArray(), new double[m.ConstraintCount]) : null;
            }
            return SolveBatchesByRounding(m, options, candidate, lanesOf, ct);
        }
        var res = SolveLp(m, options, candidate, lanesOf, ct);
        status = res.Status;
        return res.HasSolution ? new LpPoint(res.Objective, res.Values.ToArray(), res.Duals.ToArray()) : null;
    }

    /// <summary>
    /// One Clp solve of an LP this coordinator's model built (large linked sites: lanes closed first,
    /// except those the latest relaxation uses).
    /// </summary>
    private LpResult SolveLp(LinearModel m, SolverOptions options, bool candidate, IReadOnlyList<double>? lanesOf, CancellationToken ct) =>
        LanesClosedFirst.Solve(_lp, m, _model.TransferColumns(m), options, ct, lanesOf ?? _latestRelaxation, closedInfeasibleIsFinal: candidate,
            openLanes: lanesOf is null && OpenLanesFor(candidate));

    /// <summary>
    /// Whether a large linked-site LP opens its closed lanes (<see cref="LanesClosedFirst"/>): all but a
    /// candidate's before the first plan, which keeps only the lanes the relaxation uses. Its repair
    /// solves the LP some 20-30 times, and pricing the other lanes in was 45 % of each solve on generated
    /// L (step one 2.3 s, pricing 4.8 s, the rounding's warm solve 3.5 s); the plan it gives is executable
    /// all the same, and later candidates use every lane.
    /// </summary>
    private bool OpenLanesFor(bool candidate) => !candidate || !SeekingFirstPlan;

    /// <summary>Without a MIP solver: solve the LP, round batch recipes down to whole batches, fix them and solve again.</summary>
    private LpPoint? SolveBatchesByRounding(LinearModel m, SolverOptions options, bool candidate, IReadOnlyList<double>? lanesOf, CancellationToken ct)
    {
        // A large linked-site LP keeps its session: fixing the batches only tightens bounds, so the second
        // solve goes on warm from the first (dual simplex) instead of two more steps from scratch.
        var (session, first) = LanesClosedFirst.SolveKeepingSession(_lp, m, _model.TransferColumns(m), options, ct, lanesOf ?? _latestRelaxation, closedInfeasibleIsFinal: candidate,
            openLanes: lanesOf is null && OpenLanesFor(candidate));
        using (session)
        {
            if (!first.HasSolution) return null;
            foreach (var r in _inst.Recipes)
            {
                if (r.BatchSize <= 0) continue;
                foreach (var x in _model.X[r.Index])
                {
                    if (x < 0) continue;
                    var q = Math.Floor(first.Values[x] / r.BatchSize + 1e-7) * r.BatchSize;
                    m.SetBounds(new Variable(x), q, q);
                    session?.SetBounds(new Variable(x), q, q);
                }
            }
            Interlocked.Increment(ref _lpSolves);
            session?.SetTimeLimit(options.TimeLimit);
            var second = session?.Solve(ct) ?? SolveLp(m, options, candidate, lanesOf, ct);
            return second.HasSolution ? new LpPoint(second.Objective, second.Values.ToArray(), second.Duals.ToArray()) : null;
        }
    }

    // ------------------------------------------------------------------ rounding, evaluation

    /// <summary>Products with production in the LP point are set up.</summary>
    internal IReadOnlyList<int>[][] Round(double[] values)
    {
        var L = _inst.Lines.Length;
        var pattern = new IReadOnlyList<int>[L][];
        for (var l = 0; l < L; l++)
        {
            var line = _inst.Lines[l];
            pattern[l] = new IReadOnlyList<int>[_inst.T];
            for (var t = 0; t < _inst.T; t++)
                pattern[l][t] = line.Products.Where(p => Produced(values, l, p, t) > Eps).ToList();
        }
        return pattern;
    }

    internal IReadOnlyList<int>[][] EmptyPattern() =>
        _inst.Lines.Select(_ => Enumerable.Range(0, _inst.T).Select(_ => (IReadOnlyList<int>)Array.Empty<int>()).ToArray()).ToArray();

    internal double Produced(double[] values, int l, int p, int t)
    {
        var sum = 0.0;
        foreach (var r in _inst.Lines[l].RecipesOfProduct[p])
        {
            var x = _model.X[r][t];
            if (x >= 0) sum += values[x];
        }
        return sum;
    }

    /// <summary>Evaluation rounds allowed past the limit while no plan exists yet.</summary>
    private const int MaxRoundsPastLimitForFirstPlan = 12;

    /// <summary>
    /// Sequences a pattern, solves its fixed set-up LP, and drops set-up products the LP leaves
    /// without production (sequencing again), until every set-up product runs; then places the runs
    /// in time, and where some do not fit caps them (<see cref="TimingCaps"/>) and goes round again.
    /// Before the first plan the caps also freeze every quantity and sequence at the first placement
    /// tried. Null when no executable plan follows from the pattern. <paramref name="report"/> hears
    /// what each round of the repair found (on XL the first round's repair lasts many minutes).
    /// </summary>
    internal Candidate? Evaluate(IReadOnlyList<int>[][] pattern, double[]? relaxValues, double[]? duals, CancellationToken ct,
        Func<int, int, int[]?>? forced = null, Action<LinearModel, SetupFixing>? shape = null, Action<string>? report = null)
    {
        var current = pattern.Select(a => a.Select(s => s.ToList()).ToArray()).ToArray();
        double[]? priorityValues = relaxValues;
        var infeasibleRounds = 0;
        var caps = new TimingCaps();
        var timingRounds = 0;
        var roundsPastLimit = 0;
        LineSchedule? frozenOrder = null; // the sequences kept once the repair of a first plan freezes its quantities
        for (var attempt = 0; attempt < 50 + 3 * _inst.Lines.Length * _inst.T; attempt++)
        {
            if (ct.IsCancellationRequested) return null;
            // Past the limit a started evaluation is dropped, unless it would be the first plan: a few
            // more rounds then beat the last resort (producing nothing) by far.
            if (attempt > 0 && OutOfTime && (_firstPlan is not null || ++roundsPastLimit > MaxRoundsPastLimitForFirstPlan)) return null;
            var pv = priorityValues;
            var (schedule, fixing) = _scheduler.Schedule(
                current.Select(a => a.Select(s => (IReadOnlyList<int>)s).ToArray()).ToArray(),
                (l, t, p) => pv is null ? 0 : Produced(pv, l, p, t),
                (l, t) => HourPrice(duals, l, t), ct,
                frozenOrder is null ? forced : (l, t) => forced?.Invoke(l, t) ?? frozenOrder[l, t].Order);
            // A lot that the timing caps leave below its minimum run makes this round's LP infeasible, and the repair
            // after it would drop exactly those lots (Coordinator.MinRuns.cs): drop them without the LP. A dropped lot can change the next bucket's start so that its first lot now owes a minimum run
            // too, so this is checked every round (generated L: 16 of 52 rounds before its first plan needed no LP).
            if (caps.Count > 0 && DropLotsCappedBelowMinRun(current, fixing, caps) is var capped and > 0)
            {
                infeasibleRounds++; // as the LP round would have counted
                report?.Invoke($"repair round {attempt + 1}: {capped} lots capped below their minimum run dropped (no LP needed)");
                continue;
            }
            var fixedModel = _model.Build(fixing, Array.Empty<SetupCut>(), ct);
            var fixedRows = _model.Rows;
            shape?.Invoke(fixedModel, fixing);
            caps.Apply(fixedModel, _model);
            var fixedLp = SolveCandidate(fixedModel, ct);
            if (fixedLp is null)
            {
                if (ct.IsCancellationRequested) return null;
                // Repair: minimum runs or batches cannot be met - drop the lots that cannot make theirs (Coordinator.MinRuns.cs).
                var lotsBefore = LotCount(current);
                if (!DropMinRunLots(current, fixing, pv, infeasibleRounds++, () => MinRunShortfalls(fixedModel, fixedRows, ct), out var why)) return null;
                report?.Invoke($"repair round {attempt + 1}: the set-ups' LP is infeasible (minimum runs or batches); {lotsBefore - LotCount(current)} of {lotsBefore} lots dropped: {why}");
                continue;
            }
            var values = fixedLp.Value.Values;
            var idle = 0;
            for (var l = 0; l < current.Length; l++)
                for (var t = 0; t < _inst.T; t++)
                {
                    var keep = schedule[l, t].Order.Where(p => Produced(values, l, p, t) > Eps).ToList();
                    idle += schedule[l, t].Order.Length - keep.Count;
                    current[l][t] = keep;
                }
            if (idle > 0) report?.Invoke($"repair round {attempt + 1}: {idle} set-up lots make nothing in the set-ups' LP; sequencing again without them");
            else
            {
                var (timed, failures) = _timer.Place(schedule, (r, t) => Quantity(values, r, t), ct);
                if (timed is not null) return Timed(values, schedule, fixing, fixedLp.Value.Objective, timed);
                // repair: the bucket's runs do not fit in time - cap the stuck runs and solve again
                // after a few rounds (or past the time limit) the repair stops halving and removes what does not fit
                var hurry = OutOfTime || ++timingRounds > 2;
                if (SeekingFirstPlan)
                {
                    // No plan yet: from here the repair only takes quantity away, in the same sequences. Else the
                    // LP moves what the caps took into buckets that fitted, where it gets stuck in turn: generated
                    // L seed 1 repaired 30 rounds in 300 s without a plan; frozen, its first plan came at 150 s
                    // (M's at 4.1 s instead of 8.0 s, 3.7 % dearer).
                    caps.Freeze(_inst, (r, t) => Quantity(values, r, t));
                    frozenOrder ??= schedule;
                }
                foreach (var failure in failures) caps.Add(failure, _inst, hurry);
                report?.Invoke($"repair round {attempt + 1}: the runs of {failures.Count} buckets do not fit in time; their quantities capped");
            }
            priorityValues = values;
        }
        return null;
    }

    private static int LotCount(List<int>[][] pattern) => pattern.Sum(a => a.Sum(s => s.Count));

    /// <summary>Whether <paramref name="c"/> costs less than <paramref name="than"/> by more than float noise (1e-9 relative).</summary>
    internal static bool Improves(Candidate c, Candidate than) => c.Objective < than.Objective - 1e-9 * Math.Max(1, Math.Abs(than.Objective));

    /// <summary>A timed candidate; its objective adds the stability cost of its runs to the fixed set-up LP's.</summary>
    private Candidate Timed(double[] values, LineSchedule schedule, SetupFixing fixing, double lpObjective, Scheduling.TimedSchedule timed) => new()
    {
        Values = values,
        Schedule = schedule,
        Fixing = fixing,
        Timed = timed,
        Objective = lpObjective + timed.ExtraChangeoverCost + _stability.Cost(_stability.Count(_inst, timed)),
    };

    internal PlanningInstance Instance => _inst;
    internal Scheduling.PlanStabilityCounter Stability => _stability;

    /// <summary>Units of recipe r in bucket t of an LP point, as the plan reports them.</summary>
    internal double Quantity(double[] values, int r, int t)
    {
        var x = _model.X[r][t];
        return x < 0 || Math.Abs(values[x]) < 1e-9 ? 0.0 : values[x];
    }

    /// <summary>
    /// Times a candidate that came without times (the exact search's leaves). When its runs do not
    /// fit in time, its pattern goes through <see cref="Evaluate"/>, which repairs; null when no
    /// executable plan follows.
    /// </summary>
    internal Candidate? EnsureTimed(Candidate c, CancellationToken ct)
    {
        var (timed, _) = _timer.Place(c.Schedule, (r, t) => Quantity(c.Values, r, t), ct);
        if (timed is not null) return Timed(c.Values, c.Schedule, c.Fixing, c.Objective, timed);
        var pattern = c.Schedule.Buckets.Select(b => b.Select(s => (IReadOnlyList<int>)s.Order).ToArray()).ToArray();
        return Evaluate(pattern, c.Values, null, ct);
    }

    private double HourPrice(double[]? duals, int l, int t)
    {
        const double tieBreak = 1e-6;
        if (duals is null) return tieBreak;
        var row = _model.CapacityRow[l][t];
        return row < 0 ? tieBreak : Math.Abs(duals[row]) + tieBreak;
    }

    // ------------------------------------------------------------------ cuts

    /// <summary>
    /// Adds the cuts the LP point violates; returns how many. The candidates' bounds are computed
    /// as one batch on the subproblem pipeline and applied in candidate order.
    /// </summary>
    internal int Separate(double[] values, List<SetupCut> cuts, HashSet<string> keys, CancellationToken ct)
    {
        var candidates = new List<(CutGenerator.Request Request, string Key, double Activity, double Current)>();
        for (var l = 0; l < _inst.Lines.Length; l++)
        {
            var line = _inst.Lines[l];
            for (var t = 0; t < _inst.T; t++)
            {
                if (_model.Co[l][t] < 0 || ct.IsCancellationRequested) continue;
                var y = Enumerable.Range(0, line.Products.Length).Select(i => values[_model.Y[l][i][t]]).ToArray();
                // candidate sets: the products set up fully, and those with production
                var sets = new List<int[]>
                {
                    Enumerable.Range(0, y.Length).Where(i => y[i] >= 1 - 1e-6).ToArray(),
                    Enumerable.Range(0, y.Length).Where(i => Produced(values, l, line.Products[i], t) > Eps).ToArray(),
                };
                foreach (var set in sets.Where(s => s.Length >= 1).DistinctBy(s => string.Join(',', s)))
                {
                    var activity = set.Sum(i => y[i]) - set.Length + 1;
                    if (activity <= 1e-6) continue;
                    foreach (var kind in new[] { SetupCutKind.Hours, SetupCutKind.Cost })
                    {
                        var key = CutPool.Key(l, t, kind, set);
                        if (keys.Contains(key)) continue;
                        var current = values[kind == SetupCutKind.Hours ? _model.Co[l][t] : _model.Cc[l][t]];
                        candidates.Add((new CutGenerator.Request(l, t, set, kind), key, activity, current));
                    }
                }
            }
        }
        var bounds = _cutGen.Bounds(candidates.Select(c => c.Request).ToList(), ct);
        var added = 0;
        var fresh = new List<SetupCut>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (request, key, activity, current) = candidates[i];
            // +inf (no order of these products exists): at most |S| - 1 of them may be set up
            if (CutPool.RowBound(bounds[i], request.Kind, _inst.Lines[request.Line].AvailableHours[request.Bucket]) is not { } bound) continue;
            if (bound * activity > current + 1e-6 * Math.Max(1, bound))
            {
                keys.Add(key);
                fresh.Add(new SetupCut(request.Line, request.Bucket, request.Positions, request.Kind, bound));
                cuts.Add(fresh[^1]);
                _cutPool.Added(fresh[^1]);
                added++;
            }
        }
        return added + _cutPool.Share(fresh, values, cuts, keys, ct);
    }

    // ------------------------------------------------------------------ exact search

    /// <summary>
    /// Depth-first branch-and-bound over set-up indicators for small models. Node bound: the LP
    /// relaxation with the node's set-ups fixed (valid: changeover bounds and cuts hold for every
    /// pattern). A node whose set-ups are all fixed is a leaf: its value is the best fixed set-up LP
    /// over all orders of its buckets (sequences enumerated per line, dominated ones pruned).
    /// </summary>
    private sealed class ExactSearch(Coordinator owner, List<SetupCut> cuts, Candidate? incumbent, CancellationToken ct)
    {
        private Candidate? _best = incumbent;
        private int _nodes;
        private bool _aborted;

        public (Candidate? Best, bool Complete) Run(Action<Candidate> onImproved)
        {
            var inst = owner._inst;
            var vars = new List<(int L, int I, int T)>();
            for (var l = 0; l < inst.Lines.Length; l++)
                for (var t = 0; t < inst.T; t++)
                    if (inst.Lines[l].AvailableHours[t] > 0)
                        for (var i = 0; i < inst.Lines[l].Products.Length; i++) vars.Add((l, i, t));
            var fixedTo = new int[vars.Count];
            Array.Fill(fixedTo, -1);
            Dfs(vars, fixedTo, onImproved);
            return (_best, !_aborted);
        }

        private void Dfs(List<(int L, int I, int T)> vars, int[] fixedTo, Action<Candidate> onImproved)
        {
            if (_aborted) return;
            if (ct.IsCancellationRequested || owner.OutOfTime || ++_nodes > owner._settings.ExactMaxNodes) { _aborted = true; return; }
            var lm = owner._model.Build(null, cuts, ct);
            for (var k = 0; k < vars.Count; k++)
            {
                if (fixedTo[k] < 0) continue;
                var v = owner._model.Y[vars[k].L][vars[k].I][vars[k].T];
                lm.SetBounds(new Variable(v), fixedTo[k], fixedTo[k]);
                if (fixedTo[k] == 0)
                    foreach (var r in owner._inst.Lines[vars[k].L].RecipesOfProduct[owner._inst.Lines[vars[k].L].Products[vars[k].I]])
                        if (owner._model.X[r][vars[k].T] >= 0) lm.SetBounds(new Variable(owner._model.X[r][vars[k].T]), 0, 0);
            }
            var node = owner.Solve(lm, ct);
            if (node is null) return;
            if (_best is not null && node.Value.Objective >= _best.Objective - 1e-7 * Math.Max(1, Math.Abs(_best.Objective))) return;

            var next = -1;
            for (var k = 0; k < vars.Count; k++)
                if (fixedTo[k] < 0) { next = k; break; }
            if (next < 0)
            {
                var leaf = Leaf(vars, fixedTo);
                if (leaf is not null && (_best is null || leaf.Objective < _best.Objective - 1e-9))
                {
                    _best = leaf;
                    onImproved(leaf);
                }
                return;
            }
            // branch: the LP's preferred side first
            var yv = node.Value.Values[owner._model.Y[vars[next].L][vars[next].I][vars[next].T]];
            var first = yv >= 0.5 ? 1 : 0;
            foreach (var side in new[] { first, 1 - first })
            {
                fixedTo[next] = side;
                Dfs(vars, fixedTo, onImproved);
                fixedTo[next] = -1;
                if (_aborted) return;
            }
        }

        /// <summary>Best plan of a fully fixed pattern: every non-dominated combination of line sequences through the fixed set-up LP.</summary>
        private Candidate? Leaf(List<(int L, int I, int T)> vars, int[] fixedTo)
        {
            var inst = owner._inst;
            var sets = new List<int>[inst.Lines.Length][];
            for (var l = 0; l < inst.Lines.Length; l++)
            {
                sets[l] = new List<int>[inst.T];
                for (var t = 0; t < inst.T; t++) sets[l][t] = [];
            }
            for (var k = 0; k < vars.Count; k++)
                if (fixedTo[k] == 1) sets[vars[k].L][vars[k].T].Add(inst.Lines[vars[k].L].Products[vars[k].I]);

            var perLine = new List<LineOption>[inst.Lines.Length];
            for (var l = 0; l < inst.Lines.Length; l++)
            {
                perLine[l] = ExactSequences.Enumerate(inst, l, sets[l]);
                if (perLine[l].Count == 0) return null; // some bucket cannot run this set
            }
            Candidate? best = null;
            var choice = new LineOption[inst.Lines.Length];
            void Combine(int l)
            {
                if (_aborted) return;
                if (l == inst.Lines.Length)
                {
                    if (ct.IsCancellationRequested || owner.OutOfTime) { _aborted = true; return; }
                    var fixing = ExactSequences.Fixing(inst, choice);
                    var lp = owner.Solve(owner._model.Build(fixing, Array.Empty<SetupCut>(), ct), ct);
                    if (lp is null) return;
                    // every set-up product must run: a zero lot is the smaller pattern, enumerated elsewhere
                    for (var ll = 0; ll < inst.Lines.Length; ll++)
                        for (var t = 0; t < inst.T; t++)
                            foreach (var p in choice[ll].Buckets[t].Order)
                                if (owner.Produced(lp.Value.Values, ll, p, t) <= Eps) return;
                    if (best is null || lp.Value.Objective < best.Objective)
                        best = new Candidate { Values = lp.Value.Values, Schedule = new LineSchedule(choice.Select(c => c.Buckets).ToArray()), Fixing = fixing, Objective = lp.Value.Objective };
                    return;
                }
                foreach (var option in perLine[l])
                {
                    choice[l] = option;
                    Combine(l + 1);
                }
            }
            Combine(0);
            return best;
        }
    }
}
