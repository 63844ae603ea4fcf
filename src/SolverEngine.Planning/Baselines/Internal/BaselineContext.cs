using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using SolveStatus = SolverEngine.Contracts.V1.SolveStatus;

namespace SolverEngine.Planning.Baselines.Internal;

/// <summary>
/// What both baselines share with the engine: the compiled instance, a coordinator used only for
/// its building blocks (aggregate LP layout, rounding, sequencing with repair, fixed set-up LP),
/// and the plan builder, so that their plans are built and verified exactly like the engine's.
/// </summary>
internal sealed class BaselineContext
{
    public required PlanningInstance Inst { get; init; }
    public required Coordinator Coordinator { get; init; }
    public required PlanBuilder Builder { get; init; }
    public required Stopwatch Clock { get; init; }

    /// <param name="stepLimit">Time the coordinator's LP and sequencing steps may take (its own clock starts now).</param>
    public static BaselineContext Create(PlanningModel model, SolveOptions options, TimeSpan stepLimit)
    {
        var clock = Stopwatch.StartNew();
        var inst = InstanceBuilder.Build(model);
        var settings = new CoordinatorSettings
        {
            TimeLimit = stepLimit,
            Seed = unchecked((int)options.Seed),
            Deterministic = options.Deterministic,
        };
        var coordinator = new Coordinator(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer(), settings);
        return new BaselineContext { Inst = inst, Coordinator = coordinator, Builder = new PlanBuilder(inst, coordinator.Model), Clock = clock };
    }

    /// <summary>The time limit of <paramref name="options"/> (60 s when unset), checked like the engine checks it.</summary>
    public static TimeSpan Limit(SolveOptions options)
    {
        // the engine's rules for time limit, gap and threads; the profile and parameters are the baseline's own
        var check = options.Clone();
        check.Profile = "";
        check.Parameters.Clear();
        PlanningEngine.ValidateOptions(check);
        return options.TimeLimit is null ? TimeSpan.FromSeconds(60) : options.TimeLimit.ToTimeSpan();
    }

    /// <summary>Set-up pattern of an LP/MIP point: products with production in each (line, bucket).</summary>
    public IReadOnlyList<int>[][] Pattern(double[] values) => Coordinator.Round(values);

    /// <summary>
    /// The executable plan of given run orders ([line][bucket] = products in order): sequences with
    /// the carried state, the fixed set-up LP for the quantities. Null when an order breaks a rule
    /// (forbidden transition, max runs, changeovers plus minimum runs over the hours), the LP is
    /// infeasible, or it leaves a set-up product without production (the orders would then not be
    /// the plan's).
    /// </summary>
    public Candidate? FromOrders(int[][][] orders, CancellationToken ct)
    {
        // the LP may leave a lot empty (cheaper not to make it): drop such lots and try again, as the engine's evaluation does
        for (var attempt = 0; attempt < 20 && !ct.IsCancellationRequested; attempt++)
        {
            var (cand, empty) = TryOrders(orders, ct);
            if (cand is not null || empty is null) return cand;
            orders = orders.Select((byLine, l) => byLine.Select((o, t) => o.Where(p => !empty.Contains((l, t, p))).ToArray()).ToArray()).ToArray();
        }
        return null;
    }

    private (Candidate? Plan, HashSet<(int, int, int)>? Empty) TryOrders(int[][][] orders, CancellationToken ct)
    {
        var inst = Inst;
        var L = inst.Lines.Length;
        var buckets = new BucketSequence[L][];
        var setup = new bool[L][][];
        var minRun = new bool[L][][];
        var hours = new double[L][];
        var cost = new double[L][];
        var frozenCost = 0.0;
        for (var l = 0; l < L; l++)
        {
            var line = inst.Lines[l];
            buckets[l] = new BucketSequence[inst.T];
            setup[l] = line.Products.Select(_ => new bool[inst.T]).ToArray();
            minRun[l] = line.Products.Select(_ => new bool[inst.T]).ToArray();
            hours[l] = new double[inst.T];
            cost[l] = new double[inst.T];
            var carried = LineScheduler.FrozenState(inst, l, out var fc);
            frozenCost += fc;
            for (var t = 0; t < inst.T; t++)
            {
                var (kind, start) = LineStarts.StartOf(inst, l, t, carried);
                var order = orders[l][t];
                if (line.AvailableHours[t] <= 0 && order.Length > 0) return (null, null);
                double h = 0, c = 0;
                var state = start;
                foreach (var p in order)
                {
                    if (line.Into(state, p) is { } e)
                    {
                        if (e.Forbidden) return (null, null);
                        h += e.Hours;
                        c += e.Cost;
                    }
                    state = p;
                }
                var seq = new BucketSequence { Order = order, StartState = start, EndState = order.Length > 0 ? order[^1] : start, Hours = h, Cost = c };
                if (!LineScheduler.Fits(inst, l, t, seq, kind)) return (null, null);
                buckets[l][t] = seq;
                hours[l][t] = h;
                cost[l][t] = c;
                for (var k = 0; k < order.Length; k++)
                {
                    var i = Array.IndexOf(line.Products, order[k]);
                    setup[l][i][t] = true;
                    minRun[l][i][t] = k > 0 || LineScheduler.NeedsChangeover(line, kind, start, order[0]);
                }
                carried = seq.EndState;
            }
        }
        var fixing = new SetupFixing { Setup = setup, MinRunApplies = minRun, ChangeoverHours = hours, ChangeoverCost = cost, FrozenChangeoverCost = frozenCost };
        var lm = Coordinator.Model.Build(fixing, Array.Empty<SetupCut>());
        // every lot of the orders makes at least a token amount, as in the MIP: a lot the LP would leave
        // empty may be the one that makes a forbidden pair passable (and an empty lot is not a run)
        for (var l = 0; l < L; l++)
            for (var t = 0; t < inst.T; t++)
                foreach (var p in orders[l][t])
                {
                    var x = inst.Lines[l].RecipesOfProduct[p].Select(r => Coordinator.Model.X[r][t]).FirstOrDefault(v => v >= 0, -1);
                    if (x >= 0) lm.SetBounds(new Variable(x), Math.Max(lm.LowerBound(new Variable(x)), MonolithicMip.Token), lm.UpperBound(new Variable(x)));
                }
        var lp = Coordinator.Solve(lm, ct);
        if (lp is null) return (null, null);
        var empty = new HashSet<(int, int, int)>();
        for (var l = 0; l < L; l++)
            for (var t = 0; t < inst.T; t++)
                foreach (var p in orders[l][t])
                    if (Coordinator.Produced(lp.Value.Values, l, p, t) <= 1e-6) empty.Add((l, t, p));
        if (empty.Count > 0) return (null, empty);
        // runs get exact times like the engine's (a bucket that does not fit in time is repaired)
        var candidate = new Candidate { Values = lp.Value.Values, Schedule = new LineSchedule(buckets), Fixing = fixing, Objective = lp.Value.Objective };
        return (Coordinator.EnsureTimed(candidate, ct), null);
    }

    /// <summary>The result record of a baseline's plan (or of no plan).</summary>
    public SolveResult Result(Candidate? plan, double lowerBound, bool timedOut, string message, long subproblems, int threads)
    {
        var result = new SolveResult
        {
            Message = message,
            Stats = new SolveStats
            {
                WallTime = Duration.FromTimeSpan(Clock.Elapsed),
                SubproblemsSolved = (ulong)Math.Max(0, subproblems),
                Threads = threads,
                PeakMemoryBytes = (ulong)Math.Max(0, Environment.WorkingSet),
            },
        };
        if (plan is null)
        {
            result.Status = timedOut ? SolveStatus.TimeLimit : SolveStatus.Failed;
            result.LowerBound = double.IsFinite(lowerBound) ? lowerBound : 0;
            return result;
        }
        result.Plan = Builder.Build(plan);
        result.Objective = result.Plan.Objective;
        result.LowerBound = double.IsFinite(lowerBound) ? Math.Min(lowerBound, result.Objective) : 0;
        result.Gap = double.IsFinite(lowerBound) ? Coordinator.Gap(result.Objective, result.LowerBound) : 1;
        result.Status = result.Gap <= 1e-4 ? SolveStatus.Optimal : timedOut ? SolveStatus.TimeLimit : SolveStatus.Feasible;
        result.Stats.TimeToFirstPlan = result.Stats.WallTime;
        return result;
    }
}
