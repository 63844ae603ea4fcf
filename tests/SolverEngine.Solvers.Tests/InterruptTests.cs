using System.Diagnostics;
using Xunit.Abstractions;

namespace SolverEngine.Solvers.Tests;

/// <summary>
/// Cancellation reaches the native solvers. Models are chosen so that the solve cannot finish before the cancel
/// (minutes of work on any machine); the measured latency is printed, and only a hang detector is asserted.
/// </summary>
public class InterruptTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HangDetector = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="solve"/> with a token cancelled after <paramref name="cancelAfterMs"/>; returns its result and how long it took to return after the cancel.</summary>
    private static (T Result, TimeSpan Latency) SolveCancelledAfter<T>(int cancelAfterMs, Func<CancellationToken, T> solve)
    {
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        long cancelledAt = 0;
        using var timer = new Timer(_ =>
        {
            Interlocked.Exchange(ref cancelledAt, clock.ElapsedTicks);
            cts.Cancel();
        }, null, cancelAfterMs, Timeout.Infinite);

        var result = solve(cts.Token);
        var latency = TimeSpan.FromTicks((clock.ElapsedTicks - Interlocked.Read(ref cancelledAt)) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        return (result, latency);
    }

    [Fact]
    public void Already_cancelled_token_returns_interrupted_without_solving()
    {
        var (model, _, _, _) = ClpLpSolverTests.Wyndor();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var lp = ClpLpSolver.Instance.Solve(model, cancellationToken: cts.Token);
        var mip = CbcMipSolver.Instance.Solve(CbcMipSolverTests.Knapsack([1, 2], [1, 1], 1).Model, cancellationToken: cts.Token);

        Assert.Equal(SolveStatus.Interrupted, lp.Status);
        Assert.Equal(0, lp.Iterations);
        Assert.Equal(SolveStatus.Interrupted, mip.Status);
        Assert.False(mip.HasSolution);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Category", "Slow")]
    public void Cancelling_a_long_lp_stops_clp_and_leaves_the_session_usable(bool presolve)
    {
        var model = TestModels.HardRandomLp(3000, seed: 3);
        using var session = ClpLpSolver.Instance.CreateSession(model, new SolverOptions { Algorithm = LpAlgorithm.DualSimplex, Presolve = presolve });
        var (result, latency) = SolveCancelledAfter(500, session.Solve);
        output.WriteLine($"Clp (presolve {presolve}) stopped {latency.TotalMilliseconds:F1} ms after the cancel: {result}");

        Assert.Equal(SolveStatus.Interrupted, result.Status);
        Assert.False(result.HasSolution);
        Assert.True(latency < HangDetector, $"Clp took {latency} to stop");

        // Still usable: fix every variable at 0 and the LP becomes trivially optimal.
        for (var j = 0; j < session.VariableCount; j++)
        {
            session.SetBounds(new Variable(j), 0, 0);
        }

        var after = session.Solve();
        Assert.Equal(SolveStatus.Optimal, after.Status);
        Assert.Equal(0, after.Objective, 1e-9);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Lp_time_limit_is_a_status()
    {
        var model = TestModels.HardRandomLp(3000, seed: 4);

        var result = ClpLpSolver.Instance.Solve(model, new SolverOptions { TimeLimit = TimeSpan.FromMilliseconds(300), Algorithm = LpAlgorithm.DualSimplex });

        Assert.Equal(SolveStatus.TimeLimit, result.Status);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Cancelling_a_long_atsp_mip_stops_cbc()
    {
        // ftv70 (71 cities) as an MTZ MIP: Cbc needs far longer than the test waits.
        var d = Atsp.Read(Path.Combine(Atsp.InstanceDirectory, "ftv70.atsp"));
        var (model, _) = Atsp.Mtz(d);
        var (result, latency) = SolveCancelledAfter(3000, ct => CbcMipSolver.Instance.Solve(model, cancellationToken: ct));
        output.WriteLine($"Cbc stopped {latency.TotalMilliseconds:F1} ms after the cancel: {result}");

        Assert.Equal(SolveStatus.Interrupted, result.Status);
        Assert.True(double.IsNegativeInfinity(result.BestBound), "an injected stop proves no bound");
        Assert.True(latency < HangDetector, $"Cbc took {latency} to stop");
        if (result.HasSolution)
        {
            Assert.Equal(model.EvaluateObjective(result.Values.ToArray()), result.Objective, 1e-6);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Mip_time_limit_is_a_status_with_a_valid_bound()
    {
        var d = Atsp.Read(Path.Combine(Atsp.InstanceDirectory, "ftv70.atsp"));
        var (model, _) = Atsp.Mtz(d);

        var result = CbcMipSolver.Instance.Solve(model, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(2) });

        output.WriteLine(result.ToString());
        Assert.Equal(SolveStatus.TimeLimit, result.Status);
        // ftv70's optimal tour is 1950; any proven lower bound is at most that.
        Assert.True(result.BestBound <= 1950 + 1e-6, $"bound {result.BestBound}");
        Assert.True(result.BestBound > 1000, $"bound {result.BestBound} should come from Cbc's root LP");
        if (result.HasSolution)
        {
            Assert.True(result.Objective >= 1950 - 1e-6);
        }
    }
}
