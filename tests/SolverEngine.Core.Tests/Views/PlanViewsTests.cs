using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Views;

namespace SolverEngine.Core.Tests.Views;

/// <summary>
/// A hand-built plan on a horizon of 7 DAY buckets (Mon 2026-01-19 ..) and 2 WEEK buckets
/// (Jan 26 - Feb 2, which straddles the month end, and Feb 2 - Feb 9): the numbers below are
/// worked out by hand in the comments.
/// </summary>
public sealed class PlanViewsTests
{
    private static readonly DateTime T0 = new(2026, 1, 19, 0, 0, 0, DateTimeKind.Utc); // a Monday

    private static Timestamp At(double days) => Timestamp.FromDateTime(T0.AddDays(days));
    private static Timestamp At(int day, int hour) => Timestamp.FromDateTime(T0.AddDays(day).AddHours(hour));

    private static PlanningModel Model()
    {
        var model = new PlanningModel
        {
            Name = "views",
            Horizon = new Horizon { Start = At(0), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = 7 }, new ResolutionBand { Granularity = Granularity.Week, Count = 2 } } },
            Sites = { new Site { Id = "S1" }, new Site { Id = "S2" } },
            Lines =
            {
                new Line { Id = "L1", SiteId = "S1" }, // round the clock
                // 8 h a day from 06:00; down all of Friday Jan 23.
                new Line { Id = "L2", SiteId = "S1", Calendar = new Calendar { HoursPerDay = 8, ShiftStart = Duration.FromTimeSpan(TimeSpan.FromHours(6)), Downtimes = { new Downtime { Start = At(4), End = At(5), Reason = "maintenance" } } } },
                new Line { Id = "L3", SiteId = "S2" },
            },
            Products = { new Product { Id = "A", Family = "base" }, new Product { Id = "B", Family = "blend" } },
            Recipes =
            {
                new Recipe { Id = "RA1", ProductId = "A", LineId = "L1", Rate = 10 },
                new Recipe { Id = "RB2", ProductId = "B", LineId = "L2", Rate = 20, Yield = 0.8, Inputs = { new RecipeInput { ProductId = "A", QuantityPerUnit = 0.5 } } },
                new Recipe { Id = "RA3", ProductId = "A", LineId = "L3", Rate = 5 },
            },
            Lanes = { new Lane { Id = "S1-S2", FromSiteId = "S1", ToSiteId = "S2", LeadTime = Duration.FromTimeSpan(TimeSpan.FromDays(2)) } },
            InitialInventory = { new InitialInventory { SiteId = "S1", ProductId = "A", Quantity = 100 } },
            // 140 over the two WEEK buckets: 70 each.
            Forecasts = { new Forecast { ProductId = "A", SiteId = "S1", Start = At(7), End = At(21), Quantity = 140 } },
            Orders =
            {
                new Order { Id = "O1", ProductId = "A", SiteId = "S1", Quantity = 50, Due = At(9) },      // < 70 forecast of its bucket
                new Order { Id = "O2", ProductId = "B", SiteId = "S1", Quantity = 100, Due = At(1, 12) }, // DAY bucket Jan 20
            },
        };
        return model;
    }

    private static Plan Plan()
    {
        var plan = new Plan();
        plan.Runs.Add(new Run // 24 h x 10 = 240, half on Jan 19, half on Jan 20; 2 h changeover before it on Jan 19
        {
            LineId = "L1", ProductId = "A", RecipeId = "RA1", Start = At(0, 12), End = At(1, 12), Quantity = 240, BucketIndex = 0,
            Changeover = new ChangeoverInfo { FromProductId = "B", Hours = 2, Start = At(0, 10), End = At(0, 12) },
        });
        // Wall clock Jan 21 10:00 - Jan 22 10:00; working time 10-14 on the 21st and 06-10 on the 22nd: 8 h x 20 x 0.8 = 128,
        // split 64 / 64 by working time (wall-clock would give 14/24 and 10/24). Draws 128 / 0.8 x 0.5 = 80 of A.
        plan.Runs.Add(new Run { LineId = "L2", ProductId = "B", RecipeId = "RB2", Start = At(2, 10), End = At(3, 10), Quantity = 128, BucketIndex = 2 });
        // Campaign in the WEEK bucket Jan 26 - Feb 2: Jan 30 00:00 - Feb 1 12:00 = 60 h x 10 = 600: 480 in January, 120 in February.
        plan.Runs.Add(new Run { LineId = "L1", ProductId = "A", RecipeId = "RA1", Start = At(11), End = At(13.5), Quantity = 600, BucketIndex = 7 });
        // Feb 3 00:00 - 20:00 at S2: 20 h x 5 = 100.
        plan.Runs.Add(new Run { LineId = "L3", ProductId = "A", RecipeId = "RA3", Start = At(15), End = At(15, 20), Quantity = 100, BucketIndex = 8 });
        plan.Deliveries.Add(new Delivery { OrderId = "O2", ProductId = "B", SiteId = "S1", Quantity = 100, Time = At(3, 12), BucketIndex = 3 });
        plan.Deliveries.Add(new Delivery { ProductId = "A", SiteId = "S1", Quantity = 20, Time = At(7), BucketIndex = 7 });
        plan.Deliveries.Add(new Delivery { OrderId = "O1", ProductId = "A", SiteId = "S1", Quantity = 50, Time = At(9), BucketIndex = 7 });
        plan.Transfers.Add(new Transfer { LaneId = "S1-S2", ProductId = "A", Quantity = 30, Departure = At(18), Arrival = At(20) });
        return plan;
    }

    private static PlanViewTable View(Granularity g, string? site = null, string? line = null) => PlanViews.Build(Model(), Plan(), g, site, line);

    public static TheoryData<Granularity> Granularities => new() { Granularity.Day, Granularity.Week, Granularity.Month };

    [Fact]
    public void Periods_are_calendar_days_iso_weeks_and_months_clipped_to_the_horizon()
    {
        var days = View(Granularity.Day).Periods;
        var weeks = View(Granularity.Week).Periods;
        var months = View(Granularity.Month).Periods;

        Assert.Equal(21, days.Count);
        Assert.Equal("2026-01-19", days[0].Label);
        Assert.Equal(["2026-W04", "2026-W05", "2026-W06"], weeks.Select(w => w.Label));
        Assert.All(weeks, w => Assert.Equal(DayOfWeek.Monday, w.Start.DayOfWeek));
        Assert.Equal(["2026-01", "2026-02"], months.Select(m => m.Label));
        Assert.Equal(T0, months[0].Start); // clipped: the month starts before the horizon
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), months[1].Start);
        Assert.Equal(T0.AddDays(21), months[1].End); // clipped to the horizon end
    }

    [Theory]
    [MemberData(nameof(Granularities))]
    public void Every_granularity_sums_to_the_plans_totals(Granularity g)
    {
        var view = View(g);

        Assert.Equal(1068, view.LineProducts.Sum(r => r.Production), 9);
        Assert.Equal(1068, view.SiteProducts.Sum(r => r.Production), 9);
        Assert.Equal(24 + 8 + 60 + 20, view.Lines.Sum(r => r.ProductionHours), 9);
        Assert.Equal(24 + 8 + 60 + 20, view.LineProducts.Sum(r => r.ProductionHours), 9);
        Assert.Equal(2, view.Lines.Sum(r => r.ChangeoverHours), 9);
        Assert.Equal(240, view.SiteProducts.Sum(r => r.Demand), 9); // A: 140 of forecast, B: order of 100
        Assert.Equal(170, view.SiteProducts.Sum(r => r.Delivered), 9);
        // Available hours over the horizon: L1 and L3 round the clock, L2 8 h on 20 of the 21 days.
        Assert.Equal(21 * 24, view.Lines.Where(r => r.LineId == "L1").Sum(r => r.AvailableHours), 9);
        Assert.Equal(20 * 8, view.Lines.Where(r => r.LineId == "L2").Sum(r => r.AvailableHours), 9);
        // End of the horizon: S1 holds 100 + 240 - 80 + 600 - 20 - 50 - 30 = 760 of A and 28 of B; S2 100 + 30 of A.
        var last = view.Periods.Count - 1;
        Assert.Equal(760, Site(view, last, "S1", "A").Inventory, 9);
        Assert.Equal(28, Site(view, last, "S1", "B").Inventory, 9);
        Assert.Equal(130, Site(view, last, "S2", "A").Inventory, 9);
        Assert.Equal(0, Site(view, last, "S1", "B").Backlog, 9);
    }

    [Fact]
    public void A_run_across_a_month_end_is_split_by_its_time_in_each_month()
    {
        var view = View(Granularity.Month);

        var l1 = view.LineProducts.Where(r => r.LineId == "L1" && r.ProductId == "A").ToList();
        Assert.Equal([240 + 480.0, 120.0], l1.Select(r => Math.Round(r.Production, 9)));
        Assert.Equal([24 + 48.0, 12.0], l1.Select(r => Math.Round(r.ProductionHours, 9)));
        // The WEEK bucket Jan 26 - Feb 2 holds 70 of demand: 6 days (60) in January, 1 day (10) in February,
        // which also gets all 70 of the next week.
        Assert.Equal([60.0, 80.0], view.SiteProducts.Where(r => r.SiteId == "S1" && r.ProductId == "A").Select(r => Math.Round(r.Demand, 9)));
        // End of January at S1: 100 + 720 - 80 - 20 - 50 = 670.
        Assert.Equal(670, Site(view, 0, "S1", "A").Inventory, 9);
    }

    [Fact]
    public void A_run_across_midnight_is_split_by_the_lines_working_time()
    {
        var view = View(Granularity.Day);

        var b = view.LineProducts.Where(r => r.LineId == "L2").ToList();
        Assert.Equal([2, 3], b.Select(r => r.Period));
        Assert.Equal([64.0, 64.0], b.Select(r => Math.Round(r.Production, 9)));
        Assert.Equal([4.0, 4.0], b.Select(r => Math.Round(r.ProductionHours, 9)));

        var l2 = view.Lines.Where(r => r.LineId == "L2").ToList();
        Assert.Equal(8, l2[2].AvailableHours, 9);
        Assert.Equal(0.5, l2[2].Utilisation, 9);
        Assert.Equal(0, l2[4].AvailableHours, 9); // the downtime day
        Assert.Equal(0, l2[4].Utilisation, 9);
        var l1 = view.Lines.Where(r => r.LineId == "L1").ToList();
        Assert.Equal((12.0, 2.0), (l1[0].ProductionHours, l1[0].ChangeoverHours));
        Assert.Equal(14.0 / 24, l1[0].Utilisation, 9);

        // A at S1 by day: +120 on day 0 and day 1, -40 drawn by B on days 2 and 3.
        var a = view.SiteProducts.Where(r => r.SiteId == "S1" && r.ProductId == "A").ToList();
        Assert.Equal([220.0, 340.0, 300.0, 260.0], a.Take(4).Select(r => Math.Round(r.Inventory, 9)));
        // The WEEK bucket's 70 of demand is 10 a day in the DAY view.
        Assert.All(a.Skip(7).Take(7), r => Assert.Equal(10, r.Demand, 9));
        // B: 100 due on Jan 20, delivered on Jan 22 at noon: backlog 100 at the end of the 20th and 21st, then 0.
        var bs = view.SiteProducts.Where(r => r.SiteId == "S1" && r.ProductId == "B").ToList();
        Assert.Equal([0.0, 100.0, 100.0, 0.0], bs.Take(4).Select(r => r.Backlog));
        Assert.Equal([0.0, 100.0, 0.0, 0.0], bs.Take(4).Select(r => r.Demand));
        Assert.Equal([0.0, 0.0, 64.0, 28.0], bs.Take(4).Select(r => Math.Round(r.Inventory, 9)));
    }

    [Fact]
    public void Initial_backlog_opens_the_backlog_and_is_not_demand_of_a_period()
    {
        var model = Model();
        model.InitialInventory.Add(new InitialInventory { SiteId = "S1", ProductId = "B", Backlog = 10 });

        var view = PlanViews.Build(model, Plan(), Granularity.Day);

        var b = view.SiteProducts.Where(r => r.SiteId == "S1" && r.ProductId == "B").ToList();
        Assert.Equal([10.0, 110.0, 110.0, 10.0], b.Take(4).Select(r => r.Backlog));
        Assert.Equal(100, b.Sum(r => r.Demand), 9);
        Assert.Equal(10, b[^1].Backlog, 9);
    }

    [Fact]
    public void A_week_view_sums_the_days_of_each_iso_week()
    {
        var view = View(Granularity.Week);

        var a = view.SiteProducts.Where(r => r.SiteId == "S1" && r.ProductId == "A").ToList();
        Assert.Equal([240.0, 600.0, 0.0], a.Select(r => Math.Round(r.Production, 9)));
        Assert.Equal([0.0, 70.0, 70.0], a.Select(r => Math.Round(r.Demand, 9)));
        Assert.Equal([0.0, 70.0, 0.0], a.Select(r => r.Delivered));
        Assert.Equal([260.0, 790.0, 760.0], a.Select(r => Math.Round(r.Inventory, 9)));
        var l1 = view.Lines.Where(r => r.LineId == "L1").ToList();
        Assert.Equal(26.0 / 168, l1[0].Utilisation, 9);
        Assert.Equal(60.0 / 168, l1[1].Utilisation, 9);
    }

    [Fact]
    public void A_run_without_recipe_id_uses_the_only_recipe_of_its_product_on_its_line()
    {
        var plan = Plan();
        foreach (var run in plan.Runs) run.RecipeId = "";

        var view = PlanViews.Build(Model(), plan, Granularity.Week);

        Assert.Equal(24 + 8 + 60 + 20, view.Lines.Sum(r => r.ProductionHours), 9);
        Assert.Equal(28, view.SiteProducts.Single(r => r.Period == 2 && r.ProductId == "B").Inventory, 9); // B still draws its A
        Assert.Equal(760, view.SiteProducts.Single(r => r.Period == 2 && r.SiteId == "S1" && r.ProductId == "A").Inventory, 9);
    }

    [Fact]
    public void A_site_filter_keeps_its_lines_and_products()
    {
        var view = View(Granularity.Week, site: "S2");

        Assert.Equal(["L3"], view.Lines.Select(r => r.LineId).Distinct());
        Assert.Equal(["S2"], view.SiteProducts.Select(r => r.SiteId).Distinct());
        Assert.Equal(100, view.LineProducts.Sum(r => r.Production), 9);
        Assert.Equal(130, view.SiteProducts.Last().Inventory, 9);
    }

    [Fact]
    public void A_line_filter_keeps_the_line_and_the_site_balance_of_its_products()
    {
        var view = View(Granularity.Week, line: "L2");

        Assert.Equal(["L2"], view.Lines.Select(r => r.LineId).Distinct());
        Assert.Equal(["L2"], view.LineProducts.Select(r => r.LineId).Distinct());
        Assert.Equal([("S1", "B")], view.SiteProducts.Select(r => (r.SiteId, r.ProductId)).Distinct());
        Assert.Equal(128, view.SiteProducts.Sum(r => r.Production), 9);
    }

    [Fact]
    public void Unknown_filters_name_the_id_and_the_known_ones()
    {
        var site = Assert.Throws<ArgumentException>(() => View(Granularity.Day, site: "S9"));
        Assert.Contains("'S9'", site.Message);
        Assert.Contains("'S1', 'S2'", site.Message);
        var line = Assert.Throws<ArgumentException>(() => View(Granularity.Day, line: "FILL9"));
        Assert.Contains("'FILL9'", line.Message);
        Assert.Contains("'L1', 'L2', 'L3'", line.Message);
        var mismatch = Assert.Throws<ArgumentException>(() => View(Granularity.Day, site: "S1", line: "L3"));
        Assert.Contains("site 'S2'", mismatch.Message);
        Assert.Throws<ArgumentException>(() => View(Granularity.Unspecified));
    }

    [Fact]
    public void The_wire_form_carries_the_three_kinds_of_rows()
    {
        var table = View(Granularity.Week);
        var view = table.ToProto();

        Assert.Equal(Granularity.Week, view.Granularity);
        Assert.Equal(table.SiteProducts.Count, view.Rows.Count(r => r.LineId == "" && r.ProductId != ""));
        Assert.Equal(table.Lines.Count, view.Rows.Count(r => r.LineId != "" && r.ProductId == ""));
        Assert.Equal(table.LineProducts.Count, view.Rows.Count(r => r.LineId != "" && r.ProductId != ""));
        var b = view.Rows.First(r => r.LineId == "" && r.ProductId == "B");
        Assert.Equal((100.0, 100.0), (b.Demand, b.Delivered));
        Assert.Equal(Timestamp.FromDateTime(T0), b.Start);
        Assert.Equal(Timestamp.FromDateTime(T0.AddDays(7)), b.End);
    }

    private static SiteProductPeriodRow Site(PlanViewTable view, int period, string site, string product) =>
        view.SiteProducts.Single(r => r.Period == period && r.SiteId == site && r.ProductId == product);
}
