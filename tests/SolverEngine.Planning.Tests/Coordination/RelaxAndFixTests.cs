using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// Relax-and-fix and fix-and-optimize (Coordinator.RelaxAndFix.cs): every plan they produce is
/// executable (the verifier accepts it with its objective), on the brute-force instances they reach
/// the proven optimum, and fix-and-optimize never returns worse than the plan it starts from.
/// Deterministic mode throughout (node-limited Cbc, work budgets), so what is asserted is repeatable.
/// </summary>
public class RelaxAndFixTests
{
    private static CoordinatorSettings Settings(int windowSetups = 4) => new()
    {
        Deterministic = true,
        Seed = 1,
        TimeLimit = TimeSpan.FromSeconds(5),
        WindowMaxSetups = windowSetups,
        ExactMaxSetups = 0,
    };

    private static Coordinator NewCoordinator(PlanningInstance inst, CoordinatorSettings settings) =>
        new(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer(), settings);

    private static void AssertExecutable(PlanningModel model, PlanningInstance inst, Coordinator coordinator, Candidate c)
    {
        Assert.NotNull(c.Timed);
        var plan = new PlanBuilder(inst, coordinator.Model).Build(c);
        AssertVerified(model, plan, c.Objective);
    }

    [Fact]
    public void Windows_cover_the_horizon_in_order_and_overlap_by_half()
    {
        var model = BruteForceTests.RandomModel(BruteForceTests.RandomData(1));
        var inst = InstanceBuilder.Build(model);
        using var coordinator = NewCoordinator(inst, Settings());
        // 2 lines x 2 products = 4 set-ups per bucket, 3 buckets
        var windows = coordinator.Windows(8, null);
        Assert.Equal([(0, 2, 1), (1, 3, 3)], windows.Select(w => (w.Start, w.End, w.CommitEnd)));
        var single = coordinator.Windows(4, null);
        Assert.Equal([(0, 1, 1), (1, 2, 2), (2, 3, 3)], single.Select(w => (w.Start, w.End, w.CommitEnd)));
        // one line: 2 set-ups per bucket
        Assert.Equal([(0, 2, 1), (1, 3, 3)], coordinator.Windows(4, [1]).Select(w => (w.Start, w.End, w.CommitEnd)));
    }

    /// <summary>
    /// The brute-force instances with every switch costing the same and taking no time: there the
    /// bucket-by-bucket sequencing (start with the product carried in) is optimal for any pattern, so
    /// the best set-up pattern gives the optimum and the heuristics are judged on patterns alone.
    /// </summary>
    internal static (double[] Rate, double[,] Hours, double[,] Cost, double[,] Demand) UniformSwitches(int seed)
    {
        var d = BruteForceTests.RandomData(seed);
        for (var a = 0; a < 4; a++)
            for (var b = 0; b < 4; b++)
                if (a != b && d.Cost[a, b] > 0) { d.Hours[a, b] = 0; d.Cost[a, b] = 60; }
        return d;
    }

    /// <summary>
    /// One bucket per window (4 set-ups), deterministic: relax-and-fix then fix-and-optimize reach the
    /// brute-force optimum on seeds 3 and 4 and stay within 10 % of it on the others (they are
    /// heuristics: seeds 1, 2 and 5 end 2-6 % above, a pattern that changes both lines in several
    /// buckets at once is outside every neighbourhood). Every plan is executable and none is below
    /// the optimum.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Relax_and_fix_then_fix_and_optimize_against_the_brute_force_optimum(int seed, bool reachesOptimum)
    {
        var data = UniformSwitches(seed);
        var optimum = BruteForceTests.Optimum(data);
        var model = BruteForceTests.RandomModel(data);
        var inst = InstanceBuilder.Build(model);
        using var coordinator = NewCoordinator(inst, Settings());

        var cuts = new List<SetupCut>();
        var keys = new HashSet<string>();
        var rnf = coordinator.RelaxAndFix(cuts, keys, CancellationToken.None);
        Assert.NotNull(rnf);
        AssertExecutable(model, inst, coordinator, rnf);
        Assert.True(rnf.Objective >= optimum - 1e-6 * Math.Max(1, optimum), $"relax-and-fix {rnf.Objective} below the optimum {optimum}: not a plan");

        var offered = new List<Candidate>();
        var best = coordinator.FixAndOptimize(cuts, keys, rnf, offered.Add, CancellationToken.None);
        Assert.True(best.Objective <= rnf.Objective);
        foreach (var c in offered) AssertExecutable(model, inst, coordinator, c);
        // each offered plan improves on the one before
        Assert.True(offered.Zip(offered.Skip(1)).All(p => p.Second.Objective < p.First.Objective));
        Assert.True(best.Objective >= optimum - 1e-6 * Math.Max(1, optimum));
        if (reachesOptimum) Assert.Equal(optimum, best.Objective, 4);
        else Assert.True(best.Objective <= 1.1 * optimum, $"{best.Objective} more than 10 % above the optimum {optimum}");
    }

    [Fact]
    public void Fix_and_optimize_never_returns_worse_than_its_start()
    {
        var data = BruteForceTests.RandomData(2);
        var model = BruteForceTests.RandomModel(data);
        var inst = InstanceBuilder.Build(model);
        using var coordinator = NewCoordinator(inst, Settings());
        // a poor start: nothing produced beyond what stock allows (every product of every bucket off)
        var start = coordinator.Evaluate(coordinator.EmptyPattern(), null, null, CancellationToken.None);
        Assert.NotNull(start);
        var best = coordinator.FixAndOptimize([], [], start, null, CancellationToken.None);
        Assert.True(best.Objective <= start.Objective);
        AssertExecutable(model, inst, coordinator, best);
        // from the optimum it keeps the optimum
        var again = coordinator.FixAndOptimize([], [], best, null, CancellationToken.None);
        Assert.True(again.Objective <= best.Objective);
    }

    /// <summary>Through the whole coordinator on a generated instance: every incumbent of the two heuristics is executable.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Every_incumbent_of_the_window_heuristics_passes_the_verifier()
    {
        var model = InstanceGenerator.Generate(InstanceSize.S, 2);
        var inst = InstanceBuilder.Build(model);
        using var coordinator = NewCoordinator(inst, Settings(windowSetups: 40) with { TimeLimit = TimeSpan.FromSeconds(3), MaxIterations = 3 });
        var incumbents = new List<(string Phase, Candidate Plan)>();
        var result = coordinator.Run(e => { if (e.Incumbent is { } c) incumbents.Add((e.Phase, c)); }, CancellationToken.None);
        Assert.NotNull(result.Best);
        foreach (var (_, c) in incumbents) AssertExecutable(model, inst, coordinator, c);
        Assert.True(incumbents.Zip(incumbents.Skip(1)).All(p => p.Second.Plan.Objective < p.First.Plan.Objective));
    }

    [Fact]
    public void Switched_off_by_zero_window_setups()
    {
        var model = BruteForceTests.RandomModel(BruteForceTests.RandomData(3));
        var inst = InstanceBuilder.Build(model);
        using var coordinator = NewCoordinator(inst, Settings(windowSetups: 0));
        Assert.Null(coordinator.RelaxAndFix([], [], CancellationToken.None));
    }

    [Fact]
    public void A_cancelled_token_stops_relax_and_fix_before_any_solve()
    {
        var model = BruteForceTests.RandomModel(BruteForceTests.RandomData(4));
        var inst = InstanceBuilder.Build(model);
        using var coordinator = NewCoordinator(inst, Settings());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Null(coordinator.RelaxAndFix([], [], cts.Token));
    }
}
