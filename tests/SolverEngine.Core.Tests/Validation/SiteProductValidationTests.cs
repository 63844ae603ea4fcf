using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;

namespace SolverEngine.Core.Tests.Validation;

public class SiteProductValidationTests : ValidatorTestBase
{
    [Fact]
    public void A_site_product_naming_an_unknown_site_or_product_is_an_error()
    {
        var model = TestModels.Small();
        model.SiteProducts.Add(new SiteProduct { SiteId = "S9", ProductId = "A", HoldingCost = 0.2 });
        model.SiteProducts.Add(new SiteProduct { SiteId = "S1", ProductId = "Z", HoldingCost = 0.2 });

        AssertIssue(model, ValidationCodes.UnknownReference, "site_products[0].site_id");
        AssertIssue(model, ValidationCodes.UnknownReference, "site_products[1].product_id");
    }

    [Fact]
    public void A_repeated_site_product_pair_and_a_negative_holding_cost_are_errors()
    {
        var model = TestModels.Small();
        model.SiteProducts.Add(new SiteProduct { SiteId = "S1", ProductId = "A", HoldingCost = 0.2 });
        model.SiteProducts.Add(new SiteProduct { SiteId = "S1", ProductId = "A", HoldingCost = -1 });

        AssertIssue(model, ValidationCodes.DuplicateEntry, "site_products[1]");
        Assert.Contains(ModelValidator.Validate(model).Issues, i => i.Path == "site_products[1].holding_cost");
    }

    [Fact]
    public void A_valid_site_product_raises_nothing()
    {
        var model = TestModels.Small();
        model.SiteProducts.Add(new SiteProduct { SiteId = "S1", ProductId = "A", HoldingCost = 0.2 });

        Assert.DoesNotContain(ModelValidator.Validate(model).Issues, i => i.Path.StartsWith("site_products"));
    }
}
