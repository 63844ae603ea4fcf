using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class ChangeoverRuleTests
{
    [Fact]
    public void Forbidden_transition_is_flagged_when_no_more_specific_rule_allows_it()
    {
        var model = Model();
        model.Changeovers.RemoveAt(2); // the L1 rule P2 -> P1; dark -> light on all lines is forbidden

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.ChangeoverForbidden);
        Assert.Equal($"runs[{R3P1}]", v.Path);
    }

    [Fact]
    public void Missing_changeover_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R1P2].Changeover = null;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverMissing);
        Assert.Contains("2 h", v.Message);
    }

    [Fact]
    public void Reported_hours_below_the_rule_are_flagged()
    {
        var plan = Plan();
        plan.Runs[R1P2].Changeover.Hours = 1.5;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverTooShort);
        Assert.Equal($"runs[{R1P2}].changeover.hours", v.Path);
    }

    [Fact]
    public void Too_little_working_time_before_the_run_is_flagged()
    {
        var plan = Plan();
        var run = plan.Runs[R1P2];
        run.Start = At(0, 9); // window [08:00, 09:00) holds 1 h; light -> dark needs 2 h
        run.End = At(0, 13);
        run.Changeover.Start = null;
        run.Changeover.End = null;

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverNoTime);
    }

    [Fact]
    public void Changeover_window_counts_working_hours_only()
    {
        // L1 works 06:00-22:00: the P2 -> P1 changeover (3 h) cannot fit between 21:00 and 07:00 next day.
        var plan = PlanWithoutLevels();
        plan.Runs[R2P2].Start = At(1, 17);
        plan.Runs[R2P2].End = At(1, 21);
        plan.Runs[R3P1].Start = At(2, 7);
        plan.Runs[R3P1].End = At(2, 9);
        plan.Runs[R3P1].Changeover.Start = null;
        plan.Runs[R3P1].Changeover.End = null;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverNoTime);
        Assert.Contains("2 h of working time", v.Message);
    }

    [Fact]
    public void Reported_cost_other_than_the_rule_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R1P2].Changeover.Cost = 90;

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverCostMismatch);
    }

    [Fact]
    public void Reported_from_product_other_than_the_real_state_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R1P2].Changeover.FromProductId = "P3";

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverFromMismatch);
        Assert.Equal($"runs[{R1P2}].changeover.from_product_id", v.Path);
    }

    [Fact]
    public void Changeover_reported_where_the_line_is_already_set_up_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R2P2].Changeover = new ChangeoverInfo { FromProductId = "P2" };

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverFromMismatch);
    }

    [Fact]
    public void Reported_changeover_interval_overlapping_the_previous_run_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R1P2].Changeover.Start = At(0, 7); // run 0 ends at 08:00
        plan.Runs[R1P2].Changeover.End = At(0, 9);

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.ChangeoverOutsideWindow);
    }

    [Fact]
    public void Changeover_cost_comes_from_the_rules_not_the_plan()
    {
        var plan = Plan();
        plan.Runs[R1P2].Changeover.Cost = 0;

        var report = PlanVerifier.Verify(Model(), plan);

        Assert.Equal(250, report.Costs.Changeover, 9);
    }

    // Precedence: line-specific > all lines; then from product > from family > any; then to likewise.
    // The rules below are in increasing specificity; with the first k of them the k-th applies.
    [Theory]
    [InlineData(0, 0)]   // no rule: 0 h, 0 cost
    [InlineData(1, 2)]   // any -> any
    [InlineData(2, 3)]   // any -> family fb
    [InlineData(3, 4)]   // any -> B
    [InlineData(4, 5)]   // family fa -> any beats any -> B
    [InlineData(5, 5.5)] // family fa -> B
    [InlineData(6, 6)]   // A -> any beats family fa -> B
    [InlineData(7, 7)]   // line L, any -> any beats every all-lines rule
    public void Most_specific_rule_applies(int rules, double expectedCost)
    {
        var model = TinyModel.Create(1);
        model.Lines[0].InitialProductId = "A";
        var all = new List<Changeover>
        {
            new() { Cost = 2 },
            new() { ToFamily = "fb", Cost = 3 },
            new() { ToProductId = "B", Cost = 4 },
            new() { FromFamily = "fa", Cost = 5 },
            new() { FromFamily = "fa", ToProductId = "B", Cost = 5.5 },
            new() { FromProductId = "A", Cost = 6 },
            new() { LineId = "L", Cost = 7 },
        };
        // Model order must not matter: add the most specific first.
        model.Changeovers.Add(all.Take(rules).Reverse());
        var info = expectedCost > 0 ? new ChangeoverInfo { FromProductId = "A", Cost = expectedCost } : null;
        var plan = TinyModel.PlanWith(1, TinyModel.On("B", 0, 1, 2, 10, info));

        var report = PlanVerifier.Verify(model, plan);

        Assertions.Valid(report);
        Assert.Equal(expectedCost, report.Costs.Changeover, 9);
    }

    [Fact]
    public void From_product_beats_from_family_even_with_a_less_specific_to_side()
    {
        var model = TinyModel.Create(1);
        model.Lines[0].InitialProductId = "A";
        model.Changeovers.Add(new Changeover { FromFamily = "fa", ToProductId = "B", Cost = 5 });
        model.Changeovers.Add(new Changeover { FromProductId = "A", Cost = 6 });
        var plan = TinyModel.PlanWith(1, TinyModel.On("B", 0, 1, 2, 10, new ChangeoverInfo { FromProductId = "A", Cost = 6 }));

        Assertions.Valid(PlanVerifier.Verify(model, plan));
    }

    [Fact]
    public void First_run_on_a_clean_line_needs_no_changeover()
    {
        var model = TinyModel.Create(1);
        model.Changeovers.Add(new Changeover { Hours = 5, Cost = 9 });
        model.Recipes[1].MinRunQuantity = 1000; // not a lot after a changeover: no minimum

        var report = PlanVerifier.Verify(model, TinyModel.PlanWith(1, TinyModel.On("B", 0, 0, 1, 10)));

        Assertions.Valid(report);
        Assert.Equal(0, report.Costs.Changeover);
    }

    [Fact]
    public void Setup_per_bucket_loses_the_state_at_every_bucket_boundary()
    {
        var model = TinyModel.Create(2);
        model.Lines[0].SetupPerBucket = true;
        model.Lines[0].InitialProductId = "A";
        model.Changeovers.Add(new Changeover { ToProductId = "A", Hours = 1, Cost = 10 });
        model.Changeovers.Add(new Changeover { FromProductId = "A", ToProductId = "A", Hours = 9, Cost = 99 }); // never matches the lost state
        ChangeoverInfo Info() => new() { Hours = 1, Cost = 10 };
        var ok = TinyModel.PlanWith(2, TinyModel.On("A", 0, 1, 2, 10, Info()), TinyModel.On("A", 1, 1, 2, 10, Info()));
        var missing = TinyModel.PlanWith(2, TinyModel.On("A", 0, 1, 2, 10, Info()), TinyModel.On("A", 1, 1, 2, 10));

        var report = PlanVerifier.Verify(model, ok);
        Assertions.Valid(report);
        Assert.Equal(20, report.Costs.Changeover, 9);
        var v = Assertions.Single(PlanVerifier.Verify(model, missing), ViolationCodes.ChangeoverMissing);
        Assert.Equal("runs[1].changeover", v.Path);
    }

    [Fact]
    public void Setup_per_bucket_changeover_must_happen_inside_the_bucket()
    {
        var model = TinyModel.Create(2);
        model.Lines[0].SetupPerBucket = true;
        model.Changeovers.Add(new Changeover { Hours = 2, Cost = 1 });
        ChangeoverInfo Info() => new() { Hours = 2, Cost = 1 };
        // Bucket 1's first run starts at 01:00: only 1 h of its own bucket before it.
        var plan = TinyModel.PlanWith(2, TinyModel.On("A", 0, 2, 3, 10, Info()), TinyModel.On("A", 1, 1, 2, 10, Info()));

        var v = Assertions.Single(PlanVerifier.Verify(model, plan), ViolationCodes.ChangeoverNoTime);
        Assert.Equal("runs[1]", v.Path);
    }
}
