using SolverEngine.Planning.Sequencing;
using SolverEngine.Planning.Sequencing.Internal;

namespace SolverEngine.Planning.Tests.Sequencing;

/// <summary>
/// The LP branch-and-cut of the portfolio (subtour cuts on Clp, then Cbc on the reduced arc set),
/// checked against Held-Karp on random instances with forbidden arcs, start rows and required
/// last nodes. Budgets count work units, so the outcome does not depend on the machine.
/// </summary>
public class LpBranchAndCutTests
{
    private static readonly SequencingOptions Work = new() { Deterministic = true, TimeLimit = TimeSpan.FromSeconds(60) };

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int s = 0; s < 40; s++)
        {
            data.Add(s);
        }
        return data;
    }

    /// <summary>Held-Karp's proven answer: +inf when every order is forbidden.</summary>
    private static double Reference(SequencingProblem p)
    {
        var r = new PortfolioSequencer().Solve(p, Work);
        Assert.Equal("held-karp", r.Method);
        Assert.True(r.Status is SequencingStatus.Optimal or SequencingStatus.Infeasible, $"Held-Karp did not finish: {r.Status}");
        return r.Status == SequencingStatus.Infeasible ? double.PositiveInfinity : r.Cost;
    }

    private static SequencingProblem RandomProblem(int seed)
    {
        int n = 6 + seed % 9; // 6..14 products: Held-Karp is instant
        return BruteForce.Random(n, 5000 + seed, forbidden: seed % 4 == 0 ? 0.45 : 0.25, integral: seed % 3 != 2);
    }

    /// <summary>Local-search tour for the incumbent, as the portfolio hands it over (null when none was found).</summary>
    private static (int[]? Tour, double Cost) Incumbent(TourMatrix matrix, SequencingProblem p)
    {
        var (nodes, weights) = matrix.ForLocalSearch(p.RequiredLast);
        var ls = new LocalSearch(nodes, weights, matrix.MaxFinite, seed: 1);
        var budget = new WorkBudget(Work with { WorkLimit = 200_000 }, CancellationToken.None);
        int[] tour = matrix.FromLocalSearch(ls.Run(budget, 2_000, 0, start: null, out double cost), p.RequiredLast);
        return cost < ls.Penalty ? (tour, cost) : (null, double.PositiveInfinity);
    }

    private static void AssertTourMatches(SequencingProblem p, TourMatrix matrix, bool settled, int[]? tour, double cost, double bound, double optimum)
    {
        Assert.True(settled, "the branch-and-cut did not settle the instance");
        if (double.IsPositiveInfinity(optimum))
        {
            Assert.Null(tour);
            Assert.True(double.IsPositiveInfinity(bound), $"infeasible instance, bound {bound}");
            return;
        }
        Assert.NotNull(tour);
        var order = TourMatrix.ToOrder(tour);
        // Evaluate is +inf on a forbidden transition, a forbidden first product or a wrong last node.
        Assert.Equal(optimum, p.Evaluate(order), 6);
        Assert.Equal(optimum, cost, 6);
        Assert.Equal(optimum, matrix.TourCost(tour), 6);
        Assert.True(bound <= optimum + 1e-6, $"bound {bound} above the optimum {optimum}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Tree_search_matches_held_karp(int seed)
    {
        var p = RandomProblem(seed);
        double optimum = Reference(p);
        var matrix = new TourMatrix(p);
        // Every other seed starts without an incumbent: the LP then has to find the tour itself.
        var (tour, cost) = seed % 2 == 0 ? Incumbent(matrix, p) : (null, double.PositiveInfinity);
        using var bc = new LpBranchAndCut(matrix, tour, cost);
        bool settled = bc.Run(new WorkBudget(Work, CancellationToken.None));
        AssertTourMatches(p, matrix, settled, bc.BestTour, bc.UpperBound, bc.LowerBound, optimum);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cbc_finish_matches_held_karp(int seed)
    {
        var p = RandomProblem(seed);
        double optimum = Reference(p);
        var matrix = new TourMatrix(p);
        var (tour, cost) = seed % 2 == 1 ? Incumbent(matrix, p) : (null, double.PositiveInfinity);
        using var bc = new LpBranchAndCut(matrix, tour, cost);
        var budget = new WorkBudget(Work, CancellationToken.None);
        // Root only (its cuts and reduced-cost fixing), then the MIP decides.
        bool settled = bc.Run(budget, maxNodes: 1) || bc.RunMip(budget, maxNodesPerSolve: 100_000);
        AssertTourMatches(p, matrix, settled, bc.BestTour, bc.UpperBound, bc.LowerBound, optimum);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Bound_is_never_above_the_optimum_when_stopped_early(int seed)
    {
        var p = BruteForce.Random(10 + seed % 5, 7000 + seed, forbidden: 0.2, integral: seed % 2 == 0);
        double optimum = Reference(p);
        var matrix = new TourMatrix(p);
        var (tour, cost) = Incumbent(matrix, p);
        using var bc = new LpBranchAndCut(matrix, tour, cost);
        // A few thousand work units: stops inside the root's cutting-plane loop or the first nodes.
        var budget = new WorkBudget(Work with { WorkLimit = 20_000 + 40_000L * (seed % 10) }, CancellationToken.None);
        bool settled = bc.Run(budget, maxNodes: 1 + seed % 3);
        Assert.True(bc.LowerBound <= optimum + 1e-6, $"bound {bc.LowerBound} above the optimum {optimum} (settled {settled})");
        if (bc.BestTour is not null)
        {
            Assert.True(bc.UpperBound >= optimum - 1e-6);
            Assert.Equal(bc.UpperBound, p.Evaluate(TourMatrix.ToOrder(bc.BestTour)), 6);
        }
    }

    [Fact]
    public void Twin_groups_keep_the_optimum()
    {
        // Products 0..3 are identical (same weights to and from the others, 0 between them), as the
        // jobs of p43: the branch-and-cut drops the reversed twin arcs and must still find the optimum.
        for (int seed = 0; seed < 10; seed++)
        {
            int n = 9;
            var rng = new Random(900 + seed);
            var w = new double[n, n];
            var f = new bool[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    w[i, j] = rng.Next(30);
                    f[i, j] = rng.NextDouble() < 0.15;
                }
            }
            for (int t = 1; t <= 3; t++)
            {
                for (int k = 0; k < n; k++)
                {
                    w[t, k] = w[0, k];
                    w[k, t] = w[k, 0];
                    f[t, k] = f[0, k];
                    f[k, t] = f[k, 0];
                }
            }
            for (int a = 0; a <= 3; a++)
            {
                for (int b = 0; b <= 3; b++)
                {
                    w[a, b] = 0;
                    f[a, b] = false;
                }
            }
            var p = new SequencingProblem(w, f, Enumerable.Range(0, n).Select(k => k <= 3 ? 5.0 : rng.Next(10)).ToArray());
            double optimum = Reference(p);
            var matrix = new TourMatrix(p);
            using var bc = new LpBranchAndCut(matrix, null, double.PositiveInfinity);
            var budget = new WorkBudget(Work, CancellationToken.None);
            bool settled = bc.Run(budget, maxNodes: 1) || bc.RunMip(budget, maxNodesPerSolve: 100_000);
            AssertTourMatches(p, matrix, settled, bc.BestTour, bc.UpperBound, bc.LowerBound, optimum);
        }
    }

    [Fact]
    public void Cancelled_token_stops_with_a_valid_bound()
    {
        var p = BruteForce.Random(40, 11, forbidden: 0.1);
        var matrix = new TourMatrix(p);
        var (tour, cost) = Incumbent(matrix, p);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var budget = new WorkBudget(Work, cts.Token);
        var outcome = LpBranchAndCut.Solve(matrix, tour, cost, budget);
        Assert.False(outcome.Settled);
        Assert.Equal(SequencingStopReason.Cancelled, budget.StopReason);
        Assert.True(outcome.LowerBound <= cost);
    }

    [Fact]
    public void Deterministic_runs_repeat_exactly()
    {
        var p = BruteForce.Random(30, 21, forbidden: 0.1);
        var matrix = new TourMatrix(p);
        var (tour, cost) = Incumbent(matrix, p);
        LpBranchAndCut.Outcome Once()
        {
            var budget = new WorkBudget(Work with { WorkLimit = 60_000_000 }, CancellationToken.None);
            return LpBranchAndCut.Solve(matrix, tour, cost, budget);
        }
        var a = Once();
        var b = Once();
        Assert.Equal(a.Settled, b.Settled);
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.LowerBound, b.LowerBound);
        Assert.Equal(a.Nodes, b.Nodes);
        Assert.Equal(a.Tour, b.Tour);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void P43_is_proven_optimal()
    {
        // The Lagrangian branch-and-bound alone does not close p43 (bound 5611 of 5620 after
        // minutes); the subtour-cut LP finished by Cbc does. Work budget, not wall time.
        string path = "/work/shared/data/instances/tsplib_atsp/p43.atsp";
        Assert.True(File.Exists(path), $"Benchmark file {path} is missing.");
        var p = SequencingProblem.ForClosedTour(SolverEngine.Core.Import.TsplibReader.ReadFile(path).ToMatrix());
        var matrix = new TourMatrix(p);
        var (tour, cost) = Incumbent(matrix, p);
        var outcome = LpBranchAndCut.Solve(matrix, tour, cost, new WorkBudget(Work with { WorkLimit = 300_000_000 }, CancellationToken.None));
        Assert.True(outcome.Settled, $"p43: cost {outcome.Cost}, bound {outcome.LowerBound}");
        Assert.Equal(5620, outcome.Cost);
        Assert.NotNull(outcome.Tour);
        Assert.Equal(5620, p.Evaluate(TourMatrix.ToOrder(outcome.Tour)));
    }
}
