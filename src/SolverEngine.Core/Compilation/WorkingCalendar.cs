using SolverEngine.Contracts.V1;
using SolverEngine.Core.Internal;

namespace SolverEngine.Core.Compilation;

/// <summary>
/// The working time of a line or asset: a daily window of <c>hours_per_day</c> (or the weekday's
/// hours) from <c>shift_start</c> after midnight UTC, minus downtime windows. Answers are exact
/// to the tick (100 ns) and hold for any time, inside the horizon or not: a table of working
/// intervals with prefix sums covers the horizon (plus a margin) and makes queries there
/// O(log n); outside it the intervals are generated on the fly. Immutable and thread-safe.
/// </summary>
public sealed class WorkingCalendar
{
    private const long Day = TimeSpan.TicksPerDay;
    private const long MaxSearchDays = 366 * 50;

    private readonly long[] _dayTicks = new long[7]; // window length per weekday, Monday..Sunday
    private readonly long _shift;
    private readonly long[] _downStart;
    private readonly long[] _downEnd;

    // Cached working intervals in [_cacheFrom, _cacheTo) and cumulative working ticks before each.
    private readonly long _cacheFrom;
    private readonly long _cacheTo;
    private readonly long[] _ivStart;
    private readonly long[] _ivEnd;
    private readonly long[] _cum;

    /// <param name="calendar">The calendar; null = round the clock, no downtime.</param>
    /// <param name="cacheFrom">Start of the range to precompute (usually the horizon start).</param>
    /// <param name="cacheTo">End of the range to precompute.</param>
    public WorkingCalendar(Calendar? calendar, DateTime cacheFrom, DateTime cacheTo)
    {
        var perDay = calendar is { HasHoursPerDay: true } ? calendar.HoursPerDay : 24.0;
        for (var d = 0; d < 7; d++)
        {
            var h = calendar is { WeekdayHours.Count: 7 } ? calendar.WeekdayHours[d] : perDay;
            _dayTicks[d] = (long)Math.Round(Math.Clamp(h, 0, 24) * TimeSpan.TicksPerHour);
        }
        _shift = Math.Clamp(ProtoTime.ToTimeSpanOrZero(calendar?.ShiftStart).Ticks, 0, Day - 1);
        IsAlwaysWorking = _shift == 0 && _dayTicks.All(t => t == Day) && (calendar is null || calendar.Downtimes.Count == 0);

        // Downtimes merged into disjoint, sorted windows.
        var downs = new List<(long S, long E)>();
        if (calendar is not null)
        {
            foreach (var d in calendar.Downtimes)
            {
                if (ProtoTime.TryToUtc(d.Start, out var s) && ProtoTime.TryToUtc(d.End, out var e) && e > s)
                    downs.Add((s.Ticks, e.Ticks));
            }
        }
        downs.Sort();
        var merged = new List<(long S, long E)>();
        foreach (var d in downs)
        {
            if (merged.Count > 0 && d.S <= merged[^1].E)
                merged[^1] = (merged[^1].S, Math.Max(merged[^1].E, d.E));
            else
                merged.Add(d);
        }
        _downStart = merged.Select(d => d.S).ToArray();
        _downEnd = merged.Select(d => d.E).ToArray();

        _cacheFrom = Math.Min(cacheFrom.Ticks, cacheTo.Ticks);
        _cacheTo = Math.Max(cacheFrom.Ticks, cacheTo.Ticks);
        var list = new List<(long S, long E)>();
        Generate(_cacheFrom, _cacheTo, list);
        _ivStart = new long[list.Count];
        _ivEnd = new long[list.Count];
        _cum = new long[list.Count + 1];
        for (var i = 0; i < list.Count; i++)
        {
            _ivStart[i] = list[i].S;
            _ivEnd[i] = list[i].E;
            _cum[i + 1] = _cum[i] + (list[i].E - list[i].S);
        }
    }

    /// <summary>True when the calendar is round the clock with no downtime.</summary>
    public bool IsAlwaysWorking { get; }

    /// <summary>Working hours in [from, to); 0 when to &lt;= from.</summary>
    public double WorkingHours(DateTime from, DateTime to) => (double)WorkingTicks(from.Ticks, to.Ticks) / TimeSpan.TicksPerHour;

    /// <summary>Working time in [from, to).</summary>
    public TimeSpan WorkingTime(DateTime from, DateTime to) => TimeSpan.FromTicks(WorkingTicks(from.Ticks, to.Ticks));

    /// <summary>
    /// The earliest time t >= from such that [from, t) holds exactly <paramref name="hours"/> working
    /// hours (a run of that many hours starting at <paramref name="from"/> ends at t). 0 hours = from.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">hours is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">The calendar has not that much working time in the next 50 years.</exception>
    public DateTime AdvanceWorkingTime(DateTime from, double hours)
    {
        if (!double.IsFinite(hours) || hours < 0)
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "Working hours to advance must be a finite number >= 0.");
        var need = (long)Math.Round(hours * TimeSpan.TicksPerHour);
        var t = from.Ticks;
        if (need == 0)
            return from;

        if (t < _cacheFrom)
        {
            var avail = SlowTicks(t, _cacheFrom);
            if (avail >= need)
                return new DateTime(SlowAdvance(t, need, _cacheFrom), DateTimeKind.Utc);
            need -= avail;
            t = _cacheFrom;
        }
        if (t < _cacheTo)
        {
            var before = CumAt(t);
            var total = _cum[^1];
            if (total - before >= need)
            {
                var target = before + need;
                // Interval j with _cum[j] < target <= _cum[j + 1].
                var j = Array.BinarySearch(_cum, target);
                j = j >= 0 ? j - 1 : ~j - 1;
                return new DateTime(_ivStart[j] + (target - _cum[j]), DateTimeKind.Utc);
            }
            need -= total - before;
            t = _cacheTo;
        }
        for (long chunk = 0; chunk < MaxSearchDays; chunk += 366)
        {
            var end = SafeAdd(t, 366 * Day);
            var avail = SlowTicks(t, end);
            if (avail >= need)
                return new DateTime(SlowAdvance(t, need, end), DateTimeKind.Utc);
            need -= avail;
            t = end;
        }
        throw new InvalidOperationException($"The calendar has no {hours} working hours after {ProtoTime.Format(from)} within 50 years.");
    }

    /// <summary>The working windows that intersect [from, to), clipped to it, in time order.</summary>
    public IReadOnlyList<(DateTime Start, DateTime End)> WorkingWindows(DateTime from, DateTime to)
    {
        var list = new List<(long S, long E)>();
        Generate(from.Ticks, to.Ticks, list);
        return list.Select(w => (new DateTime(w.S, DateTimeKind.Utc), new DateTime(w.E, DateTimeKind.Utc))).ToList();
    }

    private long WorkingTicks(long a, long b)
    {
        if (b <= a)
            return 0;
        long sum = 0;
        if (a < _cacheFrom)
        {
            sum += SlowTicks(a, Math.Min(b, _cacheFrom));
            a = _cacheFrom;
        }
        if (a < b && a < _cacheTo)
        {
            var e = Math.Min(b, _cacheTo);
            sum += CumAt(e) - CumAt(a);
            a = e;
        }
        if (a < b)
            sum += SlowTicks(a, b);
        return sum;
    }

    /// <summary>Working ticks in [_cacheFrom, t) for t inside the cached range.</summary>
    private long CumAt(long t)
    {
        // First interval whose end is > t.
        var i = Array.BinarySearch(_ivEnd, t);
        i = i >= 0 ? i + 1 : ~i;
        if (i >= _ivStart.Length)
            return _cum[^1];
        return _cum[i] + Math.Max(0, t - _ivStart[i]);
    }

    private long SlowTicks(long a, long b)
    {
        var list = new List<(long S, long E)>();
        Generate(a, b, list);
        return list.Sum(w => w.E - w.S);
    }

    private long SlowAdvance(long a, long need, long limit)
    {
        var list = new List<(long S, long E)>();
        Generate(a, limit, list);
        foreach (var (s, e) in list)
        {
            if (e - s >= need)
                return s + need;
            need -= e - s;
        }
        return limit;
    }

    /// <summary>Working intervals inside [a, b): daily windows, merged where they touch, minus downtime.</summary>
    private void Generate(long a, long b, List<(long S, long E)> output)
    {
        if (b <= a)
            return;
        // A window that starts the previous day may run past midnight into [a, b).
        var day = Math.Max(0, a / Day * Day - Day);
        var windows = new List<(long S, long E)>();
        for (; day < b; day += Day)
        {
            var weekday = ((int)new DateTime(day).DayOfWeek + 6) % 7; // Monday = 0
            var s = day + _shift;
            var e = s + _dayTicks[weekday];
            s = Math.Max(s, a);
            e = Math.Min(e, b);
            if (e <= s)
                continue;
            if (windows.Count > 0 && windows[^1].E >= s)
                windows[^1] = (windows[^1].S, Math.Max(e, windows[^1].E));
            else
                windows.Add((s, e));
            if (day > DateTime.MaxValue.Ticks - 3 * Day)
                break;
        }
        // Subtract the merged downtimes.
        var k = Array.BinarySearch(_downEnd, a);
        k = k >= 0 ? k + 1 : ~k;
        foreach (var (ws, we) in windows)
        {
            var s = ws;
            while (k < _downStart.Length && _downEnd[k] <= s)
                k++;
            var j = k;
            while (s < we)
            {
                if (j >= _downStart.Length || _downStart[j] >= we)
                {
                    output.Add((s, we));
                    break;
                }
                if (_downStart[j] > s)
                    output.Add((s, _downStart[j]));
                s = Math.Max(s, _downEnd[j]);
                j++;
            }
        }
    }

    private static long SafeAdd(long t, long d) => d > DateTime.MaxValue.Ticks - t ? DateTime.MaxValue.Ticks : t + d;
}
