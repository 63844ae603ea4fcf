using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Validation;
using static SolverEngine.Core.Tests.TestModels;

namespace SolverEngine.Core.Tests.Compilation;

public sealed class ModelCompilerTests
{
    [Fact]
    public void Invalid_model_throws_with_the_whole_report()
    {
        var m = Small();
        m.Recipes[0].Rate = -5;
        m.Lines[1].SiteId = "X";
        var e = Assert.Throws<ModelValidationException>(() => ModelCompiler.Compile(m));
        Assert.False(e.Report.Valid);
        Assert.Equal(2, e.Errors.Count());
        Assert.Contains("recipes[0].rate", e.Message);
        Assert.Contains("lines[1].site_id", e.Message);
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public void Exception_message_lists_the_first_ten_errors()
    {
        var m = Small();
        for (var i = 0; i < 12; i++)
            m.Products.Add(new Product { Id = $"X{i}", HoldingCost = -i - 1 });
        var e = Assert.Throws<ModelValidationException>(() => ModelCompiler.Compile(m));
        Assert.Equal(12, e.Errors.Count());
        Assert.StartsWith("The model is invalid: 12 errors.", e.Message);
        Assert.Contains("products[13].holding_cost", e.Message);
        Assert.DoesNotContain("products[14].holding_cost", e.Message);
        Assert.Contains("... and 2 more", e.Message);
    }

    [Fact]
    public void Ids_become_dense_indices_both_ways()
    {
        var c = ModelCompiler.Compile(Small());
        Assert.Equal(4, c.ProductIds.Count);
        Assert.Equal(2, c.ProductIds.IndexOf("C"));
        Assert.Equal("C", c.ProductIds[2]);
        Assert.Equal(-1, c.ProductIds.IndexOf("nope"));
        Assert.Equal(1, c.LineIds.Get("L2"));
        Assert.Equal(new[] { "plain", "allergen" }, c.Families.Ids);
        Assert.Equal(c.Families.IndexOf("allergen"), c.Products[2].Family);
        Assert.Equal(-1, c.Products[3].Family);
        Assert.Equal(new[] { 0, 1 }, c.Sites[0].Lines);
    }

    [Fact]
    public void Site_product_holding_cost_overrides_the_product_at_that_site_only()
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2" });
        m.SiteProducts.Add(new SiteProduct { SiteId = "S2", ProductId = "B", HoldingCost = 0.7 });
        m.SiteProducts.Add(new SiteProduct { SiteId = "S1", ProductId = "C" }); // no holding_cost: the product's
        var c = ModelCompiler.Compile(m);
        int s1 = c.SiteIds.Get("S1"), s2 = c.SiteIds.Get("S2"), b = c.ProductIds.Get("B"), cc = c.ProductIds.Get("C");
        Assert.Equal(0.7, c.HoldingCost(s2, b));
        Assert.Equal(0.1, c.HoldingCost(s1, b));
        Assert.Equal(0.1, c.HoldingCost(s1, cc));
        Assert.Equal(0.0, c.HoldingCost(s2, c.ProductIds.Get("I")));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.HoldingCost(2, b));
    }

    [Fact]
    public void Compiled_model_does_not_change_when_the_source_does()
    {
        var m = Small();
        var c = ModelCompiler.Compile(m);
        m.Products[0].Id = "changed";
        Assert.Equal("A", c.Source.Products[0].Id);
    }

    [Fact]
    public void Recipes_have_hours_per_unit_and_inputs_per_good_unit()
    {
        var c = ModelCompiler.Compile(Small());
        var rb = c.Recipes[c.RecipeIds.Get("RB")];
        Assert.Equal(1.0 / (80 * 0.8), rb.HoursPerUnit, 12);
        Assert.Equal(0.8, rb.Yield);
        var ra = c.Recipes[c.RecipeIds.Get("RA")];
        Assert.Equal(1.0, ra.Yield);
        Assert.Equal(new RecipeInputUse(true, c.MaterialIds.Get("M"), 1.0), ra.Inputs.Single());

        var m = Small();
        m.Recipes[3].Yield = 0.5;
        c = ModelCompiler.Compile(m);
        var rc = c.Recipes[3];
        Assert.Equal(new RecipeInputUse(false, c.ProductIds.Get("I"), 1.0), rc.Inputs.Single()); // 0.5 / 0.5
        Assert.Equal(c.TankIds.Get("T"), rc.InputTank);
        Assert.Equal(-1, rc.OutputTank);
        Assert.Equal(new[] { c.AssetIds.Get("CIP") }, rc.Assets);
        Assert.Equal(new[] { 0, 1, 2 }, c.Lines[0].Recipes);
        Assert.Equal(new[] { 3 }, c.Products[2].Recipes);
    }

    [Fact]
    public void Line_local_products_are_the_recipes_products_plus_the_initial_one()
    {
        var m = Small();
        m.Lines[1].InitialProductId = "A"; // A has no recipe on L2
        var c = ModelCompiler.Compile(m);
        var l2 = c.Lines[1];
        Assert.Equal(new[] { c.ProductIds.Get("C"), c.ProductIds.Get("A") }, l2.Changeovers.Products);
        Assert.Equal(1, l2.InitialLocalProduct);
        Assert.Equal(-1, l2.Changeovers.LocalIndexOf(c.ProductIds.Get("B")));
        var rc = c.Recipes[3];
        Assert.Equal(0, rc.LocalProduct);
        Assert.Equal(c.ProductIds.Get("A"), l2.InitialProduct);
    }

    /// <summary>Products A, B (plain), C, D (allergen), E (no family) all on one line L1, and L2 making A, B.</summary>
    private static PlanningModel PrecedenceModel()
    {
        var m = Small();
        m.Products.Add(new Product { Id = "D", Family = "allergen" });
        m.Products.Add(new Product { Id = "E" });
        m.Recipes.Add(new Recipe { Id = "RC1", ProductId = "C", LineId = "L1", Rate = 10 });
        m.Recipes.Add(new Recipe { Id = "RD1", ProductId = "D", LineId = "L1", Rate = 10 });
        m.Recipes.Add(new Recipe { Id = "RE1", ProductId = "E", LineId = "L1", Rate = 10 });
        m.Recipes.Add(new Recipe { Id = "RA2", ProductId = "A", LineId = "L2", Rate = 10 });
        m.Recipes.Add(new Recipe { Id = "RB2", ProductId = "B", LineId = "L2", Rate = 10 });
        m.Changeovers.Clear();
        m.Changeovers.Add(new[]
        {
            new Changeover { Hours = 1, Cost = 10 },                                          // 0: any -> any, all lines
            new Changeover { FromFamily = "plain", ToFamily = "allergen", Hours = 2, Cost = 20 }, // 1
            new Changeover { FromFamily = "plain", ToProductId = "C", Hours = 4, Cost = 40 },     // 2: to product beats to family
            new Changeover { FromProductId = "A", Hours = 5, Cost = 50 },                          // 3: from product beats from family
            new Changeover { FromFamily = "allergen", ToFamily = "plain", Forbidden = true, Hours = 9 }, // 4
            new Changeover { ToProductId = "E", Hours = 6, Cost = 60 },                            // 5: any -> E
            new Changeover { LineId = "L2", Hours = 0.25, Cost = 1 },                              // 6: line-specific any -> any
            new Changeover { LineId = "L1", FromProductId = "D", ToProductId = "A", Hours = 7 },  // 7: line-specific beats forbidden family rule
        });
        return m;
    }

    [Fact]
    public void Changeover_precedence_line_then_from_then_to()
    {
        var c = ModelCompiler.Compile(PrecedenceModel());
        var mx = c.Lines[0].Changeovers;
        int L(string p) => mx.LocalIndexOf(c.ProductIds.Get(p));
        (double, double, int) At(string a, string b) => (mx.Hours(L(a), L(b)), mx.Cost(L(a), L(b)), mx.RuleIndex(L(a), L(b)));

        Assert.Equal((5.0, 50.0, 3), At("A", "C"));  // from product A beats from family plain (even with to product C)
        Assert.Equal((5.0, 50.0, 3), At("A", "D"));
        Assert.Equal((4.0, 40.0, 2), At("B", "C"));  // plain -> product C beats plain -> family allergen
        Assert.Equal((2.0, 20.0, 1), At("B", "D"));  // plain -> allergen
        Assert.Equal((6.0, 60.0, 5), At("B", "E"));  // no plain -> E or plain -> any rule: any -> E
        Assert.Equal((1.0, 10.0, 0), At("E", "A"));  // nothing specific: any -> any
        Assert.Equal((1.0, 10.0, 0), At("C", "D"));  // allergen -> allergen: any -> any
        Assert.Equal((7.0, 0.0, 7), At("D", "A"));   // line rule beats the forbidden all-lines family rule
        Assert.Equal((0.0, 0.0, -1), At("A", "A"));  // a -> a is free
        Assert.False(mx.IsForbidden(L("D"), L("A")));

        var l2 = c.Lines[1].Changeovers;
        int L2(string p) => l2.LocalIndexOf(c.ProductIds.Get(p));
        Assert.Equal(0.25, l2.Hours(L2("A"), L2("B")));  // line-specific any -> any beats from product A
        Assert.Equal(6, l2.RuleIndex(L2("A"), L2("B")));
    }

    [Fact]
    public void B_to_E_takes_the_from_family_rule_only_when_one_exists()
    {
        var m = PrecedenceModel();
        m.Changeovers.Add(new Changeover { FromFamily = "plain", Hours = 3 }); // 8: plain -> any beats any -> E
        var c = ModelCompiler.Compile(m);
        var mx = c.Lines[0].Changeovers;
        int L(string p) => mx.LocalIndexOf(c.ProductIds.Get(p));
        Assert.Equal(3, mx.Hours(L("B"), L("E")));
        Assert.Equal(8, mx.RuleIndex(L("B"), L("E")));
    }

    [Fact]
    public void Forbidden_mask_has_zero_hours_and_cost()
    {
        var c = ModelCompiler.Compile(PrecedenceModel());
        var mx = c.Lines[0].Changeovers;
        int L(string p) => mx.LocalIndexOf(c.ProductIds.Get(p));
        Assert.True(mx.IsForbidden(L("C"), L("A")));
        Assert.True(mx.IsForbidden(L("C"), L("B")));
        Assert.True(mx.IsForbidden(L("D"), L("B")));
        Assert.False(mx.IsForbidden(L("A"), L("C")));
        Assert.Equal(0, mx.Hours(L("C"), L("B")));
        Assert.Equal(0, mx.Cost(L("C"), L("B")));
        Assert.Equal(4, mx.RuleIndex(L("C"), L("B")));
    }

    [Fact]
    public void Clean_row_is_free_unless_the_line_loses_its_setup_every_bucket()
    {
        var m = PrecedenceModel();
        m.Lines[0].InitialProductId = "";
        var c = ModelCompiler.Compile(m);
        var mx = c.Lines[0].Changeovers;
        Assert.Equal(ChangeoverMatrix.Clean, c.Lines[0].InitialLocalProduct);
        for (var to = 0; to < mx.Size; to++)
        {
            Assert.Equal(0, mx.Hours(ChangeoverMatrix.Clean, to));
            Assert.Equal(-1, mx.RuleIndex(ChangeoverMatrix.Clean, to));
        }

        m.Lines[0].SetupPerBucket = true;
        m.Lines[0].InitialProductId = "A"; // ignored: the first run of the horizon starts from the clean row
        c = ModelCompiler.Compile(m);
        mx = c.Lines[0].Changeovers;
        int L(string p) => mx.LocalIndexOf(c.ProductIds.Get(p));
        Assert.Equal(ChangeoverMatrix.Clean, c.Lines[0].InitialLocalProduct);
        Assert.True(c.Lines[0].SetupPerBucket);
        Assert.Equal(1, mx.Hours(ChangeoverMatrix.Clean, L("A")));  // any -> any (from-product/family rules never match)
        Assert.Equal(6, mx.Hours(ChangeoverMatrix.Clean, L("E")));  // any -> E
        Assert.Equal(5, mx.RuleIndex(ChangeoverMatrix.Clean, L("E")));
        Assert.Throws<ArgumentOutOfRangeException>(() => mx.Hours(-2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => mx.Hours(0, mx.Size));
    }

    [Fact]
    public void Initial_product_sets_the_starting_state()
    {
        var c = ModelCompiler.Compile(Small());
        var l1 = c.Lines[0];
        Assert.Equal(c.ProductIds.Get("A"), l1.InitialProduct);
        Assert.Equal(l1.Changeovers.LocalIndexOf(c.ProductIds.Get("A")), l1.InitialLocalProduct);
        Assert.Equal(0.5, l1.Changeovers.Hours(l1.InitialLocalProduct, l1.Changeovers.LocalIndexOf(c.ProductIds.Get("B"))));
    }

    [Fact]
    public void Changeover_rules_keep_their_assets()
    {
        var c = ModelCompiler.Compile(Small());
        var l1 = c.Lines[0].Changeovers;
        int L(string p) => l1.LocalIndexOf(c.ProductIds.Get(p));
        Assert.Equal(new[] { c.AssetIds.Get("CIP") }, c.ChangeoverAssets(0, L("A"), L("B")));
        Assert.Empty(c.ChangeoverAssets(0, L("B"), L("A")));
        Assert.Equal(new[] { c.RecipeIds.Get("RB") }, c.RecipesOn(0, c.ProductIds.Get("B")));
        Assert.Empty(c.RecipesOn(1, c.ProductIds.Get("B")));
        Assert.Equal(new[] { c.AssetIds.Get("CIP") }, c.ChangeoverRules[2].Assets);
        Assert.Equal(0, c.ChangeoverRules[2].Line);
        Assert.Equal(-1, c.ChangeoverRules[0].Line);
    }

    [Fact]
    public void Available_hours_follow_calendars_and_downtime()
    {
        var m = Small();
        m.Lines[1].Calendar.Downtimes.Add(new Downtime { Start = At(Start.AddDays(1).AddHours(10)), End = At(Start.AddDays(1).AddHours(14)) });
        m.Lines[1].Calendar.WeekdayHours.Add(new double[] { 16, 16, 16, 16, 16, 8, 0 });
        m.SharedAssets[0].Calendar = new Calendar { HoursPerDay = 12 };
        var c = ModelCompiler.Compile(m);
        Assert.Equal(Enumerable.Repeat(24.0, 7), c.Lines[0].AvailableHours);
        Assert.Equal(new double[] { 16, 12, 16, 16, 16, 8, 0 }, c.Lines[1].AvailableHours);
        Assert.Equal(Enumerable.Repeat(12.0, 7), c.Assets[0].AvailableHours);
        Assert.Equal(1, c.Assets[0].Capacity);
        Assert.Equal(12, c.WorkingHours(1, Start.AddDays(1), Start.AddDays(2)), 9);
        // Tuesday 08:00 + 3h on L2: 08-10, down 10-14, 14-15.
        Assert.Equal(Start.AddDays(1).AddHours(15), c.AdvanceWorkingTime(1, Start.AddDays(1).AddHours(8), 3));
    }

    [Fact]
    public void Demand_is_the_larger_of_prorated_forecast_and_orders_due()
    {
        var m = Small();
        m.Forecasts.Add(new Forecast { ProductId = "B", SiteId = "S1", Start = At(Start.AddHours(12)), End = At(Start.AddHours(36)), Quantity = 48 });
        m.Forecasts.Add(new Forecast { ProductId = "B", SiteId = "S1", Start = Day(6), End = Day(8), Quantity = 20 }); // half outside
        m.Orders.Add(new Order { Id = "O2", ProductId = "B", SiteId = "S1", Quantity = 10, Due = At(Start.AddHours(20)) });
        var c = ModelCompiler.Compile(m);
        var a = c.DemandOf(c.ProductIds.Get("A"), 0)!;
        Assert.All(a.Forecast, q => Assert.Equal(100, q, 9));
        Assert.Equal(Enumerable.Repeat(100.0, 7), a.Demand.Select(q => Math.Round(q, 9)));

        var b = c.DemandOf(c.ProductIds.Get("B"), 0)!;
        Assert.Equal(new double[] { 24, 24, 0, 0, 0, 0, 10 }, b.Forecast.Select(q => Math.Round(q, 9)));
        Assert.Equal(new double[] { 10, 0, 0, 120, 0, 0, 0 }, b.Orders);
        Assert.Equal(new double[] { 24, 24, 0, 120, 0, 0, 10 }, b.Demand.Select(q => Math.Round(q, 9)));
        Assert.Equal(new[] { c.OrderIds.Get("O2"), c.OrderIds.Get("O1") }, b.OrderIndices); // by due time
        Assert.Equal(120, c.DemandIn(c.ProductIds.Get("B"), 0, 3));
        Assert.Null(c.DemandOf(c.ProductIds.Get("C"), 0));
        Assert.Equal(0, c.DemandIn(c.ProductIds.Get("C"), 0, 3));

        var o1 = c.Orders[c.OrderIds.Get("O1")];
        Assert.Equal(3, o1.DueBucket);
        Assert.Equal(Start.AddDays(3.5), o1.Due);
        Assert.Equal("acme", o1.Customer);
    }

    [Fact]
    public void Forecast_over_weeks_and_months_is_spread_by_time()
    {
        var m = Small();
        m.Horizon.Bands.Add(new ResolutionBand { Granularity = Granularity.Week, Count = 1 });
        m.Forecasts.Clear();
        m.Forecasts.Add(new Forecast { ProductId = "A", Start = Day(0), End = Day(14), Quantity = 1400 });
        var c = ModelCompiler.Compile(m);
        var a = c.DemandOf(0, 0)!;
        Assert.Equal(Enumerable.Repeat(100.0, 7).Append(700.0), a.Forecast.Select(q => Math.Round(q, 9)));
    }

    [Fact]
    public void Supplies_per_bucket_and_initial_inventory()
    {
        var m = Small();
        m.Supplies.Add(new Supply { MaterialId = "M", SiteId = "S1", Quantity = 7, Arrival = Day(-3) });
        m.Supplies.Add(new Supply { MaterialId = "M", Quantity = 9, Arrival = Day(30) });
        m.Supplies.Add(new Supply { MaterialId = "M", SiteId = "S1", Quantity = 1, Arrival = At(Start.AddHours(50)) });
        m.InitialInventory.Add(new InitialInventory { SiteId = "S1", ProductId = "A", Quantity = 5 });
        m.InitialInventory.Add(new InitialInventory { MaterialId = "M", Quantity = 11 });
        var c = ModelCompiler.Compile(m);
        var s = c.SupplyOf(0, 0)!;
        Assert.Equal(new double[] { 7, 0, 501, 0, 0, 0, 0 }, s.Quantity);
        Assert.Equal(4, c.Supplies.Length);
        Assert.Equal(-1, c.Supplies[2].Bucket);
        Assert.Equal(55, c.InitialStock(0, c.ProductIds.Get("A")));
        Assert.Equal(5, c.InitialBacklog(0, c.ProductIds.Get("A")));
        Assert.Equal(11, c.InitialMaterialStock(0, 0));
        Assert.Equal(0, c.InitialStock(0, c.ProductIds.Get("B")));
    }

    [Fact]
    public void Initial_backlog_alone_creates_a_demand_series()
    {
        var m = Small();
        m.InitialInventory.Add(new InitialInventory { SiteId = "S1", ProductId = "C", Backlog = 4 });
        var c = ModelCompiler.Compile(m);
        var series = c.DemandOf(c.ProductIds.Get("C"), 0);
        Assert.NotNull(series);
        Assert.All(series!.Demand, q => Assert.Equal(0, q));
    }

    [Fact]
    public void Tanks_lanes_assets_materials_and_frozen_runs()
    {
        var m = Small();
        m.Sites.Add(new Site { Id = "S2", WarehouseCapacity = 1000 });
        m.Lanes.Add(new Lane { Id = "LN", FromSiteId = "S1", ToSiteId = "S2", LeadTime = Hours(36), CostPerUnit = 0.5, ProductIds = { "A" } });
        m.Lanes.Add(new Lane { Id = "LN2", FromSiteId = "S2", ToSiteId = "S1", CapacityPerDay = 100 });
        var c = ModelCompiler.Compile(m);

        var t = c.Tanks[0];
        Assert.True(t.Allows(c.ProductIds.Get("I")));
        Assert.False(t.Allows(c.ProductIds.Get("A")));
        Assert.Equal(200, t.InitialLevel);
        Assert.Equal(c.ProductIds.Get("I"), t.InitialProduct);
        Assert.Equal(new[] { 0 }, c.Sites[0].Tanks);

        var ln = c.Lanes[0];
        Assert.Equal((0, 1), (ln.FromSite, ln.ToSite));
        Assert.Equal(TimeSpan.FromHours(36), ln.LeadTime);
        Assert.True(ln.Allows(c.ProductIds.Get("A")));
        Assert.False(ln.Allows(c.ProductIds.Get("B")));
        Assert.True(double.IsPositiveInfinity(ln.CapacityPerDay));
        Assert.True(c.Lanes[1].Allows(c.ProductIds.Get("B")));
        Assert.Equal(100, c.Lanes[1].CapacityPerDay);
        Assert.Equal(1000, c.Sites[1].WarehouseCapacity);
        Assert.True(double.IsPositiveInfinity(c.Sites[0].WarehouseCapacity));

        var mat = c.Materials[0];
        Assert.True(mat.Purchasable);
        Assert.Equal(TimeSpan.FromHours(48), mat.LeadTime);
        Assert.True(double.IsPositiveInfinity(mat.MaxPurchasePerDay));

        var f = c.FrozenRuns.Single();
        Assert.Equal((0, c.ProductIds.Get("A"), c.RecipeIds.Get("RA"), 0), (f.Line, f.Product, f.Recipe, f.Bucket));
        Assert.Equal(Start.AddHours(4), f.End);
    }

    [Fact]
    public void Warnings_are_kept_on_the_compiled_model()
    {
        var m = Small();
        m.Forecasts[0].End = Day(10);
        var c = ModelCompiler.Compile(m, out var report);
        Assert.True(report.Valid);
        Assert.Contains(c.Warnings, w => w.Code == ValidationCodes.ForecastPartlyOutsideHorizon);
    }
}
