using Google.Protobuf.WellKnownTypes;
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
    public async Task A_limit_spent_by_the_first_relaxation_still_gives_a_plan_that_produces()
    {
        // Deterministic, so the limit counts work: 1 ms of work is spent by the first LP on any
        // machine. The evaluation of that LP still finishes (a few rounds past the limit) because it
        // is the first plan; the fallback that produces nothing would serve none of the demand.
        var model = InstanceGenerator.Generate(InstanceSize.S, 2);
        var options = new SolveOptions { TimeLimit = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1)), Deterministic = true, Seed = 1 };
        var result = await new PlanningEngine().SolveAsync(model, options);
        Assert.True(result.Status is SolveStatus.TimeLimit or SolveStatus.Feasible, $"{result.Status}: {result.Message}");
        Assert.NotNull(result.Plan);
        AssertVerified(model, result.Plan, result.Objective);
        Assert.NotEmpty(result.Plan.Runs);
    }

    [Fact]
    public async Task Cancelled_before_solving_answers_at_once_with_cancelled_and_no_plan()
    {
        // A cancel that comes before the solve starts is answered at once (CompileStage): no solver
        // runs, so there is no plan to return (the no-production plan is the coordinator's last
        // resort when time runs out, not when the caller has gone).
        var model = IntegratedPlanTests.ManySmallProducts();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var result = await new PlanningEngine().SolveAsync(model, Options(30), null, cts.Token);
        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.Null(result.Plan);
    }
}
