using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Tests.Decomposition;
using SolverEngine.Solvers;
using SolveStatus = SolverEngine.Solvers.SolveStatus;

namespace SolverEngine.Planning.Tests.Aggregate;

/// <summary>
/// The two-step solve of a linked-site aggregate LP (lanes held at their lower bound, then opened warm)
/// against the same LP solved cold, on the small two-site models of the decomposition tests with the
/// size rule moved so the two steps run: same optimum, and the right answer where closing the lanes
/// makes the LP infeasible.
/// </summary>
public class LanesClosedFirstTests
{
    private static (AggregateModel Model, LinearModel Lp) Relaxation(Contracts.V1.PlanningModel m)
    {
        var model = new AggregateModel(InstanceBuilder.Build(m));
        return (model, model.Build(null, Array.Empty<SetupCut>()));
    }

    private static LpResult TwoSteps(AggregateModel model, LinearModel lp, IReadOnlyList<double>? guide = null, bool closedInfeasibleIsFinal = false) =>
        LanesClosedFirst.Solve(ClpLpSolver.Instance, lp, model.TransferColumns(lp), new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60) },
            CancellationToken.None, guide, closedInfeasibleIsFinal, minColumns: 0);

    private static void AssertSameOptimum(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Two_steps_reach_the_optimum_of_the_whole_lp_and_use_the_lane()
    {
        var (model, lp) = Relaxation(SiteDecompositionTests.TwoSites());
        var transfers = model.TransferColumns(lp);
        Assert.NotEmpty(transfers);
        Assert.True(LanesClosedFirst.Applies(lp, transfers, minColumns: 0));
        Assert.False(LanesClosedFirst.Applies(lp, transfers), "a model this small is solved whole by the size rule");

        var cold = ClpLpSolver.Instance.Solve(lp);
        var staged = TwoSteps(model, lp);
        Assert.Equal(SolveStatus.Optimal, cold.Status);
        Assert.Equal(SolveStatus.Optimal, staged.Status);
        AssertSameOptimum(cold.Objective, staged.Objective);
        AssertSameOptimum(staged.Objective, lp.EvaluateObjective(staged.Values.ToArray()));
        // the lane carries flow at the optimum, so the second step had work to do
        Assert.Contains(transfers, c => staged.Values[c] > 1e-6);
    }

    [Fact]
    public void The_kept_session_has_every_lane_open_for_the_next_warm_solve()
    {
        var (model, lp) = Relaxation(SiteDecompositionTests.TwoSites());
        var transfers = model.TransferColumns(lp);
        var (session, first) = LanesClosedFirst.SolveKeepingSession(ClpLpSolver.Instance, lp, transfers,
            new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60) }, CancellationToken.None, minColumns: 0);
        Assert.NotNull(session);
        using (session)
        {
            Assert.Equal(SolveStatus.Optimal, first.Status);
            // the lanes the pricing left closed (the costly way back D -> P) must be open in the session too:
            // made paying on both the session and the model, the warm re-solve and a cold solve agree
            var back = model.Move[1].SelectMany(p => p).Where(c => c >= 0).ToArray();
            Assert.All(back, c => Assert.True(first.Values[c] <= 1e-9, "the way back carries nothing at first"));
            foreach (var c in back)
            {
                session.SetObjectiveCoefficient(new Variable(c), -3);
                lp.SetObjectiveCoefficient(new Variable(c), -3);
            }
            var warm = session.Solve();
            var cold = ClpLpSolver.Instance.Solve(lp);
            Assert.Equal(SolveStatus.Optimal, cold.Status);
            Assert.Equal(SolveStatus.Optimal, warm.Status);
            AssertSameOptimum(cold.Objective, warm.Objective);
            Assert.Contains(back, c => cold.Values[c] > 1e-6); // the way back is used now, so a closed one would show
        }
    }

    [Fact]
    public void Without_opening_the_lanes_the_result_keeps_the_unused_ones_closed_and_is_a_point_of_the_whole_lp()
    {
        var (model, lp) = Relaxation(SiteDecompositionTests.TwoSites());
        var transfers = model.TransferColumns(lp);
        var whole = ClpLpSolver.Instance.Solve(lp);
        Assert.Equal(SolveStatus.Optimal, whole.Status);
        var used = transfers.Where(c => whole.Values[c] > 1e-6).ToHashSet();
        Assert.NotEmpty(used);

        // guided by the whole LP's point: the lanes it uses stay open, the others closed, and no pricing opens them
        var guide = whole.Values.ToArray();
        foreach (var c in transfers.Where(c => !used.Contains(c))) guide[c] = 0;
        var options = new SolverOptions { TimeLimit = TimeSpan.FromSeconds(60) };
        var (session, closed) = LanesClosedFirst.SolveKeepingSession(ClpLpSolver.Instance, lp, transfers, options, CancellationToken.None,
            guide, minColumns: 0, openLanes: false);
        Assert.NotNull(session);
        using (session)
        {
            Assert.Equal(SolveStatus.Optimal, closed.Status);
            AssertSameOptimum(whole.Objective, closed.Objective); // the lanes the optimum uses were open
            foreach (var c in transfers.Where(c => !used.Contains(c)))
                Assert.Equal(lp.LowerBound(new Variable(c)), closed.Values[c], 9);
            // the way back made paying: the session keeps it closed (so its warm re-solve cannot use it), the whole LP uses it
            var back = model.Move[1].SelectMany(p => p).Where(c => c >= 0).ToArray();
            Assert.All(back, c => Assert.DoesNotContain(c, used));
            foreach (var c in back)
            {
                session.SetObjectiveCoefficient(new Variable(c), -3);
                lp.SetObjectiveCoefficient(new Variable(c), -3);
            }
            var warm = session.Solve();
            Assert.Equal(SolveStatus.Optimal, warm.Status);
            Assert.All(back, c => Assert.Equal(lp.LowerBound(new Variable(c)), warm.Values[c], 9));
            var cold = ClpLpSolver.Instance.Solve(lp);
            Assert.True(cold.Objective < warm.Objective - 1e-6, $"the whole LP ({cold.Objective:R}) should beat the closed one ({warm.Objective:R})");
        }
    }

    [Fact]
    public void Transfer_columns_are_known_only_for_models_this_aggregate_model_built()
    {
        var (model, lp) = Relaxation(SiteDecompositionTests.TwoSites());
        var (_, other) = Relaxation(SiteDecompositionTests.TwoSites());
        Assert.NotEmpty(model.TransferColumns(lp));
        Assert.Empty(model.TransferColumns(other));
    }

    [Fact]
    public void A_depot_that_only_a_lane_can_serve_is_solved_whole_when_closing_makes_it_infeasible()
    {
        // MUST_MEET orders at a site without a line: infeasible with the lane closed
        var (model, lp) = Relaxation(SiteDecompositionTests.DepotOnly());
        var cold = ClpLpSolver.Instance.Solve(lp);
        Assert.Equal(SolveStatus.Optimal, cold.Status);

        var staged = TwoSteps(model, lp);
        Assert.Equal(SolveStatus.Optimal, staged.Status);
        AssertSameOptimum(cold.Objective, staged.Objective);

        // a heuristic caller takes the closed answer as final ...
        Assert.Equal(SolveStatus.Infeasible, TwoSteps(model, lp, closedInfeasibleIsFinal: true).Status);
        // ... unless its guide keeps the lane open: then the first step is feasible and the optimum the same
        var guided = TwoSteps(model, lp, guide: cold.Values, closedInfeasibleIsFinal: true);
        Assert.Equal(SolveStatus.Optimal, guided.Status);
        AssertSameOptimum(cold.Objective, guided.Objective);
    }

    [Fact]
    public void An_lp_infeasible_with_the_lanes_open_stays_infeasible()
    {
        // 270 units must reach the depot; the lane carries 50 a day
        var (model, lp) = Relaxation(SiteDecompositionTests.DepotOnly(laneCapacityPerDay: 50));
        Assert.Equal(SolveStatus.Infeasible, ClpLpSolver.Instance.Solve(lp).Status);
        Assert.Equal(SolveStatus.Infeasible, TwoSteps(model, lp).Status);
    }

    [Fact]
    public void A_cancelled_solve_says_so()
    {
        var (model, lp) = Relaxation(SiteDecompositionTests.TwoSites());
        var r = LanesClosedFirst.Solve(ClpLpSolver.Instance, lp, model.TransferColumns(lp), new SolverOptions(),
            new CancellationToken(canceled: true), minColumns: 0);
        Assert.Equal(SolveStatus.Interrupted, r.Status);
        Assert.False(r.HasSolution);
    }
}
