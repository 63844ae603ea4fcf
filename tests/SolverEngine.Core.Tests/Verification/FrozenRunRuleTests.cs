using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class FrozenRunRuleTests
{
    [Fact]
    public void Frozen_run_absent_from_the_plan_is_flagged()
    {
        var model = Model();
        model.FrozenRuns.Add(new FrozenRun { LineId = "L1", ProductId = "P1", Start = At(0, 0), End = At(0, 1), Quantity = 0 });

        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.FrozenRunMissing);
        Assert.Equal("model.frozen_runs[1]", v.Path);
    }

    [Fact]
    public void Frozen_run_with_another_quantity_is_flagged()
    {
        var plan = PlanWithoutLevels();
        plan.Runs[R4Frozen].Quantity = 100;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.FrozenRunChanged);
        Assert.Equal($"runs[{R4Frozen}]", v.Path);
    }

    [Fact]
    public void Other_run_starting_in_the_frozen_zone_is_flagged()
    {
        var model = Model();
        model.Horizon.Frozen = Hours(7); // run 0 (L1, 06:00) is now inside the frozen zone
        var v = Assertions.Single(PlanVerifier.Verify(model, Plan()), ViolationCodes.FrozenZoneViolated);
        Assert.Equal($"runs[{R0P1}]", v.Path);
    }

    [Fact]
    public void Run_marked_frozen_that_is_no_frozen_run_is_flagged()
    {
        var plan = Plan();
        plan.Runs[R5P3].Frozen = true;

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.FrozenZoneViolated);
        Assert.Equal($"runs[{R5P3}].frozen", v.Path);
    }
}
