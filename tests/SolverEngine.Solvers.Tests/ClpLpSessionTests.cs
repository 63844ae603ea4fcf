namespace SolverEngine.Solvers.Tests;

public class ClpLpSessionTests
{
    private const double Tol = 1e-6;
    private static readonly SolverOptions Dual = new() { Algorithm = LpAlgorithm.DualSimplex, Presolve = false };

    [Fact]
    public void Warm_resolve_after_adding_a_row_needs_fewer_iterations_than_a_cold_solve()
    {
        const int sources = 40, sinks = 60;
        var model = TestModels.Transport(sources, sinks, seed: 11);
        using var session = ClpLpSolver.Instance.CreateSession(model, Dual);
        var first = session.Solve();
        Assert.Equal(SolveStatus.Optimal, first.Status);

        // Cut off the optimum: the sources 0..9 may ship at most half of what they ship now.
        var shipped = 0.0;
        var cut = new LinearExpression();
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < sinks; j++)
            {
                var v = new Variable((i * sinks) + j);
                cut.Add(v);
                shipped += first.Value(v);
            }
        }

        Assert.True(shipped > 1, "the cut must bind for the test to mean anything");
        var row = session.AddRow(cut, double.NegativeInfinity, shipped / 2);
        var warm = session.Solve();

        model.AddRow(cut, double.NegativeInfinity, shipped / 2);
        var cold = ClpLpSolver.Instance.Solve(model, Dual);

        Assert.Equal(SolveStatus.Optimal, warm.Status);
        Assert.Equal(SolveStatus.Optimal, cold.Status);
        Assert.Equal(cold.Objective, warm.Objective, 1e-6 * Math.Abs(cold.Objective));
        Assert.True(warm.Objective > first.Objective + Tol, "the added row binds, so the cost must rise");
        Assert.True(warm.Iterations < cold.Iterations, $"warm {warm.Iterations} iterations vs cold {cold.Iterations}");
        Assert.Equal(sources + sinks, row.Index);
        Assert.Equal(sources + sinks + 1, session.ConstraintCount);
        Assert.True(warm.Dual(row) <= Tol, $"a binding <= row of a minimisation has a dual <= 0, got {warm.Dual(row)}");
    }

    [Fact]
    public void Bound_and_cost_changes_in_place_match_a_fresh_solve()
    {
        var (model, x, y, rows) = ClpLpSolverTests.Wyndor();
        using var session = ClpLpSolver.Instance.CreateSession(model);
        Assert.Equal(36, session.Solve().Objective, Tol);

        // y <= 5 -> the optimum moves to x = 8/3, y = 5: 8 + 25 = 33.
        session.SetBounds(y, 0, 5);
        var bounded = session.Solve();
        Assert.Equal(SolveStatus.Optimal, bounded.Status);
        Assert.Equal(33, bounded.Objective, Tol);
        Assert.Equal(8.0 / 3.0, bounded.Value(x), Tol);

        // Profit of x 3 -> 9: then (4, 3) gives 36 + 15 = 51.
        session.SetObjectiveCoefficient(x, 9);
        var repriced = session.Solve();
        Assert.Equal(SolveStatus.Optimal, repriced.Status);
        Assert.Equal(51, repriced.Objective, Tol);
        Assert.Equal(4, repriced.Value(x), Tol);
        Assert.Equal(3, repriced.Value(y), Tol);

        // Row bound: plant 1 capacity 4 -> 2: x = 2, y = 5 (y <= 5 still): 18 + 25 = 43.
        session.SetBounds(rows[0], double.NegativeInfinity, 2);
        var rowChanged = session.Solve();
        Assert.Equal(43, rowChanged.Objective, Tol);

        // The same edits on the model, solved cold, agree.
        model.SetBounds(y, 0, 5);
        model.SetObjectiveCoefficient(x, 9);
        model.SetBounds(rows[0], double.NegativeInfinity, 2);
        Assert.Equal(43, ClpLpSolver.Instance.Solve(model).Objective, Tol);
    }

    [Fact]
    public void Loosened_bounds_resolve_warm_to_the_optimum_of_a_fresh_solve()
    {
        const int sinks = 60;
        var model = TestModels.Transport(40, sinks, seed: 11);
        using var session = ClpLpSolver.Instance.CreateSession(model, Dual);
        // every arc of the sources 0..4 closed: the other 35 still have 1.05 times the demand
        var closed = Enumerable.Range(0, 5 * sinks).Select(k => new Variable(k)).ToArray();
        foreach (var v in closed) session.SetBounds(v, 0, 0);
        var restricted = session.Solve();
        Assert.Equal(SolveStatus.Optimal, restricted.Status);

        // opening them again keeps the basis primal feasible: the warm solve goes on from it (primal simplex)
        foreach (var v in closed) session.SetBounds(v, 0, double.PositiveInfinity);
        var warm = session.Solve();
        var cold = ClpLpSolver.Instance.Solve(model, Dual);
        Assert.Equal(SolveStatus.Optimal, warm.Status);
        Assert.Equal(SolveStatus.Optimal, cold.Status);
        Assert.Equal(cold.Objective, warm.Objective, 1e-6 * Math.Abs(cold.Objective));
        Assert.True(warm.Objective < restricted.Objective - Tol, "the opened arcs are cheaper somewhere, so the cost must fall");
        Assert.Contains(closed, v => warm.Value(v) > Tol);
    }

    [Fact]
    public void The_time_limit_of_a_session_can_change_between_solves()
    {
        var model = TestModels.HardRandomLp(3000, seed: 4);
        using var session = ClpLpSolver.Instance.CreateSession(model, new SolverOptions { Algorithm = LpAlgorithm.DualSimplex });
        Assert.Throws<ArgumentOutOfRangeException>(() => session.SetTimeLimit(TimeSpan.Zero));
        session.SetTimeLimit(TimeSpan.FromMilliseconds(300)); // the LP of the time-limit test in InterruptTests
        Assert.Equal(SolveStatus.TimeLimit, session.Solve().Status);
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.SetTimeLimit(null));
    }

    [Fact]
    public void Adding_a_column_to_a_solved_lp_is_priced_in()
    {
        var (model, x, y, _) = ClpLpSolverTests.Wyndor();
        using var session = ClpLpSolver.Instance.CreateSession(model);
        var before = session.Solve();
        Assert.Equal(36, before.Objective, Tol);

        // New product z: profit 4 per unit of plant 3 (reduced cost 4 - 1 > 0, so it enters). Per unit of plant 3,
        // z earns 4, y 2.5 and x 1, so all of plant 3 goes to z: x = y = 0, z = 18, profit 72.
        var z = session.AddColumns([0, 1], [2], [1.0], [0.0], [double.PositiveInfinity], [4.0]);
        var after = session.Solve();

        Assert.Equal(SolveStatus.Optimal, after.Status);
        Assert.Equal(72, after.Objective, Tol);
        Assert.Equal(18, after.Value(z), Tol);
        Assert.Equal(0, after.Value(x), Tol);
        Assert.Equal(0, after.Value(y), Tol);
        Assert.Equal(4, after.Dual(new Constraint(2)), Tol);
        Assert.Equal(3, session.VariableCount);
    }

    [Fact]
    public async Task Session_rejects_concurrent_use_from_a_second_thread()
    {
        var model = TestModels.HardRandomLp(3000, seed: 5);
        using var session = ClpLpSolver.Instance.CreateSession(model, Dual);
        using var cts = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var solving = Task.Factory.StartNew(() =>
        {
            started.Set();
            return session.Solve(cts.Token);
        }, TaskCreationOptions.LongRunning);
        started.Wait();

        // Keep probing until the solve holds the session (a probe that lands first simply succeeds).
        InvalidOperationException? error = null;
        while (error is null && !solving.IsCompleted)
        {
            try
            {
                session.SetObjectiveCoefficient(new Variable(0), 0.5);
            }
            catch (InvalidOperationException e)
            {
                error = e;
            }
        }

        cts.Cancel();
        var result = await solving;
        Assert.NotNull(error);
        Assert.Contains("not thread-safe", error!.Message);
        Assert.Equal(SolveStatus.Interrupted, result.Status);
    }

    [Fact]
    public void Session_rows_with_duplicate_entries_are_merged_and_bad_input_is_rejected()
    {
        var (model, x, y, _) = ClpLpSolverTests.Wyndor();
        using var session = ClpLpSolver.Instance.CreateSession(model);
        session.Solve();

        // x + x + y - y <= 1, i.e. 2x <= 1: x = 0.5, then 2y <= 12 and 3x + 2y <= 18 give y = 6: 1.5 + 30 = 31.5.
        var row = session.AddRows([0, 4], [x.Index, x.Index, y.Index, y.Index], [1.0, 1.0, 1.0, -1.0], [double.NegativeInfinity], [1.0]);
        var result = session.Solve();

        Assert.Equal(3, row.Index);
        Assert.Equal(31.5, result.Objective, Tol);
        Assert.Equal(0.5, result.Value(x), Tol);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.AddRows([0, 1], [7], [1.0], [0.0], [1.0]));
        Assert.Throws<ArgumentException>(() => session.AddRows([0, 1], [0], [1.0], [2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => session.SetBounds(x, 3, 2));
        Assert.Equal(4, session.ConstraintCount);
    }

    [Fact]
    public async Task SolveAsync_runs_off_thread_and_reports_cancellation_as_a_status()
    {
        var (model, _, _, _) = ClpLpSolverTests.Wyndor();
        var ok = await ClpLpSolver.Instance.SolveAsync(model);
        Assert.Equal(36, ok.Objective, Tol);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = await CbcMipSolver.Instance.SolveAsync(CbcMipSolverTests.Knapsack([3, 4], [1, 1], 1).Model, cancellationToken: cts.Token);
        Assert.Equal(SolveStatus.Interrupted, cancelled.Status);
    }

    [Fact]
    public void Disposed_session_throws_object_disposed()
    {
        var (model, _, _, _) = ClpLpSolverTests.Wyndor();
        var session = ClpLpSolver.Instance.CreateSession(model);
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.Solve());
    }
}
