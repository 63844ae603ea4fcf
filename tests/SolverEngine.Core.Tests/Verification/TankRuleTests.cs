using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.PhysicsModel;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class TankRuleTests
{
    // MIX fills I1 at 20/h over [0, 4) (80 units); PACK draws 10/h over [2, 10). The level rises to
    // 40 at 2:00, 60 at 4:00, and drains to 0 at 10:00.
    private static Run Fill(double from = 0, double to = 4, double quantity = 80, string product = "I1") => R("MIX", product, 0, from, to, quantity);

    private static Run Draw(double from = 2, double to = 10, double quantity = 80, string product = "F1") => R("PACK", product, 0, from, to, quantity);

    [Fact]
    public void Fill_then_draw_within_capacity_is_valid()
    {
        var model = Tanks();

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, Fill(), Draw())));
    }

    [Fact]
    public void Filling_beyond_capacity_overflows()
    {
        var model = Tanks();
        model.Tanks[0].Capacity = 50;

        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Fill(), Draw())), ViolationCodes.TankOverflow);
        Assert.Equal("buckets[0]", v.Path);
        // 50 is crossed between the 2:00 (40) and 4:00 (60) breakpoints; 4:00 is the first breakpoint above it and the worst.
        Assert.Contains("Tank 'T' holds more than its capacity 50: level 60 at 2026-01-05T04:00:00Z (bucket 0)", v.Message);
        Assert.Contains("run 0 (fills 80 of 'I1'", v.Message);
    }

    [Fact]
    public void Initial_level_counts()
    {
        var model = Tanks();
        model.Tanks[0].InitialProductId = "I1";
        model.Tanks[0].InitialLevel = 45;

        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Fill(), Draw())), ViolationCodes.TankOverflow);
        Assert.Contains("level 105", v.Message);
    }

    [Fact]
    public void A_draw_before_the_fill_underflows()
    {
        var model = Tanks();
        model.Tanks[0].InitialProductId = "I1"; // holds I1, empty

        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Fill(4, 8), Draw(0, 8))), ViolationCodes.TankUnderflow);
        Assert.Contains("Tank 'T' falls below empty: level -40 at 2026-01-05T04:00:00Z", v.Message);
        Assert.Contains("run 1 (draws 80 of 'I1'", v.Message);
    }

    [Fact]
    public void Product_the_tank_does_not_allow_is_flagged()
    {
        var model = Tanks();
        model.Tanks[0].AllowedProductIds.Add("I1");

        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Fill(product: "I2"))), ViolationCodes.TankProductNotAllowed);
        Assert.Equal("runs[0]", v.Path);
        Assert.Contains("fills 80 of 'I2' into tank 'T', which may hold only I1", v.Message);
    }

    [Fact]
    public void Filling_another_product_before_the_tank_is_drained_mixes_products()
    {
        var model = Tanks();

        // I1 leaves 60 units in the tank at 4:00 and PACK still draws; I2 is filled at 5:00.
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Fill(), Draw(), Fill(5, 7, 40, "I2"))), ViolationCodes.TankMixedProducts);
        Assert.Equal("runs[2]", v.Path);
        Assert.Contains("fills 'I2' into tank 'T' while it still holds 'I1' (level 50)", v.Message);
    }

    [Fact]
    public void Drawing_a_product_the_tank_does_not_hold_is_flagged()
    {
        var model = Tanks();
        model.Tanks[0].InitialProductId = "I1";
        model.Tanks[0].InitialLevel = 30;

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, Draw(0, 2, 20))));
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Draw(0, 2, 20, "F2"))), ViolationCodes.TankWrongProduct);
        Assert.Contains("draws 20 of 'I2' from tank 'T', which holds 'I1' then (level 30)", v.Message);
    }

    [Fact]
    public void Switching_product_needs_clean_time_after_the_last_use()
    {
        var model = Tanks();
        // I1 is drained at 10:00 by the draw; clean_hours 2: I2 may be filled from 12:00.
        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, Fill(), Draw(), Fill(12, 14, 40, "I2"))));

        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Fill(), Draw(), Fill(11, 13, 40, "I2"))), ViolationCodes.TankCleanTimeTooShort);
        Assert.Equal("runs[2]", v.Path);
        Assert.Contains("switches tank 'T' from 'I1' to 'I2' at 2026-01-05T11:00:00Z, 1 h after the end of run 1 at 2026-01-05T10:00:00Z; clean_hours is 2 h", v.Message);
    }

    [Fact]
    public void Clean_time_of_the_initial_product_counts_from_horizon_start()
    {
        var model = Tanks();
        model.Tanks[0].InitialProductId = "I1"; // empty but dirty with I1

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, Fill(2, 4, 40, "I2"))));
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, Fill(1, 3, 40, "I2"))), ViolationCodes.TankCleanTimeTooShort);
        Assert.Contains("after horizon start", v.Message);
    }

    [Fact]
    public void A_tank_that_held_nothing_needs_no_cleaning()
    {
        var model = Tanks();

        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, Fill(0, 2, 40, "I2"))));
    }

    [Fact]
    public void Frozen_runs_fill_and_draw_too()
    {
        var model = Tanks();
        model.Horizon.Frozen = Hours(1);
        model.FrozenRuns.Add(new FrozenRun { LineId = "MIX", ProductId = "I1", Start = At(0, 0), End = At(0, 4), Quantity = 80 });
        var frozen = Fill();
        frozen.Frozen = true;

        // Without the frozen fill the draw would underflow; with a second fill the tank overflows.
        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, frozen.Clone(), Draw())));
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, frozen.Clone(), R("MIX", "I1", 0, 4, 7, 60))), ViolationCodes.TankOverflow);
        Assert.Contains("level 140", v.Message);
    }

    [Fact]
    public void Tank_contents_are_not_site_stock_but_materials_still_are()
    {
        var model = Tanks();
        var plan = PlanFor(model, Fill(), Draw());
        plan.Inventory.Add(new InventoryLevel { SiteId = "S", ProductId = "F1", BucketIndex = 0, Quantity = 80 });
        plan.Inventory.Add(new InventoryLevel { SiteId = "S", MaterialId = "BAG", BucketIndex = 0, Quantity = 20 });
        plan.Inventory.Add(new InventoryLevel { SiteId = "S", ProductId = "I1", BucketIndex = 0, Quantity = 0 });
        Assertions.Valid(PlanVerifier.Verify(model, plan));

        plan.Inventory[2].Quantity = 80; // as if the fill went into site stock
        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.InventoryMismatch);
        Assert.Contains("recomputed 0", v.Message);
    }

    [Fact]
    public void In_coarse_buckets_the_end_of_bucket_level_counts()
    {
        // Two WEEK buckets. Campaigns are placed from the bucket's start on each line, not timed across
        // lines: the packing campaign may run ahead of the mixing campaign inside the week.
        var model = Tanks(2, Granularity.Week);
        model.Tanks[0].InitialProductId = "I1";
        Assertions.Valid(PlanVerifier.Verify(model, PlanFor(model, R("MIX", "I1", 0, 4, 8, 80, bucket: 0), R("PACK", "F1", 0, 0, 8, 80, bucket: 0))));

        // Drawing more than the week made leaves the tank below empty at the end of the week.
        var v = Assertions.Single(PlanVerifier.Verify(model, PlanFor(model, R("MIX", "I1", 0, 4, 7, 60, bucket: 0), R("PACK", "F1", 0, 0, 8, 80, bucket: 0))),
            ViolationCodes.TankUnderflow);
        Assert.Equal("buckets[0]", v.Path);
        Assert.Contains("level -20 at 2026-01-12T00:00:00Z (end of WEEK bucket 0)", v.Message);

        // A DAY bucket before the weeks is timed: there the draw before the fill is an underflow at once.
        var mixed = Tanks(1);
        mixed.Horizon.Bands.Add(new ResolutionBand { Granularity = Granularity.Week, Count = 1 });
        mixed.Tanks[0].InitialProductId = "I1";
        var timed = Assertions.Single(PlanVerifier.Verify(mixed, PlanFor(mixed, R("MIX", "I1", 0, 4, 8, 80), R("PACK", "F1", 0, 0, 8, 80))),
            ViolationCodes.TankUnderflow);
        Assert.Contains("level -40 at 2026-01-05T04:00:00Z (bucket 0)", timed.Message);
    }
}
