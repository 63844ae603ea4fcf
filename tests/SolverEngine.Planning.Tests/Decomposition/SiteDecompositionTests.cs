using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Decomposition;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;
using SolveStatus = SolverEngine.Solvers.SolveStatus;

namespace SolverEngine.Planning.Tests.Decomposition;

/// <summary>
/// The site decomposition of the aggregate LP (Benders over per-site blocks linked by lane
/// transfers) against the monolithic LP on small two-site models: same optimum, a point feasible
/// for every row of the whole LP, a bound that never exceeds it, and full solves with the
/// decomposition forced on that the independent verifier accepts.
/// </summary>
public class SiteDecompositionTests
{
    /// <summary>
    /// Two plants, two products each, changeovers, a lane P -> D (one day in transit, capped) and one
    /// back. D's line is expensive and short of hours, so part of D's demand is made at P and shipped.
    /// </summary>
    internal static PlanningModel TwoSites(bool lanes = true)
    {
        var m = TwoSitesNoLanes();
        if (lanes)
        {
            m.Lanes.Add(new Lane { Id = "PD", FromSiteId = "P", ToSiteId = "D", CostPerUnit = 0.7, LeadTime = Hours(24), CapacityPerDay = 150 });
            m.Lanes.Add(new Lane { Id = "DP", FromSiteId = "D", ToSiteId = "P", CostPerUnit = 0.9 });
        }
        return m;
    }

    private static PlanningModel TwoSitesNoLanes() => new()
    {
        Name = "two-sites",
        Horizon = Days(4),
        Sites = { new Site { Id = "P" }, new Site { Id = "D" } },
        Lines = { new Line { Id = "LP", SiteId = "P" }, new Line { Id = "LD", SiteId = "D" } },
        Products =
        {
            new Product { Id = "A", LostSaleCost = 50, BacklogCost = 4, HoldingCost = 0.2 },
            new Product { Id = "B", LostSaleCost = 40, BacklogCost = 3, HoldingCost = 0.1 },
        },
        Recipes =
        {
            new Recipe { Id = "PA", ProductId = "A", LineId = "LP", Rate = 20, VariableCost = 2 },
            new Recipe { Id = "PB", ProductId = "B", LineId = "LP", Rate = 25, VariableCost = 2.5 },
            new Recipe { Id = "DA", ProductId = "A", LineId = "LD", Rate = 8, VariableCost = 6 },
            new Recipe { Id = "DB", ProductId = "B", LineId = "LD", Rate = 10, VariableCost = 5 },
        },
        Changeovers =
        {
            new Changeover { FromProductId = "A", ToProductId = "B", Hours = 2, Cost = 30 },
            new Changeover { FromProductId = "B", ToProductId = "A", Hours = 3, Cost = 40 },
        },
        Forecasts =
        {
            new Forecast { ProductId = "A", SiteId = "P", Start = Day(0), End = Day(4), Quantity = 600 },
            new Forecast { ProductId = "B", SiteId = "P", Start = Day(0), End = Day(4), Quantity = 500 },
            new Forecast { ProductId = "A", SiteId = "D", Start = Day(0), End = Day(4), Quantity = 500 },
            new Forecast { ProductId = "B", SiteId = "D", Start = Day(0), End = Day(4), Quantity = 400 },
        },
    };

    /// <summary>D has no line: its MUST_MEET orders can only be met by transfers from P.</summary>
    internal static PlanningModel DepotOnly(double laneCapacityPerDay = 200) => new()
    {
        Name = "depot",
        Horizon = Days(3),
        Sites = { new Site { Id = "P" }, new Site { Id = "D" } },
        Lines = { new Line { Id = "L", SiteId = "P" } },
        Products = { new Product { Id = "A", DemandPolicy = DemandPolicy.MustMeet, HoldingCost = 0.3 } },
        Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10, VariableCost = 2 } },
        Lanes = { new Lane { Id = "PD", FromSiteId = "P", ToSiteId = "D", CostPerUnit = 0.5, CapacityPerDay = laneCapacityPerDay } },
        Orders =
        {
            new Order { Id = "O1", ProductId = "A", SiteId = "D", Quantity = 120, Due = Day(0.9) },
            new Order { Id = "O2", ProductId = "A", SiteId = "D", Quantity = 150, Due = Day(2.5) },
        },
    };

    private static (PlanningInstance Inst, AggregateModel Model, LinearModel Lp) Relaxation(PlanningModel m)
    {
        var inst = InstanceBuilder.Build(m);
        var model = new AggregateModel(inst);
        return (inst, model, model.Build(null, Array.Empty<SetupCut>()));
    }

    private static BendersResult Decompose(LinearModel lp, PlanningInstance inst, AggregateModel model, int threads = 1)
    {
        var (label, master) = SiteColumns.Of(inst, model, lp.VariableCount);
        var partition = BlockPartition.Of(lp, label, master);
        using var benders = new BendersLp(lp, partition, ClpLpSolver.Instance, new BendersSettings { RelativeGap = 1e-9, Threads = threads });
        return benders.Solve(null, CancellationToken.None);
    }

    /// <summary>Every column within its bounds and every row's activity within its bounds (1e-6, scaled).</summary>
    private static void AssertFeasible(LinearModel lp, double[] x)
    {
        for (var j = 0; j < lp.VariableCount; j++)
        {
            var v = new Variable(j);
            Assert.InRange(x[j], lp.LowerBound(v) - 1e-6, lp.UpperBound(v) + 1e-6);
        }
        var (starts, cols, vals) = lp.GetRowMajor();
        for (var r = 0; r < lp.ConstraintCount; r++)
        {
            var activity = 0.0;
            for (var k = starts[r]; k < starts[r + 1]; k++) activity += vals[k] * x[cols[k]];
            var tol = 1e-6 * Math.Max(1, Math.Abs(activity));
            Assert.InRange(activity, lp.LowerBound(new Constraint(r)) - tol, lp.UpperBound(new Constraint(r)) + tol);
        }
    }

    private static void AssertSameOptimum(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Two_sites_with_a_lane_reach_the_monolithic_optimum()
    {
        var (inst, model, lp) = Relaxation(TwoSites());
        var mono = ClpLpSolver.Instance.Solve(lp);
        Assert.Equal(SolveStatus.Optimal, mono.Status);

        var (label, master) = SiteColumns.Of(inst, model, lp.VariableCount);
        var partition = BlockPartition.Of(lp, label, master);
        Assert.Equal(2, partition.Blocks.Length);
        Assert.NotEmpty(partition.MasterColumns); // the transfers

        var r = Decompose(lp, inst, model);
        Assert.True(r.Status == BendersStatus.Optimal, $"{r.Status}: {r.Message}");
        AssertSameOptimum(mono.Objective, r.UpperBound);
        AssertSameOptimum(mono.Objective, r.LowerBound);
        Assert.True(r.LowerBound <= mono.Objective + 1e-6 * Math.Abs(mono.Objective), $"bound {r.LowerBound} above the optimum {mono.Objective}");
        Assert.NotNull(r.Values);
        AssertFeasible(lp, r.Values);
        AssertSameOptimum(r.UpperBound, lp.EvaluateObjective(r.Values));
        // the lane is used: the decomposition had to coordinate the sites
        Assert.Contains(model.Move.SelectMany(k => k).SelectMany(p => p), c => c >= 0 && r.Values[c] > 1e-6);
    }

    [Fact]
    public void Result_is_the_same_at_one_and_two_threads()
    {
        var (inst, model, lp) = Relaxation(TwoSites());
        var one = Decompose(lp, inst, model, threads: 1);
        var two = Decompose(lp, inst, model, threads: 2);
        Assert.Equal(one.Iterations, two.Iterations);
        Assert.Equal(one.LowerBound, two.LowerBound);
        Assert.Equal(one.Values, two.Values);
    }

    [Fact]
    public void A_site_infeasible_alone_is_fed_through_the_lane()
    {
        var (inst, model, lp) = Relaxation(DepotOnly());
        var mono = ClpLpSolver.Instance.Solve(lp);
        Assert.Equal(SolveStatus.Optimal, mono.Status);

        var r = Decompose(lp, inst, model);
        Assert.True(r.Status == BendersStatus.Optimal, $"{r.Status}: {r.Message}");
        // with no transfers (the master's first point) the depot cannot meet its orders: feasibility cuts
        Assert.Contains(r.Cuts, c => c.Feasibility);
        AssertSameOptimum(mono.Objective, r.UpperBound);
        AssertSameOptimum(mono.Objective, r.LowerBound);
        AssertFeasible(lp, r.Values!);
    }

    [Fact]
    public void Demand_beyond_the_lane_capacity_is_infeasible()
    {
        // 270 units must reach D, the lane carries 50 a day
        var (inst, model, lp) = Relaxation(DepotOnly(laneCapacityPerDay: 50));
        Assert.Equal(SolveStatus.Infeasible, ClpLpSolver.Instance.Solve(lp).Status);
        Assert.Equal(BendersStatus.Infeasible, Decompose(lp, inst, model).Status);
    }

    [Fact]
    public void Sites_without_lanes_are_independent_blocks()
    {
        var (inst, model, lp) = Relaxation(TwoSites(lanes: false));
        var mono = ClpLpSolver.Instance.Solve(lp);
        var (label, master) = SiteColumns.Of(inst, model, lp.VariableCount);
        var partition = BlockPartition.Of(lp, label, master);
        Assert.Equal(2, partition.Blocks.Length);
        Assert.Empty(partition.MasterRows);

        var r = Decompose(lp, inst, model);
        Assert.True(r.Status == BendersStatus.Optimal, $"{r.Status}: {r.Message}");
        Assert.True(r.Iterations <= 2, $"independent blocks need one round, took {r.Iterations}");
        Assert.DoesNotContain(r.Cuts, c => c.Feasibility);
        AssertSameOptimum(mono.Objective, r.UpperBound);
        AssertSameOptimum(mono.Objective, r.LowerBound);
        AssertFeasible(lp, r.Values!);
    }

    private static SolveOptions Forced(string mode) => new()
    {
        TimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
        Deterministic = true,
        Seed = 1,
        Parameters = { ["decomposition.sites"] = mode },
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Full_solve_with_the_decomposition_on_is_verified(bool depot)
    {
        var m = depot ? DepotOnly() : TwoSites();
        var r = SolveVerified(m, Forced("on"));
        Assert.True(r.LowerBound <= r.Objective + 1e-9 * Math.Abs(r.Objective), $"bound {r.LowerBound} > objective {r.Objective}");
        Assert.True(r.LowerBound > 0);
    }

    [Fact]
    public void Coordinator_uses_the_decomposition_when_forced_and_not_when_off()
    {
        int Runs(SiteDecompositionMode mode, out CoordinationResult result)
        {
            var inst = InstanceBuilder.Build(TwoSites());
            var settings = new CoordinatorSettings { TimeLimit = TimeSpan.FromSeconds(5), Deterministic = true, Seed = 1, Threads = 1, SiteDecomposition = mode, MaxIterations = 3, ExactMaxSetups = 0, MipMaxSetups = 0 };
            using var c = new Coordinator(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer(), settings);
            result = c.Run(null, CancellationToken.None);
            return c.SiteDecompositionRuns;
        }
        Assert.True(Runs(SiteDecompositionMode.On, out var on) > 0);
        Assert.Equal(0, Runs(SiteDecompositionMode.Off, out var off));
        Assert.NotNull(on.Best);
        Assert.NotNull(off.Best);
        // the first relaxation is the same LP either way: the bounds agree
        Assert.True(on.LowerBound <= on.Best.Objective + 1e-9 * Math.Abs(on.Best.Objective));
        Assert.Equal(off.LowerBound, on.LowerBound, 4);
    }

    [Fact]
    public async Task Must_meet_beyond_the_lane_is_an_infeasible_result_with_the_decomposition_on()
    {
        var r = await new PlanningEngine().SolveAsync(DepotOnly(laneCapacityPerDay: 50), Forced("on"));
        Assert.Equal(Contracts.V1.SolveStatus.Infeasible, r.Status);
        Assert.Null(r.Plan);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("1")]
    public void A_bad_mode_is_rejected_with_the_allowed_values(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => PlanningEngine.ValidateOptions(Forced(value)));
        Assert.Contains("decomposition.sites", ex.Message);
        Assert.Contains("\"auto\"", ex.Message);
        Assert.Contains("\"off\"", ex.Message);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("on")]
    [InlineData("OFF")]
    public void The_modes_are_accepted(string value) => PlanningEngine.ValidateOptions(Forced(value));

    [Fact]
    public void The_mode_is_a_known_parameter_key() => Assert.Contains("decomposition.sites", PlanningEngine.ParameterKeys);

    [Theory]
    [InlineData(false, SiteDecomposition.AutoMinColumns, true)]
    [InlineData(false, SiteDecomposition.AutoMinColumns - 1, false)]
    [InlineData(true, 1_000_000, false)]
    public void Auto_decomposes_only_large_LPs_of_independent_sites(bool lanes, int columns, bool expected)
    {
        // the rule reads the partition's shape and the LP's size (passed here so a tiny model can stand for a large one)
        var (inst, model, lp) = Relaxation(TwoSites(lanes));
        var (label, master) = SiteColumns.Of(inst, model, lp.VariableCount);
        Assert.Equal(expected, SiteDecomposition.AutoApplies(BlockPartition.Of(lp, label, master), columns, threads: 2));
    }
}
