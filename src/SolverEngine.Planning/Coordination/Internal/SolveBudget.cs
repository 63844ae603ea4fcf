using System.Diagnostics;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;

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
/// plus each Cbc run's charge by its size and nodes (<see cref="ChargeMip"/>),
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

    /// <summary>Work units of one Cbc branch-and-bound node per row, column and nonzero of its model.</summary>
    /// <remarks>
    /// Calibrated on the window MIPs of dairy-cip and small generated models (a node is a warm dual re-solve plus
    /// Cbc's bookkeeping): about 0.8 us per row, column and nonzero at the calibration. Before Cbc runs
    /// were charged by size, a deterministic dairy-cip solve with a 15 s limit took 206 CPU seconds; now 44
    /// (benchmarks/README.md, "Deterministic mode's work budget").
    /// </remarks>
    private const long MipUnitsPerEntryAndNode = 40;

    /// <summary>What a Cbc run costs before its first branch (root LP, cut rounds, heuristics), in nodes.</summary>
    private const long MipRootNodes = 200;

    private long _mipWork;

    /// <summary>Work units one node of a Cbc run on <paramref name="lm"/> counts for.</summary>
    private static long MipNodeCharge(LinearModel lm) =>
        MipUnitsPerEntryAndNode * Math.Max(1L, (long)lm.VariableCount + lm.ConstraintCount + lm.EntryCount);

    /// <summary>Charges a Cbc run on <paramref name="lm"/> that explored <paramref name="nodes"/> nodes.</summary>
    public void ChargeMip(LinearModel lm, long nodes) =>
        Interlocked.Add(ref _mipWork, (MipRootNodes + Math.Max(0, nodes)) * MipNodeCharge(lm));

    /// <summary>
    /// Nodes a Cbc run on <paramref name="lm"/> may explore within the work left, at most
    /// <paramref name="maxNodes"/>; negative when not even its root fits.
    /// </summary>
    public long MipNodesAffordable(LinearModel lm, long maxNodes) =>
        Math.Min(maxNodes, Math.Max(0, WorkLimit - Work) / MipNodeCharge(lm) - MipRootNodes);

    public bool Deterministic { get; }

    /// <summary>Work units the run may spend in deterministic mode.</summary>
    public long WorkLimit { get; }

    /// <summary>Work units one LP solve counts for.</summary>
    public long LpCharge { get; }

    /// <summary>Work spent so far (sequencing work plus LP and Cbc charges).</summary>
    public long Work => _sequencingWork() + _lpSolves() * LpCharge + Interlocked.Read(ref _mipWork);

    /// <summary>True once the limit (time, or work in deterministic mode) is reached.</summary>
    public bool Expired => Deterministic ? Work >= WorkLimit : _clock.Elapsed >= _limit;
}
