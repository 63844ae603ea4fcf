using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class InventoryRuleTests
{
    [Fact]
    public void Shipping_more_than_is_in_stock_is_negative_stock()
    {
        var plan = PlanWithoutLevels();
        plan.Transfers[0].Quantity = 250; // S1 holds 200 of P1 in bucket 1

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.NegativeStock);
        Assert.Equal("buckets[1]", v.Path);
        Assert.Contains("-50", v.Message);
        Assert.Contains("'P1'", v.Message);
    }

    [Fact]
    public void Consuming_more_material_than_available_is_a_material_shortage()
    {
        var model = Model();
        model.Supplies.Clear(); // 100 in stock, runs 0 and 4 consume 100 + 120 in bucket 0

        var v = Assertions.Single(PlanVerifier.Verify(model, PlanWithoutLevels()), ViolationCodes.MaterialShortage);
        Assert.Equal("buckets[0]", v.Path);
        Assert.Contains("-120", v.Message);
    }

    [Fact]
    public void Intermediate_product_input_is_consumed_at_the_line_site()
    {
        // A is made from B (2 B per unit processed, yield 0.5): 10 good A take 20 processed x 2 = 40 B.
        var model = TinyModel.Create(1);
        model.Recipes[0].Yield = 0.5;
        model.Recipes[0].Inputs.Add(new RecipeInput { ProductId = "B", QuantityPerUnit = 2 });
        model.InitialInventory.Add(new InitialInventory { SiteId = "S", ProductId = "B", Quantity = 40 });
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 2, 10));
        plan.Inventory.Add(new InventoryLevel { SiteId = "S", ProductId = "B", BucketIndex = 0, Quantity = 0 });
        plan.Inventory.Add(new InventoryLevel { SiteId = "S", ProductId = "A", BucketIndex = 0, Quantity = 10 });

        Assertions.Valid(PlanVerifier.Verify(model, plan));
        model.InitialInventory[0].Quantity = 39;
        plan.Inventory.RemoveAt(0);
        Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.NegativeStock);
    }

    [Fact]
    public void Reported_stock_that_disagrees_is_flagged()
    {
        var plan = Plan();
        plan.Inventory[2].Quantity = 251; // P1 at S1, bucket 2: 250

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.InventoryMismatch);
        Assert.Equal("inventory[2].quantity", v.Path);
        Assert.Contains("250", v.Message);
    }

    [Fact]
    public void Reported_backlog_that_disagrees_is_flagged()
    {
        var plan = Plan();
        var level = plan.Inventory.Single(l => l.ProductId == "P2" && l.BucketIndex == 1);
        level.Backlog = 0; // 100 demanded, 80 delivered

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.BacklogMismatch);
        Assert.Contains("20", v.Message);
    }

    [Fact]
    public void Inventory_level_of_an_unknown_item_is_flagged()
    {
        var plan = Plan();
        plan.Inventory.Add(new InventoryLevel { SiteId = "S1", MaterialId = "MX", BucketIndex = 0 });

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.UnknownReference);
        Assert.Equal($"inventory[{plan.Inventory.Count - 1}]", v.Path);
    }

    [Fact]
    public void Product_stock_above_warehouse_capacity_is_flagged()
    {
        var model = Model();
        model.Sites[0].WarehouseCapacity = 300; // S1 holds 250 P1 + 20 P2 + 90 P3 = 360 at the end of bucket 2

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.WarehouseCapacityExceeded);
        Assert.Equal("buckets[2]", v.Path);
        Assert.Contains("360", v.Message);
    }

    [Fact]
    public void Transfer_arrives_at_the_destination_in_the_bucket_of_departure_plus_lead_time()
    {
        var model = Model();
        model.Lanes[0].LeadTime = Hours(36); // departs day 1 08:00, arrives day 2 20:00: S2 holds nothing at the end of bucket 1
        var plan = Plan();
        plan.Transfers[0].Arrival = At(2, 20);
        plan.Inventory.Single(l => l.SiteId == "S2" && l.BucketIndex == 1).Quantity = 0;

        Assertions.Valid(PlanVerifier.Verify(model, plan));
    }
}
