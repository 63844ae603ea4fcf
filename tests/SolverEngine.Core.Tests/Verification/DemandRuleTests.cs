using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class DemandRuleTests
{
    [Fact]
    public void Delivery_in_another_bucket_than_its_time_is_flagged()
    {
        var plan = Plan();
        plan.Deliveries[D0Forecast].BucketIndex = 1;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.DeliveryBucketMismatch);
        Assert.Equal("deliveries[0].bucket_index", v.Path);
    }

    [Fact]
    public void Delivering_more_than_demanded_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Deliveries.Add(Delivery("", "P2", "S1", 10, 2, 21)); // 310 delivered against a forecast of 300

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.DeliveryExceedsDemand);
        Assert.Contains("more than ordered", v.Message);
    }

    [Fact]
    public void Backlog_policy_does_not_allow_delivering_ahead_of_demand()
    {
        var plan = PlanWithoutLevels();
        plan.Deliveries[D1Forecast].Time = At(0, 21); // 150 by the end of bucket 0 against 100 demanded
        plan.Deliveries[D1Forecast].BucketIndex = 0;
        plan.Deliveries[D1Forecast].Quantity = 50;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.DeliveryExceedsDemand);
        Assert.Equal("buckets[0]", v.Path);
    }

    [Fact]
    public void Lost_sales_cannot_be_delivered_later()
    {
        // P3 is LOST_SALES: order O3 is due in bucket 1; delivering it in bucket 2 serves no demand there.
        var plan = PlanWithoutLevels();
        plan.Deliveries[D4O3].Time = At(2, 10);
        plan.Deliveries[D4O3].BucketIndex = 2;
        plan.Deliveries[D4O3].Lateness = Hours(24);

        var report = PlanVerifier.Verify(Model(), plan);

        var v = Assertions.Single(report, ViolationCodes.DeliveryExceedsDemand);
        Assert.Equal("buckets[2]", v.Path);
        Assert.Equal(50 * 3, report.Costs.LostSales, 9); // all of O3 is lost in bucket 1
    }

    [Fact]
    public void Deliveries_of_an_order_above_its_quantity_are_flagged()
    {
        var model = Model();
        model.Orders.Add(new Order { Id = "O4", ProductId = "P2", SiteId = "S1", Quantity = 50, Due = At(0, 12) });
        var plan = Plan();
        plan.Deliveries[D0Forecast].OrderId = "O4"; // 100 against an order of 50 (the forecast still covers it)
        plan.Deliveries[D0Forecast].Lateness = Hours(8);

        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.OrderOverDelivered);
        Assert.Contains("O4", v.Message);
    }

    [Fact]
    public void Delivery_for_an_order_of_another_product_or_site_is_flagged()
    {
        var model = Model();
        model.Orders.Add(new Order { Id = "O5", ProductId = "P1", SiteId = "S2", Quantity = 100, Due = At(0, 18) });
        var plan = PlanWithoutLevels(); // O5 adds demand (and backlog) of P1 at S2
        plan.Deliveries[D3O2].OrderId = "O5"; // ships P3 from S1

        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.DeliveryOrderMismatch);
        Assert.Equal("deliveries[3]", v.Path);
    }

    [Fact]
    public void Delivery_for_an_unknown_order_is_flagged()
    {
        var plan = Plan();
        plan.Deliveries[D3O2].OrderId = "OX";

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.UnknownReference);
        Assert.Equal("deliveries[3].order_id", v.Path);
    }

    [Theory]
    [InlineData(D5O1, 1.0)]       // on time: lateness must be zero
    [InlineData(D0Forecast, 2.0)] // forecast deliveries are never late
    public void Wrong_lateness_is_flagged(int delivery, double hours)
    {
        var plan = Plan();
        plan.Deliveries[delivery].Lateness = Hours(hours);

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.DeliveryLatenessMismatch);
        Assert.Equal($"deliveries[{delivery}].lateness", v.Path);
    }

    [Fact]
    public void Late_order_delivery_has_lateness_time_minus_due_and_pays_backlog()
    {
        var plan = PlanWithoutLevels();
        // O1 (150 P1 at S2, due day 2 12:00) would ship 2 h late; moving it needs a later demand bucket, so
        // make it due in bucket 1 instead: due day 1 22:00, shipped day 2 12:00 = 14 h late, backlog 150 at the end of bucket 1.
        var model = Model();
        model.Orders[0].Due = At(1, 22);
        plan.Deliveries[D5O1].Lateness = Hours(14);

        var report = PlanVerifier.Verify(model, plan);

        Assertions.Valid(report);
        Assert.Equal(10 + 150 * 1 * 1, report.Costs.Backlog, 9);
    }

    [Fact]
    public void Must_meet_demand_short_in_its_bucket_is_flagged()
    {
        var model = Model();
        model.Products[2].DemandPolicy = DemandPolicy.MustMeet; // P3: O3 asks 50 in bucket 1, 30 delivered

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.DemandNotMet);
        Assert.Equal("buckets[1]", v.Path);
    }

    [Fact]
    public void Forecast_is_prorated_by_time_overlap_and_orders_consume_it()
    {
        // Forecast of 48 over [day 0 12:00, day 2 12:00): 12 in bucket 0, 24 in bucket 1, 12 in bucket 2.
        // An order of 30 due in bucket 1 exceeds the forecast there: demand = 12, 30, 12 (total 54).
        var model = TinyModel.Create(3);
        model.Products[0].DemandPolicy = DemandPolicy.LostSales;
        model.Products[0].LostSaleCost = 1;
        model.Forecasts.Add(new Forecast { ProductId = "A", Start = At(0, 12), End = At(2, 12), Quantity = 48 });
        model.Orders.Add(new Order { Id = "O", ProductId = "A", Quantity = 30, Due = At(1, 6) });
        model.InitialInventory.Add(new InitialInventory { SiteId = "S", ProductId = "A", Quantity = 100 });
        var plan = TinyModel.PlanWith(3);
        plan.Deliveries.Add(Delivery("", "A", "", 12, 0, 1));
        plan.Deliveries.Add(Delivery("O", "A", "", 30, 1, 1));
        plan.Deliveries.Add(Delivery("", "A", "", 12, 2, 1));

        var report = PlanVerifier.Verify(model, plan);
        Assertions.Valid(report);
        Assert.Equal(0, report.Costs.LostSales, 9);

        plan.Deliveries[2].Quantity = 13;
        Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.DeliveryExceedsDemand);
    }

    [Fact]
    public void Backlog_left_at_horizon_end_is_lost_and_initial_backlog_is_due_at_start()
    {
        var model = TinyModel.Create(2);
        model.Products[0].BacklogCost = 1;
        model.Products[0].LostSaleCost = 10;
        model.InitialInventory.Add(new InitialInventory { SiteId = "S", ProductId = "A", Quantity = 5, Backlog = 8 });
        var plan = TinyModel.PlanWith(2);
        plan.Deliveries.Add(Delivery("", "A", "S", 5, 1, 1)); // 8 due at start, 5 delivered in bucket 1

        var report = PlanVerifier.Verify(model, plan);

        Assertions.Valid(report);
        Assert.Equal(8 + 3, report.Costs.Backlog, 9); // 8 at the end of bucket 0, 3 at the end of bucket 1
        Assert.Equal(3 * 10, report.Costs.LostSales, 9);
    }
}
