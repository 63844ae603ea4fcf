using System.Diagnostics;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// When the coordinator must stop: the wall clock against the time limit, or, in deterministic
/// mode, counted work against a work limit, so that the same request stops at the same point at
/// any thread count and on any machine.
/// </summary>
/// <remarks>
/// Work is what the run did, not how long it took: the sequencer's work units (deterministic, see
/// <see cref="SequencingOptions.Deterministic"/>) plus a fixed charge per LP solve proportional
/// to the LP's size. The limit is the time limit in seconds times
/// <see cref="SequencingOptions.WorkUnitsPerSecond"/>, the same calibration the sequencer uses,
/// so a deterministic run takes roughly its time limit on the development machine; on a slower
/// or busier machine it takes longer and gives the same answer.
/// </remarks>
internal sealed class SolveBudget
{
    private readonly TimeSpan _limit;
    private readonly Stopwatch _clock;
    private readonly Func<long> _sequencingWork;
    private readonly Func<long> _lpSolves;

    public SolveBudget(PlanningInstance inst, TimeSpan limit, bool deterministic, Stopwatch clock, Func<long> sequencingWork, Func<long> lpSolves)
    {
        _limit = limit;
        _clock = clock;
        _sequencingWork = sequencingWork;
        _lpSolves = lpSolves;
        Deterministic = deterministic;
        WorkLimit = (long)Math.Min(long.MaxValue / 4.0, Math.Max(0, limit.TotalSeconds) * SequencingOptions.WorkUnitsPerSecond);
        LpCharge = LpChargeOf(inst);
    }

    /// <summary>Work units one LP solve of <paramref name="inst"/>'s aggregate layer counts for.</summary>
    public static long LpChargeOf(PlanningInstance inst)
    {
        // About 2,000 units (40 us at the calibration) per LP column: recipes x buckets and set-ups.
        var columns = (long)inst.Recipes.Length * inst.T + inst.Lines.Sum(l => (long)l.Products.Length) * inst.T;
        return Math.Max(1, columns) * 2_000;
    }

    public bool Deterministic { get; }

    /// <summary>Work units the run may spend in deterministic mode.</summary>
    public long WorkLimit { get; }

    /// <summary>Work units one LP solve counts for.</summary>
    public long LpCharge { get; }

    /// <summary>Work spent so far (sequencing work plus LP charges).</summary>
    public long Work => _sequencingWork() + _lpSolves() * LpCharge;

    /// <summary>True once the limit (time, or work in deterministic mode) is reached.</summary>
    public bool Expired => Deterministic ? Work >= WorkLimit : _clock.Elapsed >= _limit;
}
