using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Plans;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Plans;

/// <summary>Every KPI on small models whose plans are obvious, against numbers worked out by hand.</summary>
public class KpiTests
{
    [Fact]
    public void Service_per_customer_and_line_hours_from_the_calendar_minus_downtime()
    {
        // 8 h a day at 10/h; day 1 loses 2 h to maintenance: 80 + 60 units in 8 + 6 = 14 available hours.
        // X's 50 (priority 1) and 30 of Y's 60 are made on day 0, due then; Y's other 30 follow on day 1.
        var m = new PlanningModel
        {
            Name = "service",
            Horizon = Days(2),
            Sites = { new Site { Id = "S" } },
            Lines =
            {
                new Line
                {
                    Id = "L", SiteId = "S",
                    Calendar = new Calendar { HoursPerDay = 8, Downtimes = { new Downtime { Start = At(Start.AddDays(1).AddHours(2)), End = At(Start.AddDays(1).AddHours(4)) } } },
                },
            },
            Products = { new Product { Id = "A", BacklogCost = 1, LostSaleCost = 10, Price = 2 } },
            Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10, VariableCost = 1 } },
            Orders =
            {
                new Order { Id = "O1", Customer = "X", ProductId = "A", SiteId = "S", Quantity = 50, Due = Day(0.9), Priority = 1 },
                new Order { Id = "O2", Customer = "Y", ProductId = "A", SiteId = "S", Quantity = 60, Due = Day(0.9) },
            },
        };
        var k = SolveVerified(m).Plan.Kpis;

        Assert.Equal(0.5, k.OnTimeInFull, 9);
        Assert.Equal(80.0 / 110, k.FillRate, 9);
        Assert.Equal(["X", "Y"], k.Customers.Select(c => c.Customer));
        Assert.Equal(1.0, k.Customers[0].OnTimeInFull, 9);
        Assert.Equal(1.0, k.Customers[0].FillRate, 9);
        Assert.Equal(0.0, k.Customers[1].OnTimeInFull, 9);
        Assert.Equal(0.5, k.Customers[1].FillRate, 9);

        var line = Assert.Single(k.Lines);
        Assert.Equal(14, line.AvailableHours, 9);
        Assert.Equal(11, line.ProductionHours, 6);
        Assert.Equal(0, line.ChangeoverHours, 9);
        Assert.Equal(11.0 / 14, line.Utilisation, 6);

        Assert.Equal(0, k.Backlog, 6);
        Assert.Equal(220, k.Revenue, 6);
        Assert.Equal(110, k.Costs.Production, 6);
        Assert.Equal(30, k.Costs.Backlog, 6);
        Assert.Equal(k.Costs.Production + k.Costs.Changeover + k.Costs.Holding + k.Costs.Backlog + k.Costs.LostSales + k.Costs.Transport
            + k.Costs.Purchasing + k.Costs.SafetyStock + k.Costs.Stability, k.Costs.Total, 6);
        Assert.Equal(0, k.InventoryValue, 9);
        Assert.Equal(0, k.DaysOfCover, 9);
        Assert.Equal(0, k.InventoryTurns, 9);
    }

    [Fact]
    public void Inventory_value_days_of_cover_and_turns()
    {
        // The line is down on day 1, so A's 100 due then come from 40 in stock and 60 made on day 0.
        // B (10 in stock, no demand) just sits there.
        // Stock: day 0 A 100 + B 10, day 1 B 10 -> 60 units on average; demand 50 a day -> 1.2 days of cover.
        // Value: day 0 300 + 70, day 1 70 -> 220 on average; shipped 100 x 3 = 300 -> 300/220 x 365/2 turns a year.
        var m = new PlanningModel
        {
            Name = "stock",
            Horizon = Days(2),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L", SiteId = "S", Calendar = new Calendar { Downtimes = { new Downtime { Start = Day(1), End = Day(2) } } } } },
            Products =
            {
                new Product { Id = "A", BacklogCost = 1, LostSaleCost = 10, Price = 5, UnitValue = 3, HoldingCost = 0.5 },
                new Product { Id = "B", UnitValue = 7 },
            },
            Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10, VariableCost = 1 } },
            InitialInventory =
            {
                new InitialInventory { SiteId = "S", ProductId = "A", Quantity = 40 },
                new InitialInventory { SiteId = "S", ProductId = "B", Quantity = 10 },
            },
            Orders = { new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 100, Due = Day(1.5) } },
        };
        var r = SolveVerified(m);
        var k = r.Plan.Kpis;
        Assert.Equal(70, k.InventoryValue, 6);
        Assert.Equal(1.2, k.DaysOfCover, 6);
        Assert.Equal(300.0 / 220 * 365 / 2, k.InventoryTurns, 6);
        Assert.Equal(500, k.Revenue, 6);
        Assert.Equal(1.0, k.OnTimeInFull, 9);
        Assert.Equal(1.0, k.FillRate, 9);
        Assert.Equal(50, k.Costs.Holding, 6);
        Assert.Equal(6, k.Lines[0].ProductionHours, 6);
        Assert.Equal(24, k.Lines[0].AvailableHours, 6);
    }

    [Fact]
    public void Shared_asset_hours_count_runs_and_changeovers_that_list_it()
    {
        // One week bucket. L1 (set up for C) changes to A in 2 h on the CIP skid, makes 100 A in 10 h on it;
        // L2 makes 50 B in 5 h on it. The skid works 12 h a day: 84 h in the week.
        var m = new PlanningModel
        {
            Name = "asset",
            Horizon = new Horizon { Start = At(Start), Bands = { new ResolutionBand { Granularity = Granularity.Week, Count = 1 } } },
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L1", SiteId = "S", InitialProductId = "C" }, new Line { Id = "L2", SiteId = "S" } },
            Products =
            {
                new Product { Id = "A", BacklogCost = 1, LostSaleCost = 10 },
                new Product { Id = "B", BacklogCost = 1, LostSaleCost = 10 },
                new Product { Id = "C" },
            },
            Recipes =
            {
                new Recipe { Id = "RA", ProductId = "A", LineId = "L1", Rate = 10, AssetIds = { "CIP" } },
                new Recipe { Id = "RC", ProductId = "C", LineId = "L1", Rate = 10 },
                new Recipe { Id = "RB", ProductId = "B", LineId = "L2", Rate = 10, AssetIds = { "CIP" } },
            },
            Changeovers = { new Changeover { LineId = "L1", FromProductId = "C", ToProductId = "A", Hours = 2, Cost = 5, AssetIds = { "CIP" } } },
            SharedAssets = { new SharedAsset { Id = "CIP", SiteId = "S", Calendar = new Calendar { HoursPerDay = 12 } } },
            Orders =
            {
                new Order { Id = "OA", ProductId = "A", SiteId = "S", Quantity = 100, Due = Day(6) },
                new Order { Id = "OB", ProductId = "B", SiteId = "S", Quantity = 50, Due = Day(6) },
            },
        };
        var k = SolveVerified(m).Plan.Kpis;
        var cip = Assert.Single(k.Assets);
        Assert.Equal("CIP", cip.AssetId);
        Assert.Equal(84, cip.AvailableHours, 6);
        Assert.Equal(17, cip.UsedHours, 6);
        Assert.Equal(17.0 / 84, cip.Utilisation, 6);
        Assert.Equal(2, k.ChangeoverHours, 6);
        Assert.Equal(5, k.ChangeoverCost, 6);
        Assert.Equal(168, k.Lines.Single(l => l.LineId == "L1").AvailableHours, 6);
        Assert.Equal(10, k.Lines.Single(l => l.LineId == "L1").ProductionHours, 6);
        Assert.Equal(2, k.Lines.Single(l => l.LineId == "L1").ChangeoverHours, 6);
        Assert.Equal(5, k.Lines.Single(l => l.LineId == "L2").ProductionHours, 6);
    }

    private static Run Run(string line, string product, double startDay, double endDay, double quantity, bool frozen = false) => new()
    {
        LineId = line, ProductId = product, Start = Day(startDay), End = Day(endDay), Quantity = quantity, Frozen = frozen,
    };

    [Fact]
    public void Plan_stability_counts_runs_moved_added_and_removed_in_the_slushy_zone()
    {
        var m = new PlanningModel
        {
            Horizon = Days(5),
            Policy = new Policy { StabilityCost = 10 },
        };
        m.Horizon.Frozen = Hours(24);
        m.Horizon.Slushy = Hours(72);
        m.PreviousPlan = new Plan
        {
            Runs =
            {
                Run("L", "A", 1.0, 1.5, 10),       // kept
                Run("L", "A", 2.0, 2.2, 5),        // moved by 2 s
                Run("L", "A", 2.5, 2.6, 1000),     // quantity within 1e-6 relative: kept
                Run("L", "B", 1.6, 1.8, 3),        // removed
                Run("L", "B", 4.0, 4.5, 3),        // liquid zone: not counted
                Run("L", "C", 0.2, 0.5, 3, frozen: true), // frozen: not counted
            },
        };
        var plan = new Plan
        {
            Runs =
            {
                Run("L", "A", 1.0, 1.5, 10),
                Run("L", "A", 2.0 + 2.0 / 86400, 2.2, 5),
                Run("L", "A", 2.5, 2.6, 1000.0005),
                Run("L", "C", 2.7, 2.8, 4),        // added
                Run("L", "C", 0.2, 0.5, 3, frozen: true),
                Run("L", "B", 3.5, 3.7, 3),        // liquid zone: not counted
            },
        };
        var s = KpiCalculator.Stability(m, plan);
        Assert.Equal(1u, s.RunsMoved);
        Assert.Equal(1u, s.RunsAdded);
        Assert.Equal(1u, s.RunsRemoved);

        m.PreviousPlan = null;
        Assert.Equal(new PlanStability(), KpiCalculator.Stability(m, plan));
    }
}
