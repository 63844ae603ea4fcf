using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;

namespace SolverEngine.Core.Tests.Verification;

/// <summary>SiteProduct.holding_cost replaces Product.holding_cost at its site in the holding term.</summary>
public class SiteHoldingCostTests
{
    [Fact]
    public void A_site_override_equal_to_the_product_cost_changes_nothing()
    {
        var baseline = PlanVerifier.Verify(SamplePlan.Model(), SamplePlan.Plan()).Costs.Holding;

        var model = SamplePlan.Model();
        var p1 = model.Products.Single(p => p.Id == "P1");
        var cost = p1.HoldingCost;
        p1.HoldingCost = 0;
        foreach (var site in model.Sites)
            model.SiteProducts.Add(new SiteProduct { SiteId = site.Id, ProductId = "P1", HoldingCost = cost });

        Assert.Equal(baseline, PlanVerifier.Verify(model, SamplePlan.Plan()).Costs.Holding, 9);
    }

    [Fact]
    public void A_free_override_at_every_site_removes_the_products_holding_cost()
    {
        var baseline = PlanVerifier.Verify(SamplePlan.Model(), SamplePlan.Plan()).Costs.Holding;
        var withoutP1 = SamplePlan.Model();
        withoutP1.Products.Single(p => p.Id == "P1").HoldingCost = 0;
        var expected = PlanVerifier.Verify(withoutP1, SamplePlan.Plan()).Costs.Holding;

        var model = SamplePlan.Model();
        foreach (var site in model.Sites)
            model.SiteProducts.Add(new SiteProduct { SiteId = site.Id, ProductId = "P1", HoldingCost = 0 });

        Assert.True(expected < baseline, "the sample plan holds P1 somewhere");
        Assert.Equal(expected, PlanVerifier.Verify(model, SamplePlan.Plan()).Costs.Holding, 9);
    }
}
