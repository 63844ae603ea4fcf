using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Verification.Internal;

/// <summary>
/// Working time of a <see cref="Calendar"/>, read from model.proto alone: every day D (midnight UTC)
/// opens a window [D + shift_start, D + shift_start + h), where h is weekday_hours[Monday..Sunday]
/// of D's weekday when 7 values are given, else hours_per_day (absent = 24). A window may run past
/// midnight; it belongs to the day it starts from. Downtime windows are removed. A missing
/// calendar is round the clock.
/// </summary>
internal sealed class WorkingTime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly Calendar? _calendar;
    private readonly TimeSpan _shift;
    private readonly (DateTime Start, DateTime End)[] _downtimes;

    public WorkingTime(Calendar? calendar)
    {
        _calendar = calendar;
        _shift = calendar?.ShiftStart?.ToTimeSpan() ?? TimeSpan.Zero;
        _downtimes = Merge(calendar?.Downtimes
            .Where(d => d.Start != null && d.End != null)
            .Select(d => (d.Start.ToDateTime(), d.End.ToDateTime()))
            .Where(d => d.Item2 > d.Item1) ?? []);
    }

    /// <summary>Working hours in [a, b).</summary>
    public double Hours(DateTime a, DateTime b)
    {
        var ticks = 0L;
        foreach (var (s, e) in Intervals(a, b))
        {
            ticks += (e - s).Ticks;
        }

        return TimeSpan.FromTicks(ticks).TotalHours;
    }

    /// <summary>The working intervals inside [a, b), in time order.</summary>
    public List<(DateTime Start, DateTime End)> Intervals(DateTime a, DateTime b)
    {
        var result = new List<(DateTime, DateTime)>();
        if (b <= a)
        {
            return result;
        }

        foreach (var (ws, we) in Windows(a, b))
        {
            // Remove downtime from [ws, we).
            var cursor = ws;
            foreach (var (ds, de) in _downtimes)
            {
                if (de <= cursor)
                {
                    continue;
                }

                if (ds >= we)
                {
                    break;
                }

                if (ds > cursor)
                {
                    result.Add((cursor, ds));
                }

                cursor = de > cursor ? de : cursor;
                if (cursor >= we)
                {
                    break;
                }
            }

            if (cursor < we)
            {
                result.Add((cursor, we));
            }
        }

        return result;
    }

    /// <summary>
    /// The latest working time of <paramref name="hours"/> hours that ends by <paramref name="end"/>
    /// and starts no earlier than <paramref name="notBefore"/> (as many hours as the span holds).
    /// </summary>
    public List<(DateTime Start, DateTime End)> Latest(double hours, DateTime notBefore, DateTime end)
    {
        var need = TimeSpan.FromHours(hours);
        var taken = new List<(DateTime, DateTime)>();
        var intervals = Intervals(notBefore, end);
        for (var i = intervals.Count - 1; i >= 0 && need > TimeSpan.Zero; i--)
        {
            var (s, e) = intervals[i];
            var length = e - s;
            if (length <= need)
            {
                taken.Add((s, e));
                need -= length;
            }
            else
            {
                taken.Add((e - need, e));
                need = TimeSpan.Zero;
            }
        }

        taken.Reverse();
        return taken;
    }

    // Daily windows clipped to [a, b), before downtime.
    private IEnumerable<(DateTime Start, DateTime End)> Windows(DateTime a, DateTime b)
    {
        if (_calendar is null || (!_calendar.HasHoursPerDay && _calendar.WeekdayHours.Count != 7 && _shift == TimeSpan.Zero))
        {
            yield return (a, b);
            yield break;
        }

        // Days whose window can reach [a, b): the shift may be any offset, and a window lasts <= 24 h.
        var first = (a - _shift).Date - Day;
        var last = (b - _shift).Date;
        for (var d = first; d <= last; d += Day)
        {
            var ws = d + _shift;
            var we = ws + TimeSpan.FromHours(HoursOn(d));
            var s = ws > a ? ws : a;
            var e = we < b ? we : b;
            if (e > s)
            {
                yield return (s, e);
            }
        }
    }

    private double HoursOn(DateTime day)
    {
        var cal = _calendar!;
        double h;
        if (cal.WeekdayHours.Count == 7)
        {
            var mondayFirst = ((int)day.DayOfWeek + 6) % 7;
            h = cal.WeekdayHours[mondayFirst];
        }
        else
        {
            h = cal.HasHoursPerDay ? cal.HoursPerDay : 24.0;
        }

        return Math.Clamp(h, 0.0, 24.0);
    }

    private static (DateTime Start, DateTime End)[] Merge(IEnumerable<(DateTime Start, DateTime End)> windows)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var w in windows.OrderBy(w => w.Start))
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End)
            {
                var lastEnd = merged[^1].End;
                merged[^1] = (merged[^1].Start, w.End > lastEnd ? w.End : lastEnd);
            }
            else
            {
                merged.Add(w);
            }
        }

        return [.. merged];
    }
}
