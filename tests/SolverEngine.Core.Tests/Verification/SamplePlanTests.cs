using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;

namespace SolverEngine.Core.Tests.Verification;

public class SamplePlanTests
{
    [Fact]
    public void Hand_made_plan_with_every_family_is_valid()
    {
        var report = PlanVerifier.Verify(SamplePlan.Model(), SamplePlan.Plan(), SamplePlan.Total);

        Assertions.Valid(report);
    }

    [Fact]
    public void Cost_is_recomputed_term_by_term()
    {
        var costs = PlanVerifier.Verify(SamplePlan.Model(), SamplePlan.Plan()).Costs;

        Assert.Equal(1140, costs.Production, 9);
        Assert.Equal(250, costs.Changeover, 9);
        Assert.Equal(124.8, costs.Holding, 9);
        Assert.Equal(10, costs.Backlog, 9);
        Assert.Equal(60, costs.LostSales, 9);
        Assert.Equal(75, costs.Transport, 9);
        Assert.Equal(200, costs.Purchasing, 9);
        Assert.Equal(30, costs.SafetyStock, 9);
        Assert.Equal(0, costs.Stability, 9);
        Assert.Equal(SamplePlan.Total, costs.Total, 9);
    }

    [Fact]
    public void Cost_ignores_the_plans_own_numbers()
    {
        var plan = SamplePlan.Plan();
        plan.Kpis = new Kpis { Costs = new CostBreakdown { Total = 1, Changeover = 1 } };
        plan.Objective = 1;

        var report = PlanVerifier.Verify(SamplePlan.Model(), plan);

        Assert.Equal(SamplePlan.Total, report.Costs.Total, 9);
    }

    [Fact]
    public void Reported_objective_off_by_more_than_1e6_relative_is_a_violation()
    {
        var report = PlanVerifier.Verify(SamplePlan.Model(), SamplePlan.Plan(), SamplePlan.Total * (1 + 2e-6));

        var v = Assertions.Single(report, ViolationCodes.ObjectiveMismatch);
        Assert.Equal("objective", v.Path);
    }

    [Fact]
    public void Reported_objective_within_1e6_relative_agrees()
    {
        var report = PlanVerifier.Verify(SamplePlan.Model(), SamplePlan.Plan(), SamplePlan.Total * (1 + 5e-7));

        Assertions.Valid(report);
    }

    [Fact]
    public void ToText_says_valid_and_lists_costs()
    {
        var text = PlanVerifier.Verify(SamplePlan.Model(), SamplePlan.Plan(), SamplePlan.Total).ToText();

        Assert.StartsWith("Plan is VALID.", text);
        Assert.Contains("total", text);
        Assert.Contains("1889.8000", text);
    }

    [Fact]
    public void ToText_lists_each_violation_with_code_and_path()
    {
        var plan = SamplePlan.Plan();
        plan.Runs[SamplePlan.R1P2].Changeover.Cost = 90;

        var text = PlanVerifier.Verify(SamplePlan.Model(), plan).ToText();

        Assert.StartsWith("Plan is INVALID: 1 violation(s).", text);
        Assert.Contains(ViolationCodes.ChangeoverCostMismatch, text);
        Assert.Contains("runs[1].changeover.cost", text);
    }

    [Fact]
    public void Every_code_is_distinct_and_upper_snake_case()
    {
        Assert.Equal(ViolationCodes.All.Count, ViolationCodes.All.Distinct().Count());
        Assert.All(ViolationCodes.All, c => Assert.Matches("^[A-Z]+(_[A-Z]+)*$", c));
    }

    [Fact]
    public void A_model_without_horizon_is_caller_misuse()
    {
        var model = SamplePlan.Model();
        model.Horizon = null;

        var e = Assert.Throws<ArgumentException>(() => PlanVerifier.Verify(model, SamplePlan.Plan()));
        Assert.Contains("horizon", e.Message);
        Assert.Throws<ArgumentNullException>(() => PlanVerifier.Verify(SamplePlan.Model(), null!));
    }
}
