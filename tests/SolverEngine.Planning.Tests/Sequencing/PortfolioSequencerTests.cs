using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Planning.Tests.Sequencing;

public class PortfolioSequencerTests
{
    private static readonly PortfolioSequencer Sequencer = new();

    // Deterministic budgets: results never depend on the machine's speed.
    private static readonly SequencingOptions Exact = new() { Deterministic = true, TimeLimit = TimeSpan.FromSeconds(60) };
    private static readonly SequencingOptions BranchAndBoundOnly = Exact with { ExactDpMaxNodes = 0 };
    private static readonly SequencingOptions HeuristicOnly = Exact with { ExactDpMaxNodes = 0, BranchAndBoundMaxNodes = 0 };

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int s = 0; s < 60; s++)
        {
            data.Add(s);
        }
        return data;
    }

    private static void AssertMatches(SequencingProblem p, SequencingResult r, double optimum)
    {
        if (double.IsPositiveInfinity(optimum))
        {
            Assert.Equal(SequencingStatus.Infeasible, r.Status);
            Assert.Empty(r.Order);
            return;
        }
        Assert.Equal(SequencingStatus.Optimal, r.Status);
        Assert.Equal(optimum, r.Cost, 6);
        Assert.Equal(r.Cost, p.Evaluate(r.Order), 6);
        AssertAllowed(p, r.Order);
    }

    private static void AssertAllowed(SequencingProblem p, IReadOnlyList<int> order)
    {
        Assert.False(double.IsPositiveInfinity(p.StartWeight(order[0])), "the first product is forbidden after the start state");
        for (int k = 1; k < order.Count; k++)
        {
            Assert.False(p.IsForbidden(order[k - 1], order[k]), $"forbidden transition {order[k - 1]} -> {order[k]} used");
        }
        if (p.RequiredLast is int last)
        {
            Assert.Equal(last, order[^1]);
        }
    }

    [Fact]
    public void Held_karp_on_one_thread_after_larger_and_smaller_problems_still_equals_brute_force()
    {
        // Held-Karp keeps its tables per thread between solves: a solve must never read what an
        // earlier, larger or smaller, problem left in them (pinned last node and forbidden arcs included).
        foreach (var (n, seed) in new[] { (8, 1), (4, 2), (8, 3), (6, 4), (7, 5), (3, 6), (8, 7), (8, 8), (5, 9) })
        {
            var p = BruteForce.Random(n, 500 + seed, forbidden: 0.3);
            var r = Sequencer.Solve(p, Exact);
            Assert.Equal("held-karp", r.Method);
            AssertMatches(p, r, BruteForce.Optimum(p));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Held_karp_equals_brute_force(int seed)
    {
        int n = 1 + seed % 8;
        var p = BruteForce.Random(n, seed, forbidden: 0.25);
        var r = Sequencer.Solve(p, Exact);
        Assert.Equal("held-karp", r.Method);
        AssertMatches(p, r, BruteForce.Optimum(p));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Branch_and_bound_equals_brute_force(int seed)
    {
        int n = 2 + seed % 7;
        var p = BruteForce.Random(n, 1000 + seed, forbidden: 0.3, integral: seed % 2 == 0);
        var r = Sequencer.Solve(p, BranchAndBoundOnly);
        AssertMatches(p, r, BruteForce.Optimum(p));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Lower_bound_never_exceeds_the_optimum_and_cost_never_beats_it(int seed)
    {
        int n = 2 + seed % 7;
        var p = BruteForce.Random(n, 2000 + seed, forbidden: 0.2, integral: seed % 3 != 0);
        double optimum = BruteForce.Optimum(p);
        var r = Sequencer.Solve(p, HeuristicOnly);
        if (double.IsPositiveInfinity(optimum))
        {
            Assert.NotEqual(SequencingStatus.Optimal, r.Status);
            Assert.NotEqual(SequencingStatus.Feasible, r.Status);
            return;
        }
        Assert.True(r.LowerBound <= optimum + 1e-9, $"bound {r.LowerBound} exceeds the optimum {optimum}");
        if (r.HasOrder)
        {
            Assert.True(r.Cost >= optimum - 1e-9);
            Assert.Equal(r.Cost, p.Evaluate(r.Order), 6);
            AssertAllowed(p, r.Order);
        }
        if (r.IsProvenOptimal)
        {
            Assert.Equal(optimum, r.Cost, 6);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Twin_symmetry_breaking_keeps_the_optimum(int seed)
    {
        // Products 1..k copy product 0's weights (twins, as the identical jobs of p43), with one
        // common weight between them; the branch-and-bound forbids reversed twin arcs.
        int n = 4 + seed % 5;
        var rng = new Random(3000 + seed);
        var w = new double[n, n];
        var f = new bool[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[i, j] = rng.Next(20);
                f[i, j] = rng.NextDouble() < 0.15;
            }
        }
        int twins = 1 + rng.Next(Math.Min(3, n - 2));
        double intra = rng.Next(3) == 0 ? 0 : rng.Next(20);
        for (int t = 1; t <= twins; t++)
        {
            for (int k = 0; k < n; k++)
            {
                w[t, k] = w[0, k];
                w[k, t] = w[k, 0];
                f[t, k] = f[0, k];
                f[k, t] = f[k, 0];
            }
        }
        for (int a = 0; a <= twins; a++)
        {
            for (int b = 0; b <= twins; b++)
            {
                w[a, b] = intra;
                f[a, b] = false;
            }
        }
        double[]? start = seed % 2 == 0 ? null : Enumerable.Range(0, n).Select(k => k <= twins ? 3.0 : rng.Next(10)).ToArray();
        var p = new SequencingProblem(w, f, start);
        var r = Sequencer.Solve(p, BranchAndBoundOnly);
        AssertMatches(p, r, BruteForce.Optimum(p));
    }

    [Theory]
    [InlineData(30, 1)]
    [InlineData(30, 2)]
    [InlineData(60, 3)]
    [InlineData(200, 4)]
    public void Forbidden_arcs_are_never_used_on_larger_instances(int n, int seed)
    {
        var p = BruteForce.Random(n, seed, forbidden: 0.5);
        var r = Sequencer.Solve(p, Exact with { TimeLimit = TimeSpan.FromSeconds(2) });
        Assert.True(r.HasOrder, $"status {r.Status}");
        AssertAllowed(p, r.Order);
        Assert.Equal(r.Cost, p.Evaluate(r.Order), 6);
        Assert.True(r.LowerBound <= r.Cost + 1e-9);
    }

    [Fact]
    public void Infeasible_when_a_product_cannot_be_reached()
    {
        foreach (int n in new[] { 5, 30, 150 })
        {
            var w = new double[n, n];
            var f = new bool[n, n];
            for (int i = 0; i < n; i++)
            {
                f[i, 2] = true; // nothing may precede product 2 ...
            }
            var startForbidden = new bool[n];
            startForbidden[2] = true; // ... not even the start state
            var r = Sequencer.Solve(new SequencingProblem(w, f, startForbidden: startForbidden), Exact);
            Assert.Equal(SequencingStatus.Infeasible, r.Status);
            Assert.Equal(SequencingStopReason.Completed, r.StopReason);
        }
    }

    [Fact]
    public void Infeasible_when_assignment_is_feasible_but_no_path_exists()
    {
        // Two clusters without arcs between them; the order must end at node 0 in cluster A, so
        // cluster B can never be visited. Each cluster alone has cycles, so the assignment
        // relaxation is feasible and only the branch-and-bound can prove infeasibility.
        int n = 20;
        var w = new double[n, n];
        var f = new bool[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                f[i, j] = (i < 10) != (j < 10);
                w[i, j] = (i * 7 + j * 3) % 11;
            }
        }
        var r = Sequencer.Solve(new SequencingProblem(w, f, requiredLast: 0), Exact);
        Assert.Equal(SequencingStatus.Infeasible, r.Status);
        Assert.Equal("branch-and-bound", r.Method);

        // Same when a path exists only through one bridge arc that the required last node forbids.
        f[3, 15] = false;
        var bridged = Sequencer.Solve(new SequencingProblem(w, f, requiredLast: 0), Exact);
        Assert.Equal(SequencingStatus.Infeasible, bridged.Status);
    }

    [Fact]
    public void Clean_start_and_empty_problem()
    {
        var empty = Sequencer.Solve(new SequencingProblem(new double[0, 0]));
        Assert.Equal(SequencingStatus.Optimal, empty.Status);
        Assert.Empty(empty.Order);

        var w = new double[,] { { 0, 5, 1 }, { 1, 0, 5 }, { 5, 1, 0 } };
        var r = Sequencer.Solve(new SequencingProblem(w));
        // 0 -> 2 -> 1 costs 1 + 1 and 1 -> 0 -> 2 costs 1 + 1: both optimal at 2.
        Assert.Equal(2, r.Cost);
        Assert.True(r.IsProvenOptimal);
    }

    [Fact]
    public void Closed_tour_of_br17_is_solved_to_its_optimum()
    {
        var r = SolveTsplib("br17.atsp", out _);
        Assert.True(r.IsProvenOptimal);
        Assert.Equal(39, r.Cost);
    }

    [Theory]
    [InlineData("ftv33.atsp", 1286)]
    [InlineData("ftv35.atsp", 1473)]
    [InlineData("ft53.atsp", 6905)]
    public void Small_tsplib_instances_are_solved_to_their_optimum(string file, double optimum)
    {
        var r = SolveTsplib(file, out var distances);
        Assert.True(r.IsProvenOptimal, $"{file}: {r.Status}, cost {r.Cost}, bound {r.LowerBound}");
        Assert.Equal(optimum, r.Cost);
        // The order maps back to a closed tour of the same length.
        var tour = SequencingProblem.ClosedTourCities(r.Order);
        double length = 0;
        for (int k = 0; k < tour.Length; k++)
        {
            length += distances[tour[k], tour[(k + 1) % tour.Length]];
        }
        Assert.Equal(optimum, length);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Ry48p_is_solved_to_its_optimum()
    {
        var r = SolveTsplib("ry48p.atsp", out _);
        Assert.True(r.IsProvenOptimal);
        Assert.Equal(14422, r.Cost);
    }

    [Fact]
    public void Deterministic_mode_repeats_exactly()
    {
        var p = BruteForce.Random(120, 7, forbidden: 0.1);
        var options = new SequencingOptions { Deterministic = true, WorkLimit = 3_000_000, Seed = 5 };
        var a = Sequencer.Solve(p, options);
        var b = Sequencer.Solve(p, options);
        Assert.Equal(a.Order, b.Order);
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.Work, b.Work);
    }

    [Fact]
    public void Cancellation_is_a_result_not_an_exception()
    {
        var p = BruteForce.Random(80, 3, forbidden: 0.0);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = Sequencer.Solve(p, null, cts.Token);
        Assert.Equal(SequencingStopReason.Cancelled, r.StopReason);
        Assert.NotEqual(SequencingStatus.Optimal, r.Status);
    }

    [Fact]
    public void Bad_weights_are_rejected_with_the_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SequencingProblem(new double[,] { { 0, -5 }, { 1, 0 } }));
        Assert.Contains("weights[0, 1] is -5", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SequencingProblem(new double[,] { { 0, double.NaN }, { 1, 0 } }));
        Assert.Throws<ArgumentException>(() => new SequencingProblem(new double[2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequencingProblem(new double[2, 2], requiredLast: 2));
        Assert.Throws<ArgumentNullException>(() => Sequencer.Solve(null!));
    }

    private static SequencingResult SolveTsplib(string file, out double[,] distances)
    {
        string path = Path.Combine("/work/shared/data/instances/tsplib_atsp", file);
        Assert.True(File.Exists(path), $"Benchmark file {path} is missing.");
        distances = SolverEngine.Core.Import.TsplibReader.ReadFile(path).ToMatrix();
        var p = SequencingProblem.ForClosedTour(distances);
        return Sequencer.Solve(p, Exact);
    }
}
