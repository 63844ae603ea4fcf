using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.PhysicsModel;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class SharedAssetRuleTests
{
    [Fact]
    public void Two_lines_taking_turns_on_the_asset_are_valid()
    {
        var model = Assets();
        var plan = PlanFor(model, R("L1", "A", 0, 0, 4, 40), R("L2", "A", 0, 4, 8, 40));

        Assertions.Valid(PlanVerifier.Verify(model, plan));
    }

    [Fact]
    public void Two_lines_on_one_asset_at_once_overlap()
    {
        var model = Assets();
        var plan = PlanFor(model, R("L1", "A", 0, 0, 4, 40), R("L2", "A", 0, 3, 7, 40));

        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.AssetOverlap);
        Assert.Equal("runs[1]", v.Path);
        Assert.Contains("'K' (capacity 1)", v.Message);
        Assert.Contains("run 0 (A on L1)", v.Message);
        Assert.Contains("2026-01-05T03:00:00Z", v.Message);
        Assert.Contains("DAY bucket 0", v.Message);
    }

    [Fact]
    public void Capacity_two_allows_two_at_once_but_not_three()
    {
        var model = Assets();
        model.SharedAssets[0].Capacity = 2;
        model.Lines.Add(new Line { Id = "L3", SiteId = "S" });
        model.Recipes.Add(new Recipe { Id = "L3-A", ProductId = "A", LineId = "L3", Rate = 10, AssetIds = { "K" } });

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, R("L1", "A", 0, 0, 4, 40), R("L2", "A", 0, 2, 6, 40), R("L3", "A", 0, 4, 8, 40))));
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, R("L1", "A", 0, 0, 4, 40), R("L2", "A", 0, 2, 6, 40), R("L3", "A", 0, 3, 8, 40))),
            ViolationCodes.AssetOverlap);
        Assert.Equal("runs[2]", v.Path);
        Assert.Contains("3 uses overlap", v.Message);
    }

    [Fact]
    public void Changeover_whose_rule_lists_the_asset_occupies_it()
    {
        var model = Assets();
        // L1: A [0, 4), changeover A -> B on K [4, 5), B [5, 9). L2 uses K for A from 5:00: valid; from 4:30 it clashes with the changeover.
        Run[] L1() => [R("L1", "A", 0, 0, 4, 40), R("L1", "B", 0, 5, 9, 40, AtoB(0, 4))];

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, [.. L1(), R("L2", "A", 0, 5, 9, 40)])));
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, [.. L1(), R("L2", "A", 0, 4.5, 9, 45)])), ViolationCodes.AssetOverlap);
        Assert.Equal("runs[2]", v.Path);
        Assert.Contains("the changeover before run 1 on L1", v.Message);
    }

    [Fact]
    public void Changeover_without_reported_times_occupies_the_latest_working_time_before_its_run()
    {
        var model = Assets();
        var untimed = new ChangeoverInfo { FromProductId = "A", Hours = 1, Cost = 5 };
        // Placed at [7, 8), right before B: it clashes with L2's A run [6, 10).
        var plan = PlanFor(model, R("L1", "A", 0, 0, 4, 40), R("L1", "B", 0, 8, 12, 40, untimed), R("L2", "A", 0, 6, 10, 40));

        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.AssetOverlap);
        Assert.Equal("runs[1].changeover", v.Path);
        Assert.Contains("[2026-01-05T07:00:00Z, 2026-01-05T08:00:00Z)", v.Message);
    }

    [Fact]
    public void Frozen_runs_occupy_the_asset_too()
    {
        var model = Assets();
        model.Horizon.Frozen = Hours(3);
        model.FrozenRuns.Add(new FrozenRun { LineId = "L1", ProductId = "A", Start = At(0, 0), End = At(0, 4), Quantity = 40 });
        var frozen = R("L1", "A", 0, 0, 4, 40);
        frozen.Frozen = true;

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, frozen.Clone(), R("L2", "A", 0, 4, 8, 40))));
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, frozen.Clone(), R("L2", "A", 0, 3, 7, 40))), ViolationCodes.AssetOverlap);
        Assert.Equal("runs[1]", v.Path);
    }

    [Fact]
    public void Use_outside_the_assets_calendar_is_flagged()
    {
        var model = Assets();
        model.SharedAssets[0].Calendar = new Calendar
        {
            HoursPerDay = 16, ShiftStart = Hours(6),
            Downtimes = { new Downtime { Start = At(0, 12), End = At(0, 13), Reason = "skid service" } },
        };

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, R("L1", "A", 0, 6, 12, 60), R("L2", "A", 0, 13, 22, 90))));
        var early = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, R("L1", "A", 0, 4, 8, 40))), ViolationCodes.AssetOutsideCalendar);
        Assert.Contains("2 h outside the asset's working time", early.Message);
        Assert.Contains("[2026-01-05T04:00:00Z, 2026-01-05T06:00:00Z)", early.Message);
        var service = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, R("L1", "A", 0, 11, 14, 30))), ViolationCodes.AssetOutsideCalendar);
        Assert.Contains("[2026-01-05T12:00:00Z, 2026-01-05T13:00:00Z)", service.Message);
    }

    [Fact]
    public void Coarse_buckets_sum_the_assets_hours()
    {
        // One WEEK bucket; the asset works 8 h a day = 56 h. Campaigns are not timed across lines.
        var model = Assets(1, Granularity.Week);
        model.SharedAssets[0].Calendar = new Calendar { HoursPerDay = 8 };

        // 30 h + 25 h + the 1 h changeover = 56 h, overlapping in time: fine in a WEEK bucket.
        var fits = PlanFor(model, R("L1", "A", 0, 0, 24, 240), R("L1", "A", 1, 0, 6, 60, bucket: 0), R("L1", "B", 1, 7, 17, 100, AtoB(1, 6), bucket: 0),
            R("L2", "A", 0, 0, 24, 240), R("L2", "A", 1, 0, 1, 10, bucket: 0));
        Assertions.Valid(PlanVerifier.Verify(model, fits));

        var tooMuch = PlanFor(model, R("L1", "A", 0, 0, 24, 240), R("L1", "A", 1, 0, 6, 60, bucket: 0), R("L1", "B", 1, 7, 17, 100, AtoB(1, 6), bucket: 0),
            R("L2", "A", 0, 0, 24, 240), R("L2", "A", 1, 0, 2, 20, bucket: 0));
        var v = Assertions.Single(PlanVerifier.Verify(model, tooMuch), ViolationCodes.AssetHoursExceeded);
        Assert.Equal("buckets[0]", v.Path);
        Assert.Contains("56 h by runs + 1 h by changeovers = 57 h", v.Message);
        Assert.Contains("capacity 1 x 56 h", v.Message);
    }
}
