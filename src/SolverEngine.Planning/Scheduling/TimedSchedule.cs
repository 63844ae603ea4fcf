using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Scheduling;

/// <summary>The changeover placed immediately before a run.</summary>
/// <param name="From">Product index the line changes over from (-1 = clean).</param>
/// <param name="Reported">False for the free first set-up of a clean line (the plan shows no changeover).</param>
internal sealed record TimedChangeover(int From, ChangeoverEntry Entry, DateTime Start, DateTime End, bool Reported);

/// <summary>A planned (non-frozen) run with its exact times.</summary>
internal sealed record TimedRun(int Line, int Product, int Recipe, int Bucket, DateTime Start, DateTime End, double Quantity, TimedChangeover? Changeover);

/// <summary>Every planned run of a candidate, placed in time: [line] = runs in time order.</summary>
internal sealed class TimedSchedule(List<TimedRun>[] runsPerLine)
{
    public List<TimedRun>[] RunsPerLine { get; } = runsPerLine;

    /// <summary>
    /// Changeover cost the placement added to the sequences' (runs deferred within a bucket, and the
    /// next bucket's first changeover from where such a bucket ended): the fixed set-up LP did not count it.
    /// </summary>
    public double ExtraChangeoverCost { get; init; }

    public IEnumerable<TimedRun> Runs => RunsPerLine.SelectMany(r => r);
}

/// <summary>
/// A bucket whose runs could not all be placed: the runs left unplaced on each line that could not
/// go on (the first is the one it got stuck on), with what the bucket placed of their recipe before them.
/// </summary>
internal sealed record TimingFailure(int Bucket, IReadOnlyList<StuckRun> Stuck);

/// <param name="Placed">Units of the recipe already placed in the bucket before the stuck run.</param>
/// <param name="Quantity">Units of the stuck run.</param>
/// <param name="First">The run the line got stuck on (the others came after it in the bucket).</param>
internal sealed record StuckRun(int Line, int Recipe, double Placed, double Quantity, bool First);
