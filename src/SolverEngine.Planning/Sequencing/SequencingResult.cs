namespace SolverEngine.Planning.Sequencing;

/// <summary>What a sequencing call established about its problem.</summary>
public enum SequencingStatus
{
    /// <summary>An order was found and proven to have the least total weight.</summary>
    Optimal,
    /// <summary>An order without forbidden transitions was found; optimality is not proven.</summary>
    Feasible,
    /// <summary>Proven: every order uses a forbidden transition.</summary>
    Infeasible,
    /// <summary>No allowed order was found within the budget, and infeasibility was not proven.</summary>
    NoSolutionFound,
}

/// <summary>Why the solve stopped.</summary>
public enum SequencingStopReason
{
    /// <summary>The methods ran to completion (proof or their own end).</summary>
    Completed,
    /// <summary>The time or work budget ran out.</summary>
    LimitReached,
    /// <summary>The cancellation token fired.</summary>
    Cancelled,
}

/// <summary>The answer of an <see cref="ISequencer"/>.</summary>
public sealed record SequencingResult
{
    /// <summary>What was established.</summary>
    public required SequencingStatus Status { get; init; }

    /// <summary>Why the solve stopped.</summary>
    public required SequencingStopReason StopReason { get; init; }

    /// <summary>The best order found (product indices), empty when none was found.</summary>
    public required IReadOnlyList<int> Order { get; init; }

    /// <summary>Total weight of <see cref="Order"/>; +inf when no order was found.</summary>
    public required double Cost { get; init; }

    /// <summary>A proven lower bound on the least total weight (+inf when infeasible).</summary>
    public required double LowerBound { get; init; }

    /// <summary>True when <see cref="Cost"/> is proven to be the least total weight.</summary>
    public bool IsProvenOptimal => Status == SequencingStatus.Optimal;

    /// <summary>True when <see cref="Order"/> holds a usable order.</summary>
    public bool HasOrder => Status is SequencingStatus.Optimal or SequencingStatus.Feasible;

    /// <summary>Relative gap (cost - bound) / max(|cost|, 1e-9); 0 when optimal, +inf without an order.</summary>
    public double Gap => !HasOrder ? double.PositiveInfinity
        : Status == SequencingStatus.Optimal ? 0.0
        : Math.Max(0.0, Cost - LowerBound) / Math.Max(Math.Abs(Cost), 1e-9);

    /// <summary>Which method produced the proof or the order (for logs and benchmarks).</summary>
    public required string Method { get; init; }

    /// <summary>Work units spent.</summary>
    public long Work { get; init; }

    /// <summary>Branch-and-bound nodes explored (0 when not used).</summary>
    public long Nodes { get; init; }
}
