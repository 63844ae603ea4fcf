using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Internal.Instance;

/// <summary>
/// The working time of one line (or asset) over the horizon, as sorted disjoint [start, end)
/// intervals: daily windows from the calendar minus downtimes. Answers "how many working hours
/// lie in [a, b)" and "when has h working hours passed after a" - the two questions a plan needs
/// to place runs back to back.
/// </summary>
internal sealed class WorkingTime
{
    private readonly long[] _starts; // ticks
    private readonly long[] _ends;   // ticks
    private readonly double[] _cumHours; // hours of intervals [0, i)

    private WorkingTime(List<(long S, long E)> intervals)
    {
        _starts = intervals.Select(i => i.S).ToArray();
        _ends = intervals.Select(i => i.E).ToArray();
        _cumHours = new double[intervals.Count + 1];
        for (var i = 0; i < intervals.Count; i++)
            _cumHours[i + 1] = _cumHours[i] + TimeSpan.FromTicks(intervals[i].E - intervals[i].S).TotalHours;
    }

    /// <summary>Builds the working intervals of <paramref name="calendar"/> (null = round the clock) inside [from, to).</summary>
    public static WorkingTime Create(Calendar? calendar, DateTime from, DateTime to)
    {
        var raw = new List<(long S, long E)>();
        var roundTheClock = calendar is null
            || (!calendar.HasHoursPerDay || calendar.HoursPerDay >= 24) && calendar.WeekdayHours.Count == 0;
        if (roundTheClock)
        {
            raw.Add((from.Ticks, to.Ticks));
        }
        else
        {
            var shift = calendar!.ShiftStart is null ? TimeSpan.Zero : calendar.ShiftStart.ToTimeSpan();
            var day = from.Date.AddDays(-2);
            while (day < to)
            {
                var hours = calendar.WeekdayHours.Count == 7
                    ? calendar.WeekdayHours[((int)day.DayOfWeek + 6) % 7]
                    : calendar.HasHoursPerDay ? calendar.HoursPerDay : 24.0;
                if (hours > 0)
                {
                    var s = day + shift;
                    var e = s + TimeSpan.FromHours(Math.Min(hours, 24.0));
                    var cs = Math.Max(s.Ticks, from.Ticks);
                    var ce = Math.Min(e.Ticks, to.Ticks);
                    if (ce > cs) raw.Add((cs, ce));
                }
                day = day.AddDays(1);
            }
        }

        raw.Sort();
        var merged = new List<(long S, long E)>();
        foreach (var iv in raw)
        {
            if (merged.Count > 0 && iv.S <= merged[^1].E)
                merged[^1] = (merged[^1].S, Math.Max(merged[^1].E, iv.E));
            else
                merged.Add(iv);
        }

        if (calendar is not null && calendar.Downtimes.Count > 0)
        {
            var downs = calendar.Downtimes
                .Where(d => d.Start is not null && d.End is not null)
                .Select(d => (S: d.Start.ToDateTime().Ticks, E: d.End.ToDateTime().Ticks))
                .Where(d => d.E > d.S)
                .ToList();
            foreach (var d in downs)
            {
                var next = new List<(long S, long E)>(merged.Count + 1);
                foreach (var iv in merged)
                {
                    if (d.E <= iv.S || d.S >= iv.E) { next.Add(iv); continue; }
                    if (d.S > iv.S) next.Add((iv.S, d.S));
                    if (d.E < iv.E) next.Add((d.E, iv.E));
                }
                merged = next;
            }
        }
        return new WorkingTime(merged);
    }

    /// <summary>Working hours in [a, b).</summary>
    public double Hours(DateTime a, DateTime b) => b <= a ? 0.0 : HoursBefore(b.Ticks) - HoursBefore(a.Ticks);

    /// <summary>Working hours before time <paramref name="t"/> (from the first interval).</summary>
    private double HoursBefore(long t)
    {
        // index of the last interval starting before t
        var i = Array.BinarySearch(_starts, t);
        if (i < 0) i = ~i - 1; else i -= 1; // intervals with start < t
        if (i < 0) return 0.0;
        var inside = Math.Min(t, _ends[i]) - _starts[i];
        return _cumHours[i] + TimeSpan.FromTicks(Math.Max(0, inside)).TotalHours;
    }

    /// <summary>
    /// The earliest time tau >= a with <c>Hours(a, tau) == hours</c> (hours = 0 returns a). Returns
    /// null when the working time runs out before that.
    /// </summary>
    public DateTime? Advance(DateTime a, double hours)
    {
        if (hours <= 0) return a;
        var target = HoursBefore(a.Ticks) + hours;
        // first interval whose cumulative end reaches target
        var lo = 0;
        var hi = _starts.Length - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_cumHours[mid + 1] >= target - 1e-12) { found = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        if (found < 0) return null;
        var remaining = target - _cumHours[found];
        var ticks = _starts[found] + (long)Math.Round(TimeSpan.TicksPerHour * remaining);
        if (ticks > _ends[found]) ticks = _ends[found];
        if (ticks < a.Ticks) ticks = a.Ticks;
        return new DateTime(ticks, DateTimeKind.Utc);
    }
}
