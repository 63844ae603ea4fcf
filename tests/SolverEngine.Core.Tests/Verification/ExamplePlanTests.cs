using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Tests.Examples;
using SolverEngine.Core.Verification;

namespace SolverEngine.Core.Tests.Verification;

/// <summary>
/// Hand-made plans for the examples with process physics: dairy-cip.json (two fillers share the CIP
/// skid CIP1 for flavoured -> plain and allergen -> flavoured changeovers) and
/// chemicals-two-plants.json (the reactor fills tanks TK-A and TK-B, the bagging line draws from
/// them). Each plan keeps the model's frozen runs and respects every rule; its broken twin differs
/// in one decision and breaks exactly one rule.
/// </summary>
public class ExamplePlanTests
{
    private static PlanningModel Load(string file) => ModelFiles.Load(Path.Combine(ExampleModelTests.ExamplesDirectory(), file));

    private static Timestamp At(DateTime start, int day, double hour) => Timestamp.FromDateTime(start.AddDays(day).AddHours(hour));

    private static Run Run(DateTime start, string line, string product, string recipe, int day, double from, double to, double quantity,
        (string From, double Hours, double Cost, double Start)? changeover = null, bool frozen = false, int? startDay = null) => new()
    {
        LineId = line, ProductId = product, RecipeId = recipe, Start = At(start, day, from), End = At(start, day, to), Quantity = quantity,
        BucketIndex = (uint)day, Frozen = frozen,
        Changeover = changeover is { } c
            ? new ChangeoverInfo
            {
                FromProductId = c.From, Hours = c.Hours, Cost = c.Cost,
                Start = At(start, startDay ?? day, c.Start), End = At(start, startDay ?? day, c.Start + c.Hours),
            }
            : null,
    };

    // --- dairy-cip: horizon Monday 2026-03-02, 14 DAY buckets, FILL1 04:00-24:00, FILL2 06:00-22:00 on weekdays.

    private static readonly DateTime Dairy = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The frozen runs of day 0, then on Thursday (day 3) FILL1 runs chocolate then whole milk (the
    /// flavoured -> plain changeover uses CIP1 08:45-10:15) and FILL2 runs hazelnut then chocolate
    /// cartons (the allergen -> flavoured changeover uses CIP1 at <paramref name="cartonCipStart"/> for 2.5 h).
    /// </summary>
    private static Plan DairyPlan(PlanningModel model, double cartonCipStart)
    {
        var plan = PhysicsModel.PlanFor(model,
            Run(Dairy, "FILL1", "WM1L", "R-WM1L", 0, 4, 10, 23520, frozen: true),
            Run(Dairy, "FILL1", "SS1L", "R-SS1L", 0, 10.5, 15.5, 19600, ("WM1L", 0.5, 120, 10), frozen: true),
            Run(Dairy, "FILL2", "CHO250", "R-CHO250", 0, 6, 14, 70920, frozen: true),
            Run(Dairy, "FILL1", "CHO1L", "R-CHO1L", 3, 4.75, 8.75, 13968, ("SS1L", 0.75, 180, 4)),
            Run(Dairy, "FILL1", "WM1L", "R-WM1L", 3, 10.25, 14.25, 15680, ("CHO1L", 1.5, 600, 8.75)),
            Run(Dairy, "FILL2", "HZC250", "R-HZC250", 3, 7, 9, 15680, ("CHO250", 1, 250, 6)),
            Run(Dairy, "FILL2", "CHO250", "R-CHO250", 3, cartonCipStart + 2.5, cartonCipStart + 6.5, 35460, ("HZC250", 2.5, 1200, cartonCipStart)));
        return plan;
    }

    [Fact]
    public void Dairy_plan_that_takes_turns_on_the_cip_skid_is_valid()
    {
        var model = Load("dairy-cip.json");

        // FILL2 waits for FILL1's clean (until 10:15) before its own.
        var report = PlanVerifier.Verify(model, DairyPlan(model, cartonCipStart: 10.25));

        Assertions.Valid(report);
        Assert.Equal(120 + 180 + 600 + 250 + 1200, report.Costs.Changeover, 9);
    }

    [Fact]
    public void Dairy_plan_with_both_fillers_on_the_cip_skid_at_once_is_rejected()
    {
        var model = Load("dairy-cip.json");

        // FILL2 starts its clean at 09:00, while FILL1's runs until 10:15.
        var v = Assertions.Single(PlanVerifier.Verify(model, DairyPlan(model, cartonCipStart: 9)), ViolationCodes.AssetOverlap);
        Assert.Equal("runs[6].changeover", v.Path);
        Assert.Contains("'CIP1'", v.Message);
        Assert.Contains("the changeover before run 4 on FILL1 [2026-03-05T08:45:00Z, 2026-03-05T10:15:00Z)", v.Message);
    }

    // --- chemicals-two-plants: horizon Monday 2026-06-01, 7 DAY + 7 WEEK buckets, reactor R1 round the
    // clock filling TK-A (RES-A, 45,000 at start) and TK-B (RES-B, 20,000 at start); PK1 bags 06:00-22:00
    // on weekdays, drawing 25 kg of resin per bag from the tanks.

    private static readonly DateTime Chemicals = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The frozen runs (R1 makes RES-A until 10:00, PK1 bags A until 12:00), then R1 switches to RES-B
    /// (48,000 kg on Tuesday into TK-B) and PK1 bags 960 B on <paramref name="bagBDay"/> and 960 A on
    /// Tuesday afternoon (the dark -> light wash uses the WASH unit 10:30-12:30).
    /// </summary>
    private static Plan ChemicalsPlan(PlanningModel model, int bagBDay)
    {
        var (bagFrom, bagTo, washFrom) = bagBDay == 1 ? (6.5, 10.5, 6.0) : (12.5, 16.5, 12.0);
        return PhysicsModel.PlanFor(model,
            Run(Chemicals, "RTM-R1", "RES-A", "R1-A", 0, 0, 10, 24250, frozen: true),
            Run(Chemicals, "RTM-PK1", "A-25KG", "PK1-A", 0, 6, 12, 1440, frozen: true),
            Run(Chemicals, "RTM-R1", "RES-B", "R1-B", 1, 0, 23, 48000, ("RES-A", 2, 900, 10), startDay: 0),
            Run(Chemicals, "RTM-PK1", "B-25KG", "PK1-B", bagBDay, bagFrom, bagTo, 960, ("A-25KG", 0.5, 80, washFrom)),
            Run(Chemicals, "RTM-PK1", "A-25KG", "PK1-A", 1, 12.5, 16.5, 960, ("B-25KG", 2, 300, 10.5)));
    }

    [Fact]
    public void Chemicals_plan_that_bags_resin_after_the_reactor_made_it_is_valid()
    {
        var model = Load("chemicals-two-plants.json");
        var plan = ChemicalsPlan(model, bagBDay: 1);
        // Resin sits in the tanks, never in site stock: RES-A at RTM stays 0 while the bags use 60,000 kg of it.
        plan.Inventory.Add(new InventoryLevel { SiteId = "RTM", ProductId = "RES-A", BucketIndex = 1, Quantity = 0 });

        Assertions.Valid(PlanVerifier.Verify(model, plan));
    }

    [Fact]
    public void Chemicals_plan_that_bags_resin_b_before_the_reactor_made_it_underflows_the_tank()
    {
        var model = Load("chemicals-two-plants.json");

        // Bagging B on Monday afternoon draws 24,000 kg from TK-B, which holds 20,000 until the reactor fills it on Tuesday.
        var v = Assertions.Single(PlanVerifier.Verify(model, ChemicalsPlan(model, bagBDay: 0)), ViolationCodes.TankUnderflow);
        Assert.Equal("buckets[0]", v.Path);
        Assert.Contains("Tank 'TK-B' falls below empty: level -4000 at 2026-06-01T16:30:00Z", v.Message);
    }

    [Fact]
    public void Chemicals_plan_that_overfills_a_tank_is_rejected()
    {
        var model = Load("chemicals-two-plants.json");
        var plan = ChemicalsPlan(model, bagBDay: 1);
        // A second RES-B campaign on Saturday, once the monomer supply of 6 June is in (24 h x 2,112 kg/h holds 48,000 in
        // 12,000 batches), takes TK-B from 44,000 to 92,000 kg with nothing drawing it; its capacity is 80,000.
        plan.Runs.Add(Run(Chemicals, "RTM-R1", "RES-B", "R1-B", 5, 0, 24, 48000));

        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.TankOverflow);
        Assert.Equal("buckets[5]", v.Path);
        Assert.Contains("Tank 'TK-B' holds more than its capacity 80000: level 92000 at 2026-06-07T00:00:00Z (end of DAY bucket 5)", v.Message);
    }
}
