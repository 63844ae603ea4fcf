using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Generation.Internal;

/// <summary>
/// Working hours of a calendar inside an interval, as the contract defines them (daily window from
/// shift_start, per-weekday hours, minus downtime). Used to size demand against capacity; the
/// generator only makes downtimes that do not overlap each other, which this relies on.
/// </summary>
internal static class WorkingTime
{
    public static double Hours(Calendar? calendar, DateTime from, DateTime to)
    {
        if (calendar is null)
        {
            return (to - from).TotalHours;
        }
        var shift = calendar.ShiftStart?.ToTimeSpan() ?? TimeSpan.Zero;
        var total = 0.0;
        // A window may run past midnight, so start one day early.
        for (var day = from.Date.AddDays(-1); day < to; day = day.AddDays(1))
        {
            var hours = calendar.WeekdayHours.Count == 7
                ? calendar.WeekdayHours[((int)day.DayOfWeek + 6) % 7]
                : calendar.HasHoursPerDay ? calendar.HoursPerDay : 24.0;
            if (hours <= 0)
            {
                continue;
            }
            var start = Max(day + shift, from);
            var end = Min(day + shift + TimeSpan.FromHours(hours), to);
            if (end <= start)
            {
                continue;
            }
            var span = (end - start).TotalHours;
            foreach (var down in calendar.Downtimes)
            {
                var ds = Max(down.Start.ToDateTime(), start);
                var de = Min(down.End.ToDateTime(), end);
                if (de > ds)
                {
                    span -= (de - ds).TotalHours;
                }
            }
            total += span;
        }
        return total;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
