using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Coordination;
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
