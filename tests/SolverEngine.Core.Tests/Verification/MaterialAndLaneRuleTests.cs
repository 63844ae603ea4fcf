using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class MaterialAndLaneRuleTests
{
    [Fact]
    public void Purchase_of_a_material_that_is_not_purchasable_is_flagged()
    {
        var model = Model();
        model.Materials[0].Purchasable = false;

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.PurchaseNotAllowed);
        Assert.Equal("purchases[0]", v.Path);
    }

    [Fact]
    public void Purchase_arrival_other_than_order_time_plus_lead_time_is_flagged()
    {
        var plan = Plan();
        plan.Purchases[0].Arrival = At(1, 11);

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.PurchaseArrivalMismatch);
        Assert.Equal("purchases[0].arrival", v.Path);
    }

    [Fact]
    public void Purchases_above_max_purchase_per_day_are_flagged()
    {
        var model = Model();
        model.Materials[0].MaxPurchasePerDay = 50;

        Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.PurchaseLimitExceeded);
    }

    [Fact]
    public void Purchase_limit_is_per_day_of_order_time()
    {
        var model = Model();
        model.Materials[0].MaxPurchasePerDay = 60;
        var plan = PlanWithoutLevels();
        plan.Purchases[0].Quantity = 50;
        plan.Purchases.Add(new Contracts.V1.Purchase { MaterialId = "M1", SiteId = "S1", Quantity = 50, OrderTime = At(0, 23), Arrival = At(1, 23) });

        Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.PurchaseLimitExceeded);
        plan.Purchases[1].OrderTime = At(1, 1);
        plan.Purchases[1].Arrival = At(2, 1);
        Assertions.Valid(PlanVerifier.Verify(model, plan));
    }

    [Fact]
    public void Purchase_ordered_before_the_horizon_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Purchases[0].OrderTime = At(-1, 12);
        plan.Purchases[0].Arrival = At(0, 12);

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.OutsideHorizon);
        Assert.Equal("purchases[0].order_time", v.Path);
    }

    [Fact]
    public void Transfer_on_an_unknown_lane_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Transfers[0].LaneId = "LX";
        plan.Deliveries.RemoveAt(D5O1); // nothing reaches S2 now

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.UnknownReference);
        Assert.Equal("transfers[0].lane_id", v.Path);
    }

    [Fact]
    public void Product_not_allowed_on_the_lane_is_flagged()
    {
        var model = Model();
        model.Lanes[0].ProductIds.Remove("P1");

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.LaneProductNotAllowed);
        Assert.Equal("transfers[0].product_id", v.Path);
    }

    [Fact]
    public void Transfer_arrival_other_than_departure_plus_lead_time_is_flagged()
    {
        var plan = Plan();
        plan.Transfers[0].Arrival = At(1, 21);

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.TransferArrivalMismatch);
    }

    [Fact]
    public void Departures_above_lane_capacity_per_day_are_flagged()
    {
        var model = Model();
        model.Lanes[0].CapacityPerDay = 100;

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.LaneCapacityExceeded);
        Assert.Contains("150", v.Message);
    }
}
