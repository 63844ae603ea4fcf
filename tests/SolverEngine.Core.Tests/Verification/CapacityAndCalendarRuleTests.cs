using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class CapacityAndCalendarRuleTests
{
    [Fact]
    public void Line_capacity_in_a_bucket_is_reported_with_its_bucket()
    {
        // Two 24-hour runs on a round-the-clock line overlap: 48 h of production in a 24 h bucket.
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 24, 240), TinyModel.On("A", 0, 0, 24, 240));

        var report = PlanVerifier.Verify(TinyModel.Create(1), plan);

        Assertions.Codes(report, ViolationCodes.RunOverlap, ViolationCodes.LineCapacityExceeded);
        var v = report.Violations.Single(x => x.Code == ViolationCodes.LineCapacityExceeded);
        Assert.Equal("buckets[0]", v.Path);
        Assert.Contains("48 h", v.Message);
    }

    [Fact]
    public void Changeover_hours_count_in_the_bucket_where_they_happen()
    {
        var model = TinyModel.Create(2);
        model.Changeovers.Add(new Changeover { Hours = 2, Cost = 1 });

        // Reported at the end of day 0, so day 1 can be all production: 20 h + 2 h in day 0, 24 h in day 1.
        var early = new ChangeoverInfo { FromProductId = "A", Hours = 2, Cost = 1, Start = At(0, 20), End = At(0, 22) };
        Assertions.Valid(PlanVerifier.Verify(model, TinyModel.PlanWith(2, TinyModel.On("A", 0, 0, 20, 200), TinyModel.On("B", 1, 0, 24, 240, early))));

        // Not reported: placed in the latest working time before the run, here in day 1 (2 h + 22 h).
        var late = new ChangeoverInfo { FromProductId = "A", Hours = 2, Cost = 1 };
        Assertions.Valid(PlanVerifier.Verify(model, TinyModel.PlanWith(2, TinyModel.On("A", 0, 0, 24, 240), TinyModel.On("B", 1, 2, 24, 220, late))));
    }

    // The calendar tests below use one WEEK bucket (campaigns), where a run may span non-working
    // time and only its working time counts; in DAY buckets such runs are also RUN_OUTSIDE_WORKING_TIME.
    [Fact]
    public void Shift_running_past_midnight_works_into_the_next_day()
    {
        // 8 h from 20:00: the window of Sunday 20:00 runs to Monday 04:00, so Monday 00:00-06:00 holds 4 working hours.
        var calendar = new Calendar { HoursPerDay = 8, ShiftStart = Hours(20) };
        var model = TinyModel.CreateWeek(calendar);

        Assertions.Valid(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 0, 6, 40))));
        var v = Assertions.Single(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 0, 6, 41))), ViolationCodes.RunRateExceeded);
        Assert.Contains("4 h of working time", v.Message);
        Assertions.Single(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 4, 20, 1))), ViolationCodes.RunRateExceeded);

        // The same runs in a DAY bucket: 00:00-04:00 is working time, 04:00-06:00 is not.
        var day = TinyModel.Create(1, calendar);
        Assertions.Valid(PlanVerifier.Verify(day, TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 4, 40))));
        var timed = Assertions.Single(PlanVerifier.Verify(day, TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 6, 40))), ViolationCodes.RunOutsideWorkingTime);
        Assert.Contains("2 h outside working time at its ends", timed.Message);
    }

    [Fact]
    public void Weekday_hours_override_hours_per_day_monday_first()
    {
        // Horizon starts on a Monday. Monday 10 h, Tuesday 0 h (from shift start 00:00).
        var calendar = new Calendar { HoursPerDay = 24, WeekdayHours = { 10, 0, 24, 24, 24, 24, 24 } };
        var model = TinyModel.CreateWeek(calendar);

        Assertions.Valid(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 0, 24, 100))));
        Assertions.Valid(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 5, 24, 50))));
        Assertions.Single(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 5, 24, 51))), ViolationCodes.RunRateExceeded);
        Assertions.Single(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 1, 0, 24, 1))), ViolationCodes.RunRateExceeded);

        // In DAY buckets Tuesday has no working time at all: any production there also overloads the bucket.
        Assertions.Codes(PlanVerifier.Verify(TinyModel.Create(2, calendar), TinyModel.PlanWith(2, TinyModel.On("A", 1, 0, 24, 1))),
            ViolationCodes.RunRateExceeded, ViolationCodes.LineCapacityExceeded, ViolationCodes.RunOutsideWorkingTime);
    }

    [Fact]
    public void Downtime_removes_working_time_even_when_windows_overlap()
    {
        var calendar = new Calendar
        {
            Downtimes =
            {
                new Downtime { Start = At(0, 2), End = At(0, 6) },
                new Downtime { Start = At(0, 4), End = At(0, 8) }, // overlaps the first: 6 h down in all
            },
        };
        var model = TinyModel.CreateWeek(calendar);

        Assertions.Valid(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 0, 10, 40))));
        Assertions.Single(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(TinyModel.On("A", 0, 0, 10, 41))), ViolationCodes.RunRateExceeded);

        // In a DAY bucket a run may pause over the downtime, but not start or end inside it.
        var day = TinyModel.Create(1, calendar);
        Assertions.Valid(PlanVerifier.Verify(day, TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 10, 40))));
        var v = Assertions.Single(PlanVerifier.Verify(day, TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 7, 20))), ViolationCodes.RunOutsideWorkingTime);
        Assert.Contains("[2026-01-05T02:00:00Z, 2026-01-05T07:00:00Z)", v.Message);
        Assertions.Valid(PlanVerifier.Verify(day, TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 2, 20), TinyModel.On("A", 0, 8, 10, 20))));
    }
}
