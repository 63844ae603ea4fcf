using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Baselines;

/// <summary>
/// What a baseline produced: the executable plan it leads to (as a <see cref="SolveResult"/>, so
/// it is read and verified like the engine's own), plus the figures only that baseline has.
/// </summary>
public sealed class BaselineResult
{
    /// <summary>The executable plan the baseline leads to, its status, objective, bound and stats.</summary>
    public required SolveResult Result { get; init; }

    /// <summary>Which model was solved (e.g. "glsp-carryover", "clsp-setup-times", "aggregate-mip").</summary>
    public required string Formulation { get; init; }

    /// <summary>Objective of the baseline's own model (the MIP's incumbent or the aggregate plan's cost); NaN when none.</summary>
    public double ModelObjective { get; init; } = double.NaN;

    /// <summary>Proven lower bound of the baseline's own model; NaN when none.</summary>
    public double ModelBound { get; init; } = double.NaN;

    /// <summary>Hand-off only: volume the aggregate plan promised (units produced over the planned buckets).</summary>
    public double? PromisedVolume { get; init; }

    /// <summary>Hand-off only: promised units that do not fit their bucket once sequenced with real changeovers (or whose set has no allowed order).</summary>
    public double? UnexecutableVolume { get; init; }

    /// <summary>Hand-off only: (line, bucket) pairs whose promised production does not fit.</summary>
    public int? OverloadedBuckets { get; init; }

    /// <summary>Hand-off only: the promised plan itself (aggregate quantities, real sequences, runs clamped to their bucket), for the verifier.</summary>
    public Plan? PromisedPlan { get; init; }

    /// <summary>Model size: variables, integer variables, rows.</summary>
    public (int Variables, int Integers, int Rows) Size { get; init; }

    /// <summary>Notes for the report (fallbacks taken, what the numbers mean).</summary>
    public string Notes { get; init; } = "";
}
