using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>Richer hand-built models: every plan passes the independent verifier.</summary>
public class ExampleModelTests
{
    [Fact]
    public void Small_model_with_frozen_run_bom_and_materials_gives_a_verified_plan()
    {
        var r = SolveVerified(ExampleModels.Small());
        Assert.True(r.Plan.Runs.Count > 1);
        Assert.Contains(r.Plan.Runs, x => x.Frozen);
        Assert.True(r.LowerBound <= r.Objective + 1e-6);
    }

    [Fact]
    public void Two_sites_with_lane_batches_min_runs_and_weeks_give_a_verified_plan()
    {
        var r = SolveVerified(ExampleModels.TwoSites());
        Assert.NotEmpty(r.Plan.Transfers);
        Assert.True(r.LowerBound <= r.Objective + 1e-6);
    }
}
