using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>A time limit far below what the model needs still ends with an executable plan.</summary>
public class TimeLimitTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Large_generated_model_with_a_short_limit_returns_a_verified_plan()
    {
        var model = InstanceGenerator.Generate(InstanceSize.L, 1);
        var result = await new PlanningEngine().SolveAsync(model, Options(5));
        Assert.True(result.Status is SolveStatus.TimeLimit or SolveStatus.Feasible or SolveStatus.Optimal, $"{result.Status}: {result.Message}");
        Assert.NotNull(result.Plan);
        AssertVerified(model, result.Plan, result.Objective);
        Assert.True(result.LowerBound <= result.Objective + 1e-6 * Math.Max(1, Math.Abs(result.Objective)));
    }

    [Fact]
    public async Task Cancelled_before_any_solver_answers_still_returns_the_no_production_plan_when_it_is_executable()
    {
        var model = IntegratedPlanTests.ManySmallProducts();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var result = await new PlanningEngine().SolveAsync(model, Options(30), null, cts.Token);
        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.NotNull(result.Plan);
        AssertVerified(model, result.Plan, result.Objective);
        Assert.Empty(result.Plan.Runs);
        Assert.Equal(0, result.Plan.Deliveries.Sum(d => d.Quantity));
    }
}
