using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using SolverEngine.Planning.Baselines;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Benchmarking;

public sealed class BaselineTests
{
    /// <summary>
    /// One line, one 24 h day, set up for A. B and C (1000 units each at 100/h: 10 h each) can each be
    /// reached from A in 1 h, but B -> C and C -> B take 20 h. The aggregate layer's set-up times
    /// (cheapest incoming changeover: 1 h each) say 2 + 20 = 22 h fit; any real order needs
    /// 1 + 10 + 20 + 10 = 41 h, so the second product (1000 units) cannot run at all.
    /// </summary>
    private static PlanningModel Triangle() => new()
    {
        Name = "triangle",
        Horizon = Days(1),
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "L", SiteId = "S", InitialProductId = "A" } },
        Products =
        {
            new Product { Id = "A", LostSaleCost = 50, DemandPolicy = DemandPolicy.LostSales },
            new Product { Id = "B", LostSaleCost = 50, DemandPolicy = DemandPolicy.LostSales },
            new Product { Id = "C", LostSaleCost = 40, DemandPolicy = DemandPolicy.LostSales },
        },
        Recipes =
        {
            new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 100, VariableCost = 1 },
            new Recipe { Id = "RB", ProductId = "B", LineId = "L", Rate = 100, VariableCost = 1 },
            new Recipe { Id = "RC", ProductId = "C", LineId = "L", Rate = 100, VariableCost = 1 },
        },
        Changeovers =
        {
            new Changeover { Hours = 20, Cost = 5 },
            new Changeover { FromProductId = "A", ToProductId = "B", Hours = 1, Cost = 5 },
            new Changeover { FromProductId = "A", ToProductId = "C", Hours = 1, Cost = 5 },
        },
        Forecasts =
        {
            new Forecast { ProductId = "B", SiteId = "S", Start = Day(0), End = Day(1), Quantity = 1000 },
            new Forecast { ProductId = "C", SiteId = "S", Start = Day(0), End = Day(1), Quantity = 1000 },
        },
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Handoff_reports_the_promised_volume_that_real_changeovers_push_out_of_the_bucket()
    {
        var model = Triangle();

        var handoff = await HandoffBaseline.SolveAsync(model, Options(60));

        Assert.Equal("aggregate-mip", handoff.Formulation);
        Assert.Equal(2000, handoff.PromisedVolume!.Value, 3);
        Assert.Equal(1000, handoff.UnexecutableVolume!.Value, 3);
        Assert.Equal(1, handoff.OverloadedBuckets);
        // the signed plan is not executable; what the floor runs from it is
        // the promised plan is not executable: it either cannot be laid out in time or fails the verifier
        Assert.True(handoff.PromisedPlan is null || !PlanVerifier.Verify(model, handoff.PromisedPlan).IsValid);
        Assert.NotNull(handoff.Result.Plan);
        AssertVerified(model, handoff.Result.Plan!, handoff.Result.Objective);
        // B runs in full, C is lost: 1000 * 1 + 5 (A -> B) + 1000 * 40
        Assert.Equal(41_005, handoff.Result.Objective, 3);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Monolithic_sequence_model_finds_the_same_optimum_as_the_engine_and_its_plan_verifies()
    {
        var model = Triangle();

        var mono = await MonolithicBaseline.SolveAsync(model, Options(60));
        var engine = SolveVerified(model, Options(60));

        Assert.Equal("glsp-carryover", mono.Formulation);
        Assert.NotNull(mono.Result.Plan);
        AssertVerified(model, mono.Result.Plan!, mono.Result.Objective);
        Assert.Equal(SolveStatus.Optimal, engine.Status);
        Assert.Equal(engine.Objective, mono.Result.Objective, 3);
        // the MIP models the real changeovers: its own objective is the plan's, not the optimistic aggregate's
        Assert.Equal(41_005, mono.ModelObjective, 3);
        Assert.True(mono.ModelBound <= mono.ModelObjective + 1e-6);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Monolithic_plan_verifies_on_a_model_with_frozen_runs_forbidden_switches_and_a_bill_of_materials()
    {
        var model = ExampleModels.Small();

        foreach (var formulation in new[] { "glsp", "clsp" })
        {
            var options = Options(60);
            options.Parameters["monolithic.formulation"] = formulation;
            var mono = await MonolithicBaseline.SolveAsync(model, options);

            Assert.True(mono.Result.Plan is not null, $"{formulation}: {mono.Result.Status} {mono.Result.Message} {mono.Notes}");
            AssertVerified(model, mono.Result.Plan!, mono.Result.Objective);
            Assert.Equal(formulation == "glsp" ? "glsp-carryover" : "clsp-setup-times", mono.Formulation);
        }
    }

    [Fact]
    public async Task Handoff_on_the_aggregate_LP_with_presolve_forced_on_plans_as_with_the_default()
    {
        var model = Triangle();
        var auto = Options(5);
        auto.Parameters["handoff.aggregate"] = "lp";
        var forced = auto.Clone();
        forced.Parameters["handoff.lp_presolve"] = "on";

        var a = await HandoffBaseline.SolveAsync(model, auto);
        var f = await HandoffBaseline.SolveAsync(model, forced);

        Assert.Equal("aggregate-lp", f.Formulation);
        Assert.Equal(a.PromisedVolume!.Value, f.PromisedVolume!.Value, 6);
        Assert.Equal(a.UnexecutableVolume!.Value, f.UnexecutableVolume!.Value, 6);
        Assert.NotNull(f.Result.Plan);
        AssertVerified(model, f.Result.Plan!, f.Result.Objective);
        Assert.Equal(a.Result.Objective, f.Result.Objective, 6);
    }

    [Fact]
    public async Task Baselines_reject_unknown_parameters_and_bad_options_before_solving()
    {
        var options = Options(5);
        options.Parameters["monolithic.formulaton"] = "glsp";
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => MonolithicBaseline.SolveAsync(Triangle(), options));
        Assert.Contains("monolithic.formulaton", ex.Message);

        var bad = Options(5);
        bad.Parameters["handoff.aggregate"] = "cp";
        ex = await Assert.ThrowsAsync<ArgumentException>(() => HandoffBaseline.SolveAsync(Triangle(), bad));
        Assert.Contains("'cp'", ex.Message);

        var badPresolve = Options(5);
        badPresolve.Parameters["handoff.lp_presolve"] = "always";
        ex = await Assert.ThrowsAsync<ArgumentException>(() => HandoffBaseline.SolveAsync(Triangle(), badPresolve));
        Assert.Contains("'always'", ex.Message);
        Assert.Contains("use on or auto", ex.Message);

        var negative = Options(5);
        negative.Threads = -1;
        await Assert.ThrowsAsync<ArgumentException>(() => HandoffBaseline.SolveAsync(Triangle(), negative));
    }
}
