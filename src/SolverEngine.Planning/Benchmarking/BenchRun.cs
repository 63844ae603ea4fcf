namespace SolverEngine.Planning.Benchmarking;

/// <summary>Settings every run of a benchmark shares.</summary>
public sealed record BenchSettings
{
    /// <summary>Time limit of each run (engine and baselines alike).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Runs per instance and profile (seed of repeat k = the profile's seed + k).</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Threads of runs whose profile leaves threads at 0 (0 = all cores).</summary>
    public int Threads { get; init; }

    /// <summary>Times at which the objective held is recorded (from the incumbent stream).</summary>
    public IReadOnlyList<double> Checkpoints { get; init; } = [10, 30, 60];
}

/// <summary>One row of a benchmark: one instance, one profile, one repeat.</summary>
public sealed class BenchRun
{
    public required string Set { get; init; }
    public required string Instance { get; init; }
    public required string Profile { get; init; }
    public required BenchProfileKind Kind { get; init; }
    public required int Repeat { get; init; }
    /// <summary>OPTIMAL, FEASIBLE, TIME_LIMIT, INFEASIBLE, CANCELLED, FAILED, or ERROR when the run threw.</summary>
    public required string Status { get; init; }
    public required double TimeLimitSeconds { get; init; }
    public required double WallSeconds { get; init; }
    /// <summary>(seconds, objective) of every better executable plan, in time order.</summary>
    public required IReadOnlyList<(double Seconds, double Objective)> Trace { get; init; }
    public double? FirstPlanSeconds => Trace.Count > 0 ? Trace[0].Seconds : null;
    public double? FirstPlanObjective => Trace.Count > 0 ? Trace[0].Objective : null;
    /// <summary>Objective of the final executable plan (null when none).</summary>
    public double? FinalObjective { get; init; }
    public double? LowerBound { get; init; }
    public double? Gap { get; init; }
    public long Subproblems { get; init; }
    public double SubproblemsPerSecond => WallSeconds > 0 ? Subproblems / WallSeconds : 0;
    /// <summary>Peak growth of the process working set over the run (sampled every 50 ms; includes native Clp/Cbc memory).</summary>
    public double PeakWorkingSetDeltaMb { get; init; }
    /// <summary>Managed bytes allocated during the run (GC.GetTotalAllocatedBytes delta).</summary>
    public double AllocatedMb { get; init; }
    /// <summary>"valid", "invalid" or "no plan": PlanVerifier on the final plan.</summary>
    public required string Verdict { get; init; }
    /// <summary>Violation codes with counts when invalid.</summary>
    public string Violations { get; init; } = "";
    /// <summary>Baselines: objective and bound of their own model (MIP or aggregate plan).</summary>
    public double? ModelObjective { get; init; }
    public double? ModelBound { get; init; }
    public string Formulation { get; init; } = "";
    /// <summary>Hand-off only: promised units, units that cannot run, (line, bucket) pairs overloaded, and the verifier on the promised plan.</summary>
    public double? PromisedUnits { get; init; }
    public double? UnexecutableUnits { get; init; }
    public double? UnexecutablePercent => PromisedUnits is > 0 && UnexecutableUnits is { } u ? 100 * u / PromisedUnits.Value : PromisedUnits is not null ? 0 : null;
    public int? OverloadedBuckets { get; init; }
    public string PromisedVerdict { get; init; } = "";
    public string Notes { get; init; } = "";
    /// <summary>Best known objective of the instance (published or documented with the data; see <see cref="BestKnownValues"/>); null when none.</summary>
    public double? BestKnown { get; init; }
    /// <summary>Where <see cref="BestKnown"/> comes from.</summary>
    public string BestKnownSource { get; init; } = "";
    /// <summary>Final objective / best known (above 1 = worse than the best known); null when either is missing or the best known is 0.</summary>
    public double? RatioToBest => FinalObjective is { } f && BestKnown is { } b && b != 0 ? f / b : null;

    /// <summary>The objective held at <paramref name="seconds"/>: the last plan found by then; null when none yet or the run was limited below that time.</summary>
    public double? ObjectiveAt(double seconds)
    {
        if (seconds > TimeLimitSeconds + 1e-9 && seconds > WallSeconds) return null;
        double? held = null;
        foreach (var (s, o) in Trace)
            if (s <= seconds + 1e-9) held = o;
        return held;
    }

    /// <summary>First time the run held a plan with objective at most <paramref name="target"/> (relative tolerance 1e-6); null when never.</summary>
    public double? TimeToReach(double target)
    {
        foreach (var (s, o) in Trace)
            if (o <= target + 1e-6 * Math.Max(1, Math.Abs(target))) return s;
        return null;
    }
}

/// <summary>Where a benchmark is: one event when a run starts, while it improves, and when it ends (<see cref="Finished"/> set).</summary>
public sealed record BenchProgress(int Index, int Total, string Instance, string Profile, int Repeat, TimeSpan Elapsed, double? BestObjective, BenchRun? Finished);
