using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Plans.Internal;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Plans;

/// <summary>Stock-out, overload and order alerts, each on a model made to raise exactly it.</summary>
public class AlertTests
{
    private static PlanningModel OneLine(int days) => new()
    {
        Name = "alerts",
        Horizon = Days(days),
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "L", SiteId = "S", Calendar = new Calendar { HoursPerDay = 8 } } },
        Products = { new Product { Id = "A", BacklogCost = 1, LostSaleCost = 10 } },
        Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10, VariableCost = 1 } },
    };

    [Fact]
    public void Demand_the_first_bucket_cannot_serve_is_out_of_stock_now_for_want_of_working_time()
    {
        var m = OneLine(3);
        m.Lines[0].Calendar.Downtimes.Add(new Downtime { Start = Day(0), End = Day(1), Reason = "maintenance" });
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 50, Due = Day(0.5) });
        var r = SolveVerified(m);
        var alert = Assert.Single(r.Plan.Alerts, a => a.Kind == "OUT_OF_STOCK_NOW");
        Assert.Equal(Alert.Types.Severity.Critical, alert.Severity);
        Assert.Equal(("A", "S"), (alert.ProductId, alert.SiteId));
        Assert.Equal(Day(0), alert.Time);
        var cause = Assert.Single(alert.Causes);
        Assert.Equal(("LINE_CAPACITY", "L"), (cause.Constraint, cause.EntityId));
        Assert.Contains("no working time", cause.Description);
        Assert.Contains(r.Plan.Alerts, a => a.Kind == "LATE_ORDER" && a.OrderId == "O" && a.Causes.Single().Constraint == "LINE_CAPACITY");
    }

    [Fact]
    public void Stock_outs_within_two_weeks_are_soon_and_later_ones_are_not_alerted()
    {
        // lost sales on day 3 and on day 20 (holding costs more than losing): only day 3 is within two weeks
        var m = OneLine(21);
        m.Products[0].DemandPolicy = DemandPolicy.LostSales;
        m.Products[0].HoldingCost = 100;
        m.Forecasts.Add(new Forecast { ProductId = "A", SiteId = "S", Start = Day(3), End = Day(4), Quantity = 100 });
        m.Forecasts.Add(new Forecast { ProductId = "A", SiteId = "S", Start = Day(20), End = Day(21), Quantity = 100 });
        var r = SolveVerified(m);
        var alert = Assert.Single(r.Plan.Alerts, a => a.Kind.StartsWith("OUT_OF_STOCK", StringComparison.Ordinal));
        Assert.Equal("OUT_OF_STOCK_SOON", alert.Kind);
        Assert.Equal(Alert.Types.Severity.Warning, alert.Severity);
        Assert.Equal(Day(3), alert.Time);
        Assert.Contains("20 units", alert.Message);
        var cause = alert.Causes[0];
        Assert.Equal(("LINE_CAPACITY", "L", 3u), (cause.Constraint, cause.EntityId, cause.BucketIndex));
        var overload = Assert.Single(r.Plan.Alerts, a => a.Kind == "OVERLOADED_LINE" && a.Time == Day(3));
        Assert.Equal("L", overload.LineId);
    }

    [Fact]
    public void Stock_below_safety_stock_within_two_weeks_is_an_info_alert()
    {
        var m = OneLine(3);
        m.Products[0].SafetyStock = 30;
        m.InitialInventory.Add(new InitialInventory { SiteId = "S", ProductId = "A", Quantity = 40 });
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 20, Due = Day(0.5) });
        var r = SolveVerified(m);
        var alert = Assert.Single(r.Plan.Alerts);
        Assert.Equal(("OUT_OF_STOCK_SOON", Alert.Types.Severity.Info), (alert.Kind, alert.Severity));
        Assert.Equal(Day(0), alert.Time);
        Assert.Contains("below its safety stock of 30", alert.Message);
    }

    [Fact]
    public void A_shared_asset_used_to_its_hours_is_overloaded()
    {
        // One week bucket; the skid works 10 h a day (70 h). L1 runs 40 h and L2 30 h on it.
        var m = new PlanningModel
        {
            Name = "asset",
            Horizon = new Horizon { Start = At(Start), Bands = { new ResolutionBand { Granularity = Granularity.Week, Count = 1 } } },
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L1", SiteId = "S" }, new Line { Id = "L2", SiteId = "S" } },
            Products = { new Product { Id = "A" }, new Product { Id = "B" } },
            Recipes =
            {
                new Recipe { Id = "RA", ProductId = "A", LineId = "L1", Rate = 10, AssetIds = { "CIP" } },
                new Recipe { Id = "RB", ProductId = "B", LineId = "L2", Rate = 10, AssetIds = { "CIP" } },
            },
            SharedAssets = { new SharedAsset { Id = "CIP", SiteId = "S", Calendar = new Calendar { HoursPerDay = 10 } } },
        };
        var inst = InstanceBuilder.Build(m);
        var plan = new Plan
        {
            Runs =
            {
                new Run { LineId = "L1", ProductId = "A", RecipeId = "RA", Quantity = 400, Start = Day(0), End = Day(40.0 / 24) },
                new Run { LineId = "L2", ProductId = "B", RecipeId = "RB", Quantity = 300, Start = Day(0), End = Day(30.0 / 24) },
            },
        };
        var hours = AssetHours.Of(inst, plan);
        Assert.Equal(70, hours.Used[0][0], 9);
        Assert.Equal(70, hours.Available[0][0], 9);

        AlertBuilder.Add(inst, plan, DeliveryAllocator.Allocate(inst, (_, _, _) => 0), [new double[1], new double[1]]);
        var alert = Assert.Single(plan.Alerts);
        Assert.Equal(("OVERLOADED_ASSET", "CIP"), (alert.Kind, alert.AssetId));
        var cause = Assert.Single(alert.Causes);
        Assert.Equal(("ASSET_CAPACITY", "CIP", 0u), (cause.Constraint, cause.EntityId, cause.BucketIndex));

        // one hour less on the skid: no alert
        plan.Runs[1].Quantity = 290;
        plan.Alerts.Clear();
        AlertBuilder.Add(inst, plan, DeliveryAllocator.Allocate(inst, (_, _, _) => 0), [new double[1], new double[1]]);
        Assert.Empty(plan.Alerts);
    }
}
