using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class RunRuleTests
{
    [Theory]
    [InlineData("line")]
    [InlineData("product")]
    [InlineData("recipe")]
    public void Run_with_unknown_reference_is_flagged(string field)
    {
        var plan = PlanWithoutLevels();
        var run = plan.Runs[R5P3];
        switch (field)
        {
            case "line": run.LineId = "LX"; break;
            case "product": run.ProductId = "PX"; break;
            default: run.RecipeId = "RX"; break;
        }

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.UnknownReference);
        Assert.Equal($"runs[{R5P3}].{field}_id", v.Path);
    }

    [Fact]
    public void Recipe_of_another_product_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R5P3].RecipeId = "R1"; // makes P1 on L1

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunRecipeMismatch);
        Assert.Contains("R1", v.Message);
    }

    [Fact]
    public void Product_no_recipe_makes_on_the_line_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R5P3].ProductId = "P1";
        plan.Runs[R5P3].RecipeId = "";

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunRecipeMismatch);
    }

    [Fact]
    public void Empty_recipe_id_means_the_only_recipe()
    {
        var plan = Plan();
        plan.Runs[R5P3].RecipeId = "";

        Assertions.Valid(PlanVerifier.Verify(Model(), plan));
    }

    [Fact]
    public void Run_that_does_not_start_before_it_ends_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R5P3].End = plan.Runs[R5P3].Start;

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunEmptyInterval);
    }

    [Fact]
    public void Run_outside_the_horizon_is_flagged()
    {
        var model = TinyModel.Create(days: 1);
        var plan = TinyModel.PlanWith(1, TinyModel.On("A", 0, 20, 26, 10));

        var report = PlanVerifier.Verify(model, plan);

        Assertions.Single(report, ViolationCodes.OutsideHorizon);
    }

    [Fact]
    public void Run_outside_the_bucket_of_its_bucket_index_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R5P3].BucketIndex = 0;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunOutsideBucket);
        Assert.Equal($"runs[{R5P3}]", v.Path);
    }

    [Fact]
    public void Run_crossing_a_bucket_boundary_is_flagged()
    {
        var plan = TinyModel.PlanWith(2, TinyModel.On("A", 0, 20, 28, 10));

        Assertions.Single(PlanVerifier.Verify(TinyModel.Create(2), plan), ViolationCodes.RunOutsideBucket);
    }

    [Fact]
    public void Overlapping_runs_on_a_line_are_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Runs.Add(Run("L2", "P3", "R3", 1, 5, 1, 7, 40, 1)); // overlaps run 5 (ends day 1 06:00)

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunOverlap);
        Assert.Equal("runs[6]", v.Path);
    }

    [Fact]
    public void Quantity_above_rate_times_working_hours_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R5P3].Quantity = 81; // 2 working hours (04:00-06:00) x 40/h = 80

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunRateExceeded);
        Assert.Contains("80", v.Message);
    }

    [Fact]
    public void Yield_reduces_good_output_per_hour()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R1P2].Quantity = 170; // 4 h x 50/h x yield 0.8 = 160

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunRateExceeded);
    }

    [Fact]
    public void Negative_quantity_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Deliveries.Add(Delivery("", "P2", "S1", -5, 2, 21));

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.NegativeQuantity);
        Assert.Equal("deliveries[6].quantity", v.Path);
    }

    [Fact]
    public void Quantity_not_a_batch_multiple_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R0P1].Quantity = 190; // batch_size 50

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunBatchSize);
    }

    [Fact]
    public void Lot_after_a_changeover_below_min_run_quantity_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R3P1].Quantity = 150; // min_run_quantity 200 after the P2 -> P1 changeover

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.RunBelowMinQuantity);
        Assert.Equal($"runs[{R3P1}]", v.Path);
    }

    [Fact]
    public void Min_run_quantity_does_not_apply_without_a_changeover()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R0P1].Quantity = 150; // line starts set up for P1: no changeover, no minimum

        Assertions.Valid(PlanVerifier.Verify(Model(), plan));
    }

    [Fact]
    public void Back_to_back_runs_of_one_product_are_one_lot_for_min_run_quantity()
    {
        var model = TinyModel.Create(1);
        model.Lines[0].InitialProductId = "B";
        model.Recipes[0].MinRunQuantity = 30;
        var ok = TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 2, 20), TinyModel.On("A", 0, 3, 4, 10));
        var short_ = TinyModel.PlanWith(1, TinyModel.On("A", 0, 0, 2, 20), TinyModel.On("A", 0, 3, 4, 5));

        Assertions.Valid(PlanVerifier.Verify(model, ok));
        Assertions.Single(PlanVerifier.Verify(model, short_), ViolationCodes.RunBelowMinQuantity);
    }

    [Fact]
    public void More_lots_in_a_bucket_than_max_runs_per_bucket_is_flagged()
    {
        var model = Model();
        model.Lines[0].MaxRunsPerBucket = 1; // L1 starts two lots (P1, P2) in bucket 0

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.MaxRunsPerBucketExceeded);
        Assert.Equal("buckets[0]", v.Path);
    }

    [Fact]
    public void Bucket_quantity_that_disagrees_with_the_runs_is_flagged()
    {
        var plan = Plan();
        plan.BucketQuantities[3].Quantity = 150; // R2 in bucket 1 makes 160

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.BucketQuantityMismatch);
        Assert.Equal("bucket_quantities[3]", v.Path);
    }

    [Fact]
    public void Bucket_quantity_missing_for_a_recipe_with_output_is_flagged()
    {
        var plan = Plan();
        plan.BucketQuantities.RemoveAt(5); // R1 in bucket 2

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.BucketQuantityMismatch);
        Assert.Contains("'R1' in bucket 2", v.Message);
    }
}
