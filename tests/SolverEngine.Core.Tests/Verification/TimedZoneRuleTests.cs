using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class TimedZoneRuleTests
{
    // Line L works 06:00-22:00 and is down 2026-01-05 12:00-13:00; A -> B takes 2 h.
    private static PlanningModel Model(int days = 1)
    {
        var model = TinyModel.Create(days, new Calendar
        {
            HoursPerDay = 16, ShiftStart = Hours(6),
            Downtimes = { new Downtime { Start = At(0, 12), End = At(0, 13), Reason = "maintenance" } },
        });
        model.Changeovers.Add(new Changeover { FromProductId = "A", ToProductId = "B", Hours = 2, Cost = 7 });
        return model;
    }

    private static ChangeoverInfo AtoB(double from, double to) => new() { FromProductId = "A", Hours = 2, Cost = 7, Start = At(0, from), End = At(0, to) };

    [Fact]
    public void Runs_and_changeovers_inside_working_time_are_valid()
    {
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 6, 10, 40), TinyModel.On("B", 0, 13, 22, 90, AtoB(10, 12)));

        Assertions.Valid(PlanVerifier.Verify(Model(), plan));
    }

    [Fact]
    public void Run_past_the_end_of_the_shift_is_flagged()
    {
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 18, 23, 40));

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunOutsideWorkingTime);
        Assert.Equal("runs[0]", v.Path);
        Assert.Contains("DAY bucket 0", v.Message);
        Assert.Contains("1 h outside working time at its ends; not working in [2026-01-05T22:00:00Z, 2026-01-05T23:00:00Z))", v.Message);
    }

    [Fact]
    public void Run_across_a_downtime_pauses_and_is_valid_when_its_quantity_fits_the_working_time()
    {
        // 11:00-14:00 holds 2 working hours (20 units): production pauses in the 12:00-13:00 downtime.
        Assertions.Valid(PlanVerifier.Verify(Model(), TinyModel.PlanWith(1, TinyModel.On("A", 0, 11, 14, 20))));
        // 21 units do not fit those 2 working hours
        Assertions.Single(PlanVerifier.Verify(Model(), TinyModel.PlanWith(1, TinyModel.On("A", 0, 11, 14, 21))), ViolationCodes.RunRateExceeded);
    }

    [Fact]
    public void Run_starting_inside_a_downtime_is_flagged()
    {
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 12, 14, 10));

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunOutsideWorkingTime);
        Assert.Contains("[2026-01-05T12:00:00Z, 2026-01-05T13:00:00Z)", v.Message);
    }

    [Fact]
    public void Changeover_across_a_downtime_pauses_and_is_valid_when_it_holds_its_hours()
    {
        // [11, 14) holds the 2 working hours A -> B needs; the 12:00-13:00 downtime is a pause.
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 6, 10, 40), TinyModel.On("B", 0, 14, 22, 80, AtoB(11, 14)));
        Assertions.Valid(PlanVerifier.Verify(Model(), plan));
    }

    [Fact]
    public void Changeover_ending_inside_a_downtime_is_flagged()
    {
        // [10, 12:30) ends inside the 12:00-13:00 downtime
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 6, 10, 40), TinyModel.On("B", 0, 14, 22, 80, AtoB(10, 12.5)));

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverOutsideWorkingTime);
        Assert.Equal("runs[1].changeover", v.Path);
        Assert.Contains("starts or ends in non-working time", v.Message);
    }

    [Fact]
    public void Changeover_over_another_run_of_the_line_is_outside_its_window()
    {
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 6, 10, 40), TinyModel.On("B", 0, 13, 22, 90, AtoB(9, 11)));

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverOutsideWindow);
    }

    [Fact]
    public void Campaigns_in_week_buckets_may_span_nights_and_downtime()
    {
        var model = Model();
        model.Horizon.Bands[0] = new ResolutionBand { Granularity = Granularity.Week, Count = 1 };
        // 06:00 Monday to 10:00 Tuesday: 15 working hours on Monday, 4 on Tuesday.
        var run = Run("L", "A", "RA", 0, 6, 1, 10, 190, 0);

        Assertions.Valid(PlanVerifier.Verify(model, TinyModel.WeekPlanWith(run)));
    }
}
