using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Server.Views;

namespace SolverEngine.Server.Tests.Views;

public sealed class PlanViewBuilderTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, string> LineSites = new() { ["L1"] = "S1", ["L2"] = "S1" };

    private static Timestamp At(double days) => Timestamp.FromDateTime(Start.AddDays(days));

    /// <summary>7 DAY buckets; A runs on L1 from day 0.5 to 1.5 (240 units, a 2 h changeover first); B on L2 on day 3.</summary>
    private static Plan Plan()
    {
        var plan = new Plan();
        for (var d = 0u; d < 7; d++) plan.Buckets.Add(new Bucket { Index = d, Start = At(d), End = At(d + 1), Granularity = "DAY" });
        plan.Runs.Add(new Run
        {
            LineId = "L1", ProductId = "A", Start = At(0.5), End = At(1.5), Quantity = 240,
            Changeover = new ChangeoverInfo { FromProductId = "B", Hours = 2, Start = At(0.5 - 2.0 / 24), End = At(0.5) },
        });
        plan.Runs.Add(new Run { LineId = "L2", ProductId = "B", Start = At(3), End = At(3.25), Quantity = 60 });
        plan.Deliveries.Add(new Delivery { OrderId = "O1", ProductId = "A", SiteId = "S1", Quantity = 50, Time = At(3.5), BucketIndex = 3 });
        plan.ConstrainedDemand.Add(new ConstrainedDemand { ProductId = "A", SiteId = "S1", BucketIndex = 0, Unconstrained = 100, Constrained = 80 });
        plan.Inventory.Add(new InventoryLevel { SiteId = "S1", ProductId = "A", BucketIndex = 2, Quantity = 190 });
        plan.Inventory.Add(new InventoryLevel { SiteId = "S1", ProductId = "A", BucketIndex = 6, Quantity = 30 });
        return plan;
    }

    [Fact]
    public void A_day_view_splits_a_run_over_the_days_it_spans()
    {
        var view = PlanViewBuilder.Build(Plan(), LineSites, Granularity.Day);

        var a = view.Rows.Where(r => r.LineId == "L1" && r.ProductId == "A").ToList();
        Assert.Equal([120.0, 120.0], a.Select(r => r.Production));
        Assert.Equal([12.0, 12.0], a.Select(r => r.ProductionHours));
        Assert.Equal([2.0, 0.0], a.Select(r => r.ChangeoverHours));
        Assert.Equal(At(0), a[0].Start);
        Assert.Equal(At(1), a[0].End);
        Assert.All(a, r => Assert.Equal("S1", r.SiteId));
        var siteDay0 = view.Rows.Single(r => r.Start == At(0) && r.LineId == "" && r.ProductId == "A");
        Assert.Equal(120, siteDay0.Production);
        Assert.Equal(100, siteDay0.Demand);
        Assert.Equal(190, view.Rows.Single(r => r.Start == At(2) && r.LineId == "" && r.ProductId == "A").Inventory);
        Assert.Equal(50, view.Rows.Single(r => r.Start == At(3) && r.LineId == "" && r.ProductId == "A").Delivered);
    }

    [Fact]
    public void A_week_view_sums_the_runs_of_the_week()
    {
        var view = PlanViewBuilder.Build(Plan(), LineSites, Granularity.Week);

        Assert.All(view.Rows, r => Assert.Equal(At(0), r.Start));
        Assert.All(view.Rows, r => Assert.Equal(At(7), r.End));
        var a = view.Rows.Single(r => r.LineId == "L1" && r.ProductId == "A");
        Assert.Equal(240, a.Production);
        Assert.Equal(24, a.ProductionHours, 9);
        Assert.Equal(2, a.ChangeoverHours, 9);
        var siteA = view.Rows.Single(r => r.LineId == "" && r.ProductId == "A");
        Assert.Equal((240.0, 100.0, 50.0, 30.0), (siteA.Production, siteA.Demand, siteA.Delivered, siteA.Inventory));
        Assert.Equal(60, view.Rows.Single(r => r.LineId == "L2").Production);
        Assert.Equal(Granularity.Week, view.Granularity);
    }

    [Fact]
    public void Totals_are_the_same_at_every_granularity()
    {
        foreach (var g in new[] { Granularity.Day, Granularity.Week, Granularity.Month })
        {
            var view = PlanViewBuilder.Build(Plan(), LineSites, g);
            Assert.Equal(300, view.Rows.Where(r => r.LineId != "").Sum(r => r.Production), 9);
            Assert.Equal(300, view.Rows.Where(r => r.LineId == "").Sum(r => r.Production), 9);
        }
    }

    [Fact]
    public void Filters_keep_one_line_or_one_site()
    {
        var line = PlanViewBuilder.Build(Plan(), LineSites, Granularity.Week, lineId: "L2");
        var otherSite = PlanViewBuilder.Build(Plan(), LineSites, Granularity.Week, siteId: "S2");

        Assert.Equal(["L2"], line.Rows.Select(r => r.LineId).Distinct());
        Assert.Empty(otherSite.Rows);
    }

    [Fact]
    public void An_unspecified_granularity_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => PlanViewBuilder.Build(Plan(), LineSites, Granularity.Unspecified));
        Assert.Contains("DAY, WEEK or MONTH", ex.Message);
    }
}
