using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using static SolverEngine.Planning.Tests.TestSupport;
using SolveStatus = SolverEngine.Contracts.V1.SolveStatus;

namespace SolverEngine.Planning.Tests;

/// <summary>Tiny models with objectives worked out by hand: each checks one objective term or constraint family.</summary>
public class TinyModelTests
{
    private static PlanningModel OneLine(int buckets = 1, DemandPolicy policy = DemandPolicy.Backlog) => new()
    {
        Name = "tiny",
        Horizon = Days(buckets),
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "L", SiteId = "S" } },
        Products = { new Product { Id = "A", LostSaleCost = 10, BacklogCost = 1, HoldingCost = 0.5, DemandPolicy = policy } },
        Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10, VariableCost = 2 } },
    };

    [Fact]
    public void Production_cost_of_meeting_demand()
    {
        var m = OneLine();
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 100, Due = Day(0.5) });
        var r = SolveVerified(m);
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.Equal(200, r.Objective, 6);
        Assert.Equal(1.0, r.Plan.Kpis.OnTimeInFull);
        Assert.Single(r.Plan.Runs);
        Assert.Equal(100, r.Plan.Runs[0].Quantity, 6);
    }

    [Fact]
    public void Holding_cost_when_production_must_come_early()
    {
        // day 1 is down: the 100 units due on day 1 are made on day 0 and held one day at 0.5
        var m = OneLine(2);
        m.Lines[0].Calendar = new Calendar { Downtimes = { new Downtime { Start = Day(1), End = Day(2) } } };
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 100, Due = Day(1.5) });
        var r = SolveVerified(m);
        Assert.Equal(200 + 50, r.Objective, 6);
        Assert.Equal(50, r.Plan.Kpis.Costs.Holding, 6);
    }

    [Fact]
    public void Backlog_cost_when_capacity_is_short()
    {
        // 240 a day; 300 due on day 0: 60 are one day late (1 per unit per day) rather than lost (10)
        var m = OneLine(2);
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 300, Due = Day(0.5) });
        var r = SolveVerified(m);
        Assert.Equal(600 + 60, r.Objective, 6);
        Assert.Equal(60, r.Plan.Kpis.Costs.Backlog, 6);
        Assert.Equal(0.0, r.Plan.Kpis.OnTimeInFull);
        Assert.Contains(r.Plan.Alerts, a => a.Kind == "LATE_ORDER" && a.OrderId == "O");
        Assert.Contains(r.Plan.Deliveries, d => d.OrderId == "O" && d.BucketIndex == 1 && d.Lateness.ToTimeSpan() > TimeSpan.Zero);
    }

    [Fact]
    public void Lost_sales_policy_loses_what_its_bucket_cannot_make()
    {
        var m = OneLine(1, DemandPolicy.LostSales);
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 300, Due = Day(0.5) });
        var r = SolveVerified(m);
        Assert.Equal(480 + 600, r.Objective, 6);
        Assert.Equal(600, r.Plan.Kpis.Costs.LostSales, 6);
        Assert.Contains(r.Plan.Alerts, a => a.Kind == "SHORT_ORDER" && a.OrderId == "O");
    }

    [Fact]
    public async Task Must_meet_demand_beyond_capacity_is_infeasible()
    {
        var m = OneLine(1, DemandPolicy.MustMeet);
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 300, Due = Day(0.5) });
        var r = await new PlanningEngine().SolveAsync(m, Options());
        Assert.Equal(SolveStatus.Infeasible, r.Status);
        Assert.Null(r.Plan);
        Assert.Contains("infeasible", r.Message);
    }

    [Fact]
    public void Changeover_cost_and_hours_from_the_initial_state()
    {
        var m = OneLine();
        m.Lines[0].InitialProductId = "A";
        m.Products.Add(new Product { Id = "B", LostSaleCost = 10 });
        m.Recipes.Add(new Recipe { Id = "RB", ProductId = "B", LineId = "L", Rate = 10, VariableCost = 2 });
        m.Changeovers.Add(new Changeover { FromProductId = "A", ToProductId = "B", Hours = 2, Cost = 7 });
        m.Changeovers.Add(new Changeover { FromProductId = "B", ToProductId = "A", Hours = 20, Cost = 70 });
        m.Orders.Add(new Order { Id = "OA", ProductId = "A", SiteId = "S", Quantity = 50, Due = Day(0.9) });
        m.Orders.Add(new Order { Id = "OB", ProductId = "B", SiteId = "S", Quantity = 50, Due = Day(0.9) });
        var r = SolveVerified(m);
        Assert.Equal(200 + 7, r.Objective, 6);
        Assert.Equal(new[] { "A", "B" }, r.Plan.Runs.Select(x => x.ProductId));
        Assert.Null(r.Plan.Runs[0].Changeover);
        Assert.Equal("A", r.Plan.Runs[1].Changeover.FromProductId);
        Assert.Equal(2, r.Plan.Kpis.ChangeoverHours, 6);
    }

    [Fact]
    public void Transport_and_purchasing_costs()
    {
        var m = new PlanningModel
        {
            Name = "network",
            Horizon = Days(1),
            Sites = { new Site { Id = "P" }, new Site { Id = "D" } },
            Lines = { new Line { Id = "L", SiteId = "P" } },
            Products = { new Product { Id = "A", LostSaleCost = 100 } },
            Materials = { new Material { Id = "M", Purchasable = true, PurchaseCost = 3 } },
            Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10, VariableCost = 2, Inputs = { new RecipeInput { MaterialId = "M", QuantityPerUnit = 1 } } } },
            Lanes = { new Lane { Id = "PD", FromSiteId = "P", ToSiteId = "D", CostPerUnit = 0.5 } },
            Orders = { new Order { Id = "O", ProductId = "A", SiteId = "D", Quantity = 100, Due = Day(0.9) } },
        };
        var r = SolveVerified(m);
        Assert.Equal(200 + 50 + 300, r.Objective, 6);
        Assert.Equal(50, r.Plan.Kpis.Costs.Transport, 6);
        Assert.Equal(300, r.Plan.Kpis.Costs.Purchasing, 6);
        Assert.Equal(100, r.Plan.Transfers.Sum(t => t.Quantity), 6);
        Assert.Equal(100, r.Plan.Purchases.Sum(p => p.Quantity), 6);
    }

    [Fact]
    public void Safety_stock_shortfall_is_charged_per_day()
    {
        // stock below the 20-unit target costs 1 per unit per day; making 20 extra costs 2 each + holding 0.5
        var m = OneLine(1);
        m.Products[0].SafetyStock = 20;
        m.Products[0].SafetyStockCost = 1;
        m.Orders.Add(new Order { Id = "O", ProductId = "A", SiteId = "S", Quantity = 100, Due = Day(0.5) });
        var r = SolveVerified(m);
        Assert.Equal(200 + 20, r.Objective, 6); // shortfall 20 x 1 x 1 day beats 20 x (2 + 0.5)
        Assert.Equal(20, r.Plan.Kpis.Costs.SafetyStock, 6);
    }

    [Fact]
    public async Task Invalid_model_throws_with_every_problem()
    {
        var m = OneLine();
        m.Recipes[0].Rate = -5;
        var ex = await Assert.ThrowsAsync<ModelValidationException>(() => new PlanningEngine().SolveAsync(m));
        Assert.Contains("rate", ex.Message);
    }

    [Fact]
    public async Task Unknown_parameter_is_rejected()
    {
        var options = Options();
        options.Parameters["no.such.key"] = "1";
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new PlanningEngine().SolveAsync(OneLine(), options));
        Assert.Contains("no.such.key", ex.Message);
    }

    [Fact]
    public async Task Progress_streams_incumbents_and_a_cancelled_solve_is_a_result()
    {
        var updates = new List<SolveUpdate>();
        var progress = new SyncProgress(updates.Add);
        var m = IntegratedPlanTests.ManySmallProducts();
        var r = await new PlanningEngine().SolveAsync(m, Options(), progress);
        Assert.Contains(updates, u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent);
        Assert.Contains(updates, u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Progress && u.Progress.Phase == "aggregate");
        var last = updates.Last(u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent);
        Assert.Equal(r.Objective, last.Incumbent.Objective, 6);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = await new PlanningEngine().SolveAsync(m, Options(), null, cts.Token);
        Assert.Equal(SolveStatus.Cancelled, cancelled.Status);
        if (cancelled.Plan is not null) AssertVerified(m, cancelled.Plan, cancelled.Objective);
    }

    private sealed class SyncProgress(Action<SolveUpdate> report) : IProgress<SolveUpdate>
    {
        public void Report(SolveUpdate value)
        {
            lock (this) report(value);
        }
    }
}
