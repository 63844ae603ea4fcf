using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using static SolverEngine.Core.Tests.TestModels;

namespace SolverEngine.Core.Tests.Compilation;

public sealed class WorkingCalendarTests
{
    private static readonly DateTime Mon = Start; // 2026-01-05, a Monday

    private static WorkingCalendar Cal(Calendar? c) => new(c, Mon, Mon.AddDays(14));

    [Fact]
    public void No_calendar_is_round_the_clock()
    {
        var cal = Cal(null);
        Assert.True(cal.IsAlwaysWorking);
        Assert.Equal(24 * 3, cal.WorkingHours(Mon, Mon.AddDays(3)), 9);
        Assert.Equal(Mon.AddHours(30), cal.AdvanceWorkingTime(Mon, 30));
    }

    [Fact]
    public void Daily_window_from_shift_start()
    {
        var cal = Cal(new Calendar { HoursPerDay = 16, ShiftStart = Hours(6) });
        Assert.Equal(16, cal.WorkingHours(Mon, Mon.AddDays(1)), 9);
        Assert.Equal(4, cal.WorkingHours(Mon.AddHours(5), Mon.AddHours(10)), 9);
        Assert.Equal(0, cal.WorkingHours(Mon.AddHours(22), Mon.AddHours(30)), 9);
        Assert.Equal(new[] { (Mon.AddHours(6), Mon.AddHours(22)) }, cal.WorkingWindows(Mon, Mon.AddDays(1)));
    }

    [Fact]
    public void Window_past_midnight_counts_in_the_next_day()
    {
        var cal = Cal(new Calendar { HoursPerDay = 8, ShiftStart = Hours(22) });
        // Monday 00:00-06:00 is the tail of Sunday's window; 22:00-24:00 the head of Monday's.
        Assert.Equal(8, cal.WorkingHours(Mon, Mon.AddDays(1)), 9);
        Assert.Equal(6, cal.WorkingHours(Mon, Mon.AddHours(12)), 9);
    }

    [Fact]
    public void Weekday_hours_override_hours_per_day()
    {
        var cal = Cal(new Calendar { HoursPerDay = 10, WeekdayHours = { 8, 8, 8, 8, 4, 0, 0 } });
        var perDay = Enumerable.Range(0, 7).Select(d => cal.WorkingHours(Mon.AddDays(d), Mon.AddDays(d + 1))).ToArray();
        Assert.Equal(new double[] { 8, 8, 8, 8, 4, 0, 0 }, perDay);
        // Friday 4h then the weekend: 6 hours from Friday 00:00 end Monday 02:00.
        Assert.Equal(Mon.AddDays(7).AddHours(2), cal.AdvanceWorkingTime(Mon.AddDays(4), 6));
    }

    [Fact]
    public void Downtime_is_removed_from_working_time()
    {
        var cal = Cal(new Calendar
        {
            HoursPerDay = 16, ShiftStart = Hours(6),
            Downtimes =
            {
                new Downtime { Start = At(Mon.AddDays(1).AddHours(10)), End = At(Mon.AddDays(1).AddHours(14)), Reason = "maintenance" },
                new Downtime { Start = At(Mon.AddDays(1).AddHours(12)), End = At(Mon.AddDays(1).AddHours(15)), Reason = "overlapping" },
                new Downtime { Start = At(Mon.AddDays(3)), End = At(Mon.AddDays(4)), Reason = "holiday" },
            },
        });
        Assert.Equal(11, cal.WorkingHours(Mon.AddDays(1), Mon.AddDays(2)), 9);
        Assert.Equal(0, cal.WorkingHours(Mon.AddDays(3), Mon.AddDays(4)), 9);
        // Tuesday 08:00 + 3h: 08-10 (2h), down 10-15, 15:00 + 1h = 16:00.
        Assert.Equal(Mon.AddDays(1).AddHours(16), cal.AdvanceWorkingTime(Mon.AddDays(1).AddHours(8), 3));
        // Wednesday 21:00 + 2h: 1h to 22:00, Thursday is a holiday, Friday 06:00 + 1h.
        Assert.Equal(Mon.AddDays(4).AddHours(7), cal.AdvanceWorkingTime(Mon.AddDays(2).AddHours(21), 2));
    }

    [Fact]
    public void Advance_from_idle_time_starts_at_the_next_window_and_ends_at_a_window_end_exactly()
    {
        var cal = Cal(new Calendar { HoursPerDay = 16, ShiftStart = Hours(6) });
        Assert.Equal(Mon.AddHours(8), cal.AdvanceWorkingTime(Mon.AddHours(5), 2));
        Assert.Equal(Mon.AddHours(22), cal.AdvanceWorkingTime(Mon.AddHours(6), 16)); // not the next morning
        Assert.Equal(Mon.AddDays(1).AddHours(7), cal.AdvanceWorkingTime(Mon.AddHours(5), 17));
        Assert.Equal(Mon.AddHours(3), cal.AdvanceWorkingTime(Mon.AddHours(3), 0));
    }

    [Fact]
    public void Advance_and_working_hours_agree_inside_and_outside_the_cached_range()
    {
        var c = new Calendar
        {
            HoursPerDay = 13.5, ShiftStart = Hours(19), WeekdayHours = { 13.5, 13.5, 13.5, 13.5, 10, 0, 6 },
            Downtimes = { new Downtime { Start = At(Mon.AddDays(2).AddHours(3)), End = At(Mon.AddDays(2).AddHours(29)) } },
        };
        var cached = new WorkingCalendar(c, Mon, Mon.AddDays(10));
        var uncached = new WorkingCalendar(c, Mon.AddYears(5), Mon.AddYears(5));
        var rng = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var from = Mon.AddDays(-5).AddMinutes(rng.Next(0, 60 * 24 * 25));
            var hours = rng.NextDouble() * 80;
            var end = cached.AdvanceWorkingTime(from, hours);
            Assert.Equal(end, uncached.AdvanceWorkingTime(from, hours));
            Assert.Equal(hours, cached.WorkingHours(from, end), 6);
            Assert.Equal(cached.WorkingHours(from, end), uncached.WorkingHours(from, end), 9);
            // Earliest: a moment earlier there is less working time.
            Assert.True(cached.WorkingHours(from, end.AddSeconds(-1)) < hours || hours == 0);
        }
    }

    [Fact]
    public void Advance_rejects_negative_hours_and_a_calendar_that_never_works()
    {
        var cal = Cal(new Calendar { WeekdayHours = { 0, 0, 0, 0, 0, 0, 0 } });
        Assert.Throws<ArgumentOutOfRangeException>(() => cal.AdvanceWorkingTime(Mon, -1));
        Assert.Throws<InvalidOperationException>(() => cal.AdvanceWorkingTime(Mon, 1));
    }
}
