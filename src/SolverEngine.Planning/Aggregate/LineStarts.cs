using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// Where a line's planned runs may begin, and what set-up state each bucket starts from: one
/// place for the rules the LP bounds, the sequencing and the plan builder must agree on.
/// </summary>
internal static class LineStarts
{
    /// <summary>First bucket in which planned runs may happen on the line (T when none).</summary>
    public static int FirstFreeBucket(PlanningInstance inst, int l) => inst.Lines[l].FirstFreeBucket;

    /// <summary>
    /// The state a bucket's first planned run changes over from. <paramref name="carried"/> is the
    /// state at the end of the previous bucket (product index, -1 = clean). Returns (kind, state).
    /// </summary>
    public static (ChangeoverBounds.StartKind Kind, int State) StartOf(PlanningInstance inst, int l, int t, int carried)
    {
        var line = inst.Lines[l];
        var first = line.FirstFreeBucket;
        var frozenHere = line.HasFrozenRunIn[t];
        if (line.SetupPerBucket)
        {
            // the state is lost at every boundary; only frozen runs earlier in the same bucket set it
            return frozenHere ? (ChangeoverBounds.StartKind.Known, line.StateAfterFrozen) : (ChangeoverBounds.StartKind.PerBucketClean, -1);
        }
        return t == first ? (ChangeoverBounds.StartKind.Known, line.StateAfterFrozen) : (ChangeoverBounds.StartKind.Unknown, carried);
    }

    /// <summary>Bound kind used by the LP (carried state unknown before sequencing).</summary>
    public static (ChangeoverBounds.StartKind Kind, int State) BoundKind(PlanningInstance inst, int l, int t) => StartOf(inst, l, t, -1);
}
