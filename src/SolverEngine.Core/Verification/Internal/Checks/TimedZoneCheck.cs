using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// The timed zone (plan.proto, Plan.runs): in DAY buckets runs and their changeovers carry exact
/// times inside the line's working time (calendar minus downtime). So for a run in a DAY bucket:
/// <list type="bullet">
/// <item>[start, end) holds no non-working time of its line (a run does not straddle the end of a
/// shift or a maintenance window; it is split into two runs instead);</item>
/// <item>a reported changeover [start, end) holds no non-working time either.</item>
/// </list>
/// What the other checks already cover in every bucket: a run inside its bucket (RUN_OUTSIDE_BUCKET),
/// no two runs of a line overlapping (RUN_OVERLAP), quantity within rate x yield x working hours
/// (RUN_RATE_EXCEEDED), a changeover inside the gap between the previous run and its run, so never
/// over another run of the line (CHANGEOVER_OUTSIDE_WINDOW), and holding the rule's hours of
/// working time (CHANGEOVER_NO_TIME). WEEK and MONTH buckets hold campaigns that may span nights
/// and downtime: only their working time counts there.
/// </summary>
internal sealed class TimedZoneCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        foreach (var r in ctx.Runs.Where(r => ctx.IsTimed(r) && r.Start < r.End))
        {
            var calendar = ctx.CalendarOf(r.Line);
            var bucket = ctx.Buckets[r.Bucket];
            var idle = IdleEnds(calendar, r.Start, r.End);
            if (idle > Tolerance.Time)
            {
                ctx.Add(ViolationCodes.RunOutsideWorkingTime, r.Path,
                    $"Run {r.Index} ({r.Product.Id} on {r.Line.Id}, [{T(r.Start)}, {T(r.End)})) in DAY bucket {r.Bucket} [{T(bucket.Start)}, {T(bucket.End)}) "
                    + $"starts or ends in non-working time of line '{r.Line.Id}' ({H(idle.TotalHours)} outside working time at its ends; {Gaps(calendar, r.Start, r.End)}); timed runs start and end in the line's working time (calendar minus downtime).");
            }

            var info = r.Run.Changeover;
            if (info is { Start: not null, End: not null })
            {
                var (cs, ce) = (info.Start.ToDateTime(), info.End.ToDateTime());
                var changeIdle = IdleEnds(calendar, cs, ce);
                if (ce > cs && changeIdle > Tolerance.Time)
                {
                    ctx.Add(ViolationCodes.ChangeoverOutsideWorkingTime, r.Path + ".changeover",
                        $"The changeover before run {r.Index} ({r.Product.Id} on {r.Line.Id}, DAY bucket {r.Bucket}) at [{T(cs)}, {T(ce)}) "
                        + $"starts or ends in non-working time of line '{r.Line.Id}' ({H(changeIdle.TotalHours)} outside working time at its ends; {Gaps(calendar, cs, ce)}); timed changeovers start and end in the line's working time.");
                }
            }
        }
    }

    /// <summary>
    /// Non-working time at the ends of [a, b): before its first working instant and after its last.
    /// A pause inside (a night, a downtime) is allowed: the production time of a run is the working
    /// time inside it (plan.proto, Run), so only a start or an end in idle time is wrong.
    /// </summary>
    internal static TimeSpan IdleEnds(WorkingTime calendar, DateTime a, DateTime b)
    {
        if (b <= a)
        {
            return TimeSpan.Zero;
        }

        DateTime? first = null;
        var last = a;
        foreach (var (s, e) in calendar.Intervals(a, b))
        {
            first ??= s;
            last = e > last ? e : last;
        }

        return first is { } f ? (f - a) + (b - last) : b - a;
    }

    /// <summary>Wall-clock time inside [a, b) that is not working time.</summary>
    internal static TimeSpan NonWorking(WorkingTime calendar, DateTime a, DateTime b)
    {
        if (b <= a)
        {
            return TimeSpan.Zero;
        }

        var working = calendar.Intervals(a, b).Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.End - i.Start));
        return (b - a) - working;
    }

    /// <summary>The non-working stretches inside [a, b), for messages (at most three named).</summary>
    internal static string Gaps(WorkingTime calendar, DateTime a, DateTime b)
    {
        var gaps = new List<string>();
        var cursor = a;
        foreach (var (s, e) in calendar.Intervals(a, b).Append((b, b)))
        {
            if (s - cursor > Tolerance.Time)
            {
                gaps.Add($"[{T(cursor)}, {T(s)})");
            }

            cursor = e > cursor ? e : cursor;
        }

        return "not working in " + (gaps.Count <= 3 ? string.Join(", ", gaps) : string.Join(", ", gaps.Take(3)) + $" and {gaps.Count - 3} more");
    }
}
