using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using static SolverEngine.Planning.Tests.PhysicsChecks;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>
/// Shared assets and tanks in the plan (model.proto <c>SharedAsset</c>, <c>Tank</c>): the timed
/// daily schedule keeps at most capacity occupations of an asset at once and every tank level in
/// [0, capacity]; the aggregate rows hold the hours and end-of-bucket levels. Each rule is shown
/// binding: the same model without it produces a plan that breaks it.
/// </summary>
public class ProcessPhysicsTests
{
    /// <summary>
    /// Two lines set up for flavoured products must both switch to plain milk at once: a 2 h rinse
    /// on the single CIP skid each. Both orders are due early on day 0, so both lines want to clean
    /// at midnight.
    /// </summary>
    internal static PlanningModel TwoLinesOneSkid(bool skid = true)
    {
        var m = new PlanningModel
        {
            Name = "two lines, one CIP skid",
            Horizon = Days(2),
            Sites = { new Site { Id = "S" } },
            Lines =
            {
                new Line { Id = "L1", SiteId = "S", InitialProductId = "F1" },
                new Line { Id = "L2", SiteId = "S", InitialProductId = "F2" },
            },
            Products =
            {
                new Product { Id = "F1", Family = "flavoured", BacklogCost = 5 },
                new Product { Id = "F2", Family = "flavoured", BacklogCost = 5 },
                new Product { Id = "P1", Family = "plain", BacklogCost = 5 },
                new Product { Id = "P2", Family = "plain", BacklogCost = 5 },
            },
            Recipes =
            {
                new Recipe { Id = "R-F1", ProductId = "F1", LineId = "L1", Rate = 100 },
                new Recipe { Id = "R-P1", ProductId = "P1", LineId = "L1", Rate = 100, VariableCost = 1 },
                new Recipe { Id = "R-F2", ProductId = "F2", LineId = "L2", Rate = 100 },
                new Recipe { Id = "R-P2", ProductId = "P2", LineId = "L2", Rate = 100, VariableCost = 1 },
            },
            Changeovers = { new Changeover { FromFamily = "flavoured", ToFamily = "plain", Hours = 2, Cost = 100, AssetIds = { "CIP" } } },
            SharedAssets = { new SharedAsset { Id = "CIP", SiteId = "S", Name = "CIP skid", Capacity = 1 } },
            Orders =
            {
                new Order { Id = "O1", ProductId = "P1", SiteId = "S", Quantity = 1000, Due = Day(0.5) },
                new Order { Id = "O2", ProductId = "P2", SiteId = "S", Quantity = 1000, Due = Day(0.5) },
            },
        };
        if (!skid) m.Changeovers[0].AssetIds.Clear();
        return m;
    }

    /// <summary>
    /// A reactor fills an empty tank at 100/h; a packer draws from it at 200/h to fill an order of
    /// 800 due on day 0. Placed from midnight the packer would draw from an empty tank: it has to
    /// wait until the reactor has put enough in (4 h: then both finish at 08:00 with the tank empty).
    /// </summary>
    internal static PlanningModel ReactorTankPacker(double capacity = 500)
    {
        return new PlanningModel
        {
            Name = "reactor, tank, packer",
            Horizon = Days(2),
            Sites = { new Site { Id = "S" } },
            Lines =
            {
                new Line { Id = "REACTOR", SiteId = "S" },
                new Line { Id = "PACKER", SiteId = "S" },
            },
            Products =
            {
                new Product { Id = "I", Family = "bulk" },
                new Product { Id = "F", Family = "packed", BacklogCost = 10 },
            },
            Tanks = { new Tank { Id = "TK", SiteId = "S", Capacity = capacity, CleanHours = 2 } },
            Recipes =
            {
                new Recipe { Id = "R-I", ProductId = "I", LineId = "REACTOR", Rate = 100, VariableCost = 1, OutputTankId = "TK" },
                new Recipe
                {
                    Id = "R-F", ProductId = "F", LineId = "PACKER", Rate = 200, VariableCost = 1, InputTankId = "TK",
                    Inputs = { new RecipeInput { ProductId = "I", QuantityPerUnit = 1 } },
                },
            },
            Orders = { new Order { Id = "O", ProductId = "F", SiteId = "S", Quantity = 800, Due = Day(0.9) } },
        };
    }

    [Fact]
    public void Two_lines_never_clean_on_the_one_skid_at_once()
    {
        var m = TwoLinesOneSkid();
        var r = SolveVerified(m);
        var occ = AssetOccupations(m, r.Plan, "CIP");
        Assert.Equal(2, occ.Count);
        Assert.Equal(1, MaxConcurrent(occ));
        Assert.Equal(0, LineOverlaps(r.Plan));
        // one line waits for the other: the second rinse starts when the first ends
        var ordered = occ.OrderBy(o => o.Start).ToList();
        Assert.Equal(ordered[0].End, ordered[1].Start);
        Assert.Equal(1000, r.Plan.Runs.Where(x => x.ProductId == "P1").Sum(x => x.Quantity), 6);
        Assert.Equal(1000, r.Plan.Runs.Where(x => x.ProductId == "P2").Sum(x => x.Quantity), 6);
    }

    [Fact]
    public void Without_the_skid_rule_the_two_rinses_overlap()
    {
        // the same model with the rule's asset removed: the plan cleans both lines at once, which
        // the skid would forbid - the constraint is binding in this model
        var free = SolveVerified(TwoLinesOneSkid(skid: false));
        var occ = AssetOccupations(TwoLinesOneSkid(skid: true), free.Plan, "CIP");
        Assert.Equal(2, MaxConcurrent(occ));
        var withSkid = SolveVerified(TwoLinesOneSkid());
        Assert.True(withSkid.Objective >= free.Objective - 1e-6);
    }

    [Fact]
    public void A_drawing_run_waits_until_the_filling_run_has_put_enough_in()
    {
        var m = ReactorTankPacker();
        var r = SolveVerified(m);
        var (min, max, problems) = TankLevels(m, r.Plan, "TK");
        Assert.Empty(problems);
        Assert.True(min >= -1e-6, $"tank level falls to {min}");
        Assert.True(max <= 500 + 1e-6, $"tank level rises to {max}");
        var pack = Assert.Single(r.Plan.Runs, x => x.LineId == "PACKER");
        Assert.Equal(800, pack.Quantity, 6);
        // 800 at 200/h from a 100/h fill: the draw cannot start before 04:00
        Assert.True(pack.Start.ToDateTime() >= Start.AddHours(4).AddSeconds(-1), $"draw starts at {pack.Start}");
        Assert.True(pack.End.ToDateTime() <= Start.AddHours(21.6), "the order is met on time");
        Assert.Equal(1.0, r.Plan.Kpis.OnTimeInFull);
    }

    [Fact]
    public void Tank_contents_are_not_site_inventory()
    {
        var m = ReactorTankPacker();
        var r = SolveVerified(m);
        Assert.All(r.Plan.Inventory.Where(i => i.ProductId == "I"), i => Assert.Equal(0, i.Quantity, 6));
    }

    [Fact]
    public void A_small_tank_makes_the_fill_and_the_draw_run_together()
    {
        // capacity 150: the reactor may only run ahead of the packer by 150 units
        var m = ReactorTankPacker(capacity: 150);
        var r = SolveVerified(m);
        var (min, max, problems) = TankLevels(m, r.Plan, "TK");
        Assert.Empty(problems);
        Assert.True(min >= -1e-6, $"tank level falls to {min}");
        Assert.True(max <= 150 + 1e-6, $"tank level rises to {max}");
        Assert.Equal(800, r.Plan.Runs.Where(x => x.ProductId == "F").Sum(x => x.Quantity), 6);
    }

    /// <summary>
    /// A mixer makes bases A then B (it is set up for A), each into its own 200-unit tank, empty at
    /// the start; one filler (set up for PB) makes PB (due at noon) then PA from them. Each base is 1,000 units, five
    /// tanks' worth: the mixer cannot make all of A before B (A's tank overflows, nobody draws A yet)
    /// and the filler cannot start PB before B exists, so one lot per base cannot be laid out. The
    /// placement fills part of A, changes over to B (filled as the filler draws it), then back to A
    /// for the rest: three mixer runs, both orders in full, the tanks within [0, 200] throughout, the
    /// extra changeover's cost in the plan's objective (the verifier checks that the objective is the
    /// plan's own cost). Without the deferral the placement gave up on PA (none made).
    /// </summary>
    internal static PlanningModel MixerTwoBasesOneFiller()
    {
        return new PlanningModel
        {
            Name = "mixer, two bases, one filler",
            Horizon = Days(1),
            Sites = { new Site { Id = "S" } },
            Lines =
            {
                new Line { Id = "MIXER", SiteId = "S", InitialProductId = "A" },
                new Line { Id = "FILLER", SiteId = "S", InitialProductId = "PB" },
            },
            Products =
            {
                new Product { Id = "A", Family = "base" },
                new Product { Id = "B", Family = "base" },
                new Product { Id = "PA", Family = "packed", BacklogCost = 10, LostSaleCost = 100 },
                new Product { Id = "PB", Family = "packed", BacklogCost = 10, LostSaleCost = 100 },
            },
            Tanks =
            {
                new Tank { Id = "TA", SiteId = "S", Capacity = 200, AllowedProductIds = { "A" } },
                new Tank { Id = "TB", SiteId = "S", Capacity = 200, AllowedProductIds = { "B" } },
            },
            Recipes =
            {
                new Recipe { Id = "R-A", ProductId = "A", LineId = "MIXER", Rate = 250, VariableCost = 1, OutputTankId = "TA" },
                new Recipe { Id = "R-B", ProductId = "B", LineId = "MIXER", Rate = 250, VariableCost = 1, OutputTankId = "TB" },
                new Recipe
                {
                    Id = "R-PA", ProductId = "PA", LineId = "FILLER", Rate = 125, VariableCost = 1, InputTankId = "TA",
                    Inputs = { new RecipeInput { ProductId = "A", QuantityPerUnit = 1 } },
                },
                new Recipe
                {
                    Id = "R-PB", ProductId = "PB", LineId = "FILLER", Rate = 125, VariableCost = 1, InputTankId = "TB",
                    Inputs = { new RecipeInput { ProductId = "B", QuantityPerUnit = 1 } },
                },
            },
            Changeovers = { new Changeover { Hours = 1, Cost = 50 } },
            Orders =
            {
                new Order { Id = "OA", ProductId = "PA", SiteId = "S", Quantity = 1000, Due = Day(0.95) },
                new Order { Id = "OB", ProductId = "PB", SiteId = "S", Quantity = 1000, Due = Day(0.5) },
            },
        };
    }

    [Fact]
    public void A_mixer_alternates_its_bases_when_one_lot_each_overflows_the_tanks()
    {
        var m = MixerTwoBasesOneFiller();
        var r = SolveVerified(m);
        foreach (var tank in new[] { "TA", "TB" })
        {
            var (min, max, problems) = TankLevels(m, r.Plan, tank);
            Assert.Empty(problems);
            Assert.True(min >= -1e-6 && max <= 200 + 1e-6, $"{tank} level in [{min}, {max}]");
        }
        Assert.Equal(1000, r.Plan.Runs.Where(x => x.ProductId == "PA").Sum(x => x.Quantity), 6);
        Assert.Equal(1000, r.Plan.Runs.Where(x => x.ProductId == "PB").Sum(x => x.Quantity), 6);
        var mixer = r.Plan.Runs.Where(x => x.LineId == "MIXER").OrderBy(x => x.Start.ToDateTime()).Select(x => x.ProductId).ToList();
        var dump = string.Join("; ", r.Plan.Runs.OrderBy(x => x.LineId).ThenBy(x => x.Start.ToDateTime()).Select(x => $"{x.LineId} {x.ProductId} {x.Start.ToDateTime():HH:mm}-{x.End.ToDateTime():HH:mm} {x.Quantity}"));
        Assert.True(mixer.SequenceEqual(["A", "B", "A"]), dump);
        Assert.Equal(0, LineOverlaps(r.Plan));
    }

    [Fact]
    public void Orders_due_early_in_the_day_run_first_when_changeovers_allow()
    {
        // A and B cost the same to change over either way; B's order is due at 08:00, A's at 20:00
        var m = new PlanningModel
        {
            Name = "due first",
            Horizon = Days(1),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L", SiteId = "S", Calendar = new Calendar { HoursPerDay = 16, ShiftStart = Hours(6) } } },
            Products = { new Product { Id = "A", BacklogCost = 1 }, new Product { Id = "B", BacklogCost = 1 } },
            Recipes =
            {
                new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 100 },
                new Recipe { Id = "RB", ProductId = "B", LineId = "L", Rate = 100 },
            },
            Changeovers = { new Changeover { Hours = 1, Cost = 10 } },
            Orders =
            {
                new Order { Id = "OA", ProductId = "A", SiteId = "S", Quantity = 500, Due = At(Start.AddHours(20)) },
                new Order { Id = "OB", ProductId = "B", SiteId = "S", Quantity = 100, Due = At(Start.AddHours(8)) },
            },
        };
        var r = SolveVerified(m);
        var a = Assert.Single(r.Plan.Runs, x => x.ProductId == "A");
        var b = Assert.Single(r.Plan.Runs, x => x.ProductId == "B");
        Assert.True(b.Start.ToDateTime() < a.Start.ToDateTime());
        Assert.Equal(Start.AddHours(6), b.Start.ToDateTime()); // from the shift start
        Assert.True(b.End.ToDateTime() <= Start.AddHours(8));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("dairy-cip.json", "CIP1", null)]
    [InlineData("chemicals-two-plants.json", "WASH", "TK-A,TK-B")]
    public void Examples_keep_assets_and_tanks(string file, string asset, string? tanks)
    {
        var m = ModelFiles.Load(Path.Combine(ExampleFileTests.ExamplesDir(), file));
        var r = SolveVerified(m, Options(20));
        var occ = AssetOccupations(m, r.Plan, asset);
        var cap = (int)(m.SharedAssets.First(a => a.Id == asset).HasCapacity ? m.SharedAssets.First(a => a.Id == asset).Capacity : 1);
        Assert.True(MaxConcurrent(occ) <= cap, string.Join("\n", occ));
        Assert.Equal(0, LineOverlaps(r.Plan));
        foreach (var k in (tanks ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (min, max, problems) = TankLevels(m, r.Plan, k);
            Assert.Empty(problems);
            Assert.True(min >= -1e-6 * m.Tanks.First(t => t.Id == k).Capacity, $"{k} falls to {min}");
            Assert.True(max <= m.Tanks.First(t => t.Id == k).Capacity * (1 + 1e-6), $"{k} rises to {max}");
        }
    }
}
