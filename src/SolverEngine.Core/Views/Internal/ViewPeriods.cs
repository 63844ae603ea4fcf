using System.Globalization;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;

namespace SolverEngine.Core.Views.Internal;

/// <summary>The calendar periods of a view over [start, end), clipped to it, with overlap queries.</summary>
internal sealed class ViewPeriods
{
    private readonly long[] _starts;

    private ViewPeriods(IReadOnlyList<ViewPeriod> periods)
    {
        Periods = periods;
        _starts = periods.Select(p => p.Start.Ticks).ToArray();
    }

    public IReadOnlyList<ViewPeriod> Periods { get; }

    public int Count => Periods.Count;

    public DateTime Start => Periods[0].Start;

    public DateTime End => Periods[^1].End;

    public static ViewPeriods Create(DateTime start, DateTime end, Granularity granularity)
    {
        var list = new List<ViewPeriod>();
        var t = PeriodStart(start, granularity);
        while (t < end)
        {
            var next = granularity switch
            {
                Granularity.Day => t.AddDays(1),
                Granularity.Week => t.AddDays(7),
                _ => t.AddMonths(1),
            };
            var s = t < start ? start : t;
            var e = next > end ? end : next;
            list.Add(new ViewPeriod(list.Count, s, e, Label(t, granularity)));
            t = next;
        }
        return new ViewPeriods(list);
    }

    /// <summary>The calendar period (day, ISO week from Monday, month) that contains t.</summary>
    private static DateTime PeriodStart(DateTime t, Granularity granularity)
    {
        var day = new DateTime(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Utc);
        return granularity switch
        {
            Granularity.Day => day,
            Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        };
    }

    private static string Label(DateTime periodStart, Granularity granularity) => granularity switch
    {
        Granularity.Day => periodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Granularity.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(periodStart)}-W{ISOWeek.GetWeekOfYear(periodStart):00}"),
        _ => periodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>The period containing t, clamped to the first / last.</summary>
    public int ClampedIndexOf(DateTime t)
    {
        if (t < Start) return 0;
        if (t >= End) return Count - 1;
        var i = Array.BinarySearch(_starts, t.Ticks);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The period containing t, or -1 outside [Start, End).</summary>
    public int IndexOf(DateTime t) => t < Start || t >= End ? -1 : ClampedIndexOf(t);

    /// <summary>
    /// How an interval [s, e) spreads over the periods, as fractions that sum to 1: by working
    /// hours of <paramref name="calendar"/> in each period (null = wall-clock time); by wall-clock
    /// time when the interval holds no working time; an empty interval (or one wholly outside the
    /// view) goes whole to the period of s (clamped). The part outside the view is left out before
    /// normalising, so a quantity is never lost.
    /// </summary>
    public void Spread(DateTime s, DateTime e, WorkingCalendar? calendar, List<(int Period, double Share)> output)
    {
        output.Clear();
        if (e > s)
        {
            var first = ClampedIndexOf(s);
            double working = 0, wall = 0;
            for (var p = first; p < Count && Periods[p].Start < e; p++)
            {
                var from = s > Periods[p].Start ? s : Periods[p].Start;
                var to = e < Periods[p].End ? e : Periods[p].End;
                if (to <= from) continue;
                var w = calendar?.WorkingHours(from, to) ?? (to - from).TotalHours;
                output.Add((p, w));
                working += w;
                wall += (to - from).TotalHours;
            }
            if (output.Count > 0 && (working > 0 || wall > 0))
            {
                for (var i = 0; i < output.Count; i++)
                {
                    var (p, w) = output[i];
                    var from = s > Periods[p].Start ? s : Periods[p].Start;
                    var to = e < Periods[p].End ? e : Periods[p].End;
                    output[i] = (p, working > 0 ? w / working : (to - from).TotalHours / wall);
                }
                return;
            }
            output.Clear();
        }
        output.Add((ClampedIndexOf(s), 1.0));
    }
}
