using SolverEngine.Core.Generation;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// The first plan does not wait for Cbc: until a plan is held, a candidate's integer batch counts are
/// rounded (LP, round down, LP) instead of solved as a MIP. Its timing repair re-solves the candidate
/// a dozen times, and with Cbc each took seconds (generated M's first plan came at 57-59 s).
/// </summary>
public class FirstPlanTests
{
    /// <summary>Cbc, logging each call.</summary>
    private sealed class LoggingMip(List<string> log) : IMipSolver
    {
        public string Name => "logging Cbc";

        public MipResult Solve(LinearModel model, SolverOptions? options = null, MipStart? start = null, CancellationToken cancellationToken = default)
        {
            lock (log) log.Add("mip");
            return CbcMipSolver.Instance.Solve(model, options, start, cancellationToken);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void No_MIP_is_solved_before_the_first_plan_and_Cbc_is_used_after_it()
    {
        var model = InstanceGenerator.Generate(InstanceSize.S, 1);
        var inst = InstanceBuilder.Build(model);
        Assert.Contains(inst.Recipes, r => r.BatchSize > 0); // the candidates' fixed set-up LPs have integer batch counts
        var log = new List<string>();
        var settings = new CoordinatorSettings { TimeLimit = TimeSpan.FromSeconds(10), Seed = 1, ExactMaxSetups = 0 };
        using var coordinator = new Coordinator(inst, ClpLpSolver.Instance, new LoggingMip(log), new PortfolioSequencer(), settings);
        var incumbents = new List<Candidate>();
        var result = coordinator.Run(e =>
        {
            if (e.Incumbent is not { } c) return;
            incumbents.Add(c);
            lock (log) log.Add("incumbent");
        }, CancellationToken.None);

        Assert.NotNull(result.Best);
        var firstPlan = log.IndexOf("incumbent");
        Assert.True(firstPlan >= 0, "no plan streamed");
        Assert.DoesNotContain("mip", log.Take(firstPlan));
        Assert.Contains("mip", log.Skip(firstPlan)); // Cbc still works once a plan is held
        foreach (var c in incumbents) AssertVerified(model, new PlanBuilder(inst, coordinator.Model).Build(c), c.Objective);
    }
}
