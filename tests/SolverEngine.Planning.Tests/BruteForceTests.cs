using SolverEngine.Contracts.V1;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;
using SolveStatus = SolverEngine.Contracts.V1.SolveStatus;

namespace SolverEngine.Planning.Tests;

/// <summary>
/// 2 lines, 4 products, 3 day buckets: the engine's objective equals a brute-force enumeration of
/// every set-up pattern and every order in every bucket (with the set-up state carried across
/// buckets), each evaluated by its own small LP written here, independent of the engine.
/// </summary>
public class BruteForceTests
{
    private const double Hold = 0.2, Back = 3, Lost = 30;
    // line A makes P1 (intermediate of P3, also sold) and P2; line B makes P3 and P4
    private static readonly string[] Ids = ["P1", "P2", "P3", "P4"];
    private static readonly int[][] LineProducts = [[0, 1], [2, 3]];
    private static readonly double[] VarCost = [1, 2, 1.5, 1];

    private static (double[] Rate, double[,] Hours, double[,] Cost) Data(double scale) => (
        [10 * scale, 8 * scale, 6 * scale, 12 * scale],
        new double[4, 4] { { 0, 3, 0, 0 }, { 5, 0, 0, 0 }, { 0, 0, 0, 2 }, { 0, 0, 4, 0 } },
        new double[4, 4] { { 0, 40, 0, 0 }, { 20, 0, 0, 0 }, { 0, 0, 0, 30 }, { 0, 0, 60, 0 } });

    // demand per product and bucket: forecasts P1 100/day, P3 60/day; orders P2 150 (day 1), 80 (day 2), P4 200 (day 2)
    private static readonly double[,] Demand = { { 100, 100, 100 }, { 0, 150, 80 }, { 60, 60, 60 }, { 0, 0, 200 } };

    private static PlanningModel Model(double scale)
    {
        var (rate, hours, cost) = Data(scale);
        var m = new PlanningModel
        {
            Name = "brute",
            Horizon = Days(3),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "A", SiteId = "S", InitialProductId = "P1" }, new Line { Id = "B", SiteId = "S" } },
            Forecasts =
            {
                new Forecast { ProductId = "P1", SiteId = "S", Start = Day(0), End = Day(3), Quantity = 300 },
                new Forecast { ProductId = "P3", SiteId = "S", Start = Day(0), End = Day(3), Quantity = 180 },
            },
            Orders =
            {
                new Order { Id = "O1", ProductId = "P2", SiteId = "S", Quantity = 150, Due = Day(1.5) },
                new Order { Id = "O2", ProductId = "P2", SiteId = "S", Quantity = 80, Due = Day(2.5) },
                new Order { Id = "O3", ProductId = "P4", SiteId = "S", Quantity = 200, Due = Day(2.5) },
            },
        };
        for (var p = 0; p < 4; p++)
        {
            m.Products.Add(new Product { Id = Ids[p], HoldingCost = Hold, BacklogCost = Back, LostSaleCost = Lost });
            var recipe = new Recipe { Id = "R" + Ids[p], ProductId = Ids[p], LineId = p < 2 ? "A" : "B", Rate = rate[p], VariableCost = VarCost[p] };
            if (p == 2) recipe.Inputs.Add(new RecipeInput { ProductId = "P1", QuantityPerUnit = 0.5 });
            m.Recipes.Add(recipe);
        }
        foreach (var line in LineProducts)
            foreach (var a in line)
                foreach (var b in line)
                    if (a != b)
                        m.Changeovers.Add(new Changeover { LineId = a < 2 ? "A" : "B", FromProductId = Ids[a], ToProductId = Ids[b], Hours = hours[a, b], Cost = cost[a, b] });
        return m;
    }

    internal sealed record Schedule(int[][] Orders, double[] Hours, double Cost);

    /// <summary>Every order of every subset in every bucket, state carried; duplicates (same sets, hours, cost) merged.</summary>
    internal static List<Schedule> Schedules(int line, int initial, double[,] hours, double[,] cost)
    {
        var prods = LineProducts[line];
        var options = new List<int[]> { Array.Empty<int>(), new[] { prods[0] }, new[] { prods[1] }, new[] { prods[0], prods[1] }, new[] { prods[1], prods[0] } };
        var result = new Dictionary<string, Schedule>();
        foreach (var o0 in options)
            foreach (var o1 in options)
                foreach (var o2 in options)
                {
                    var orders = new[] { o0, o1, o2 };
                    var state = initial;
                    var h = new double[3];
                    var c = 0.0;
                    for (var t = 0; t < 3; t++)
                        foreach (var p in orders[t])
                        {
                            if (state >= 0 && state != p) { h[t] += hours[state, p]; c += cost[state, p]; }
                            state = p;
                        }
                    if (h.Any(x => x > 24)) continue;
                    var key = string.Join("|", orders.Select(o => string.Join(",", o.Order()))) + "|" + string.Join(",", h) + "|" + c;
                    result.TryAdd(key, new Schedule(orders, h, c));
                }
        return result.Values.ToList();
    }

    /// <summary>The quantity LP for fixed set-ups and changeover hours (written independently of the engine).</summary>
    internal static double Evaluate(Schedule a, Schedule b, double[] rate, double[,]? demand = null)
    {
        demand ??= Demand;
        var m = new LinearModel();
        var x = new Variable[4, 3];
        var inv = new Variable[4, 3];
        var back = new Variable[4, 3];
        var del = new Variable[4, 3];
        var sched = new[] { a, b };
        for (var p = 0; p < 4; p++)
            for (var t = 0; t < 3; t++)
            {
                var on = sched[p < 2 ? 0 : 1].Orders[t].Contains(p);
                x[p, t] = m.AddVariable(0, on ? double.PositiveInfinity : 0, VarCost[p]);
                inv[p, t] = m.AddVariable(0, double.PositiveInfinity, Hold);
                back[p, t] = m.AddVariable(0, double.PositiveInfinity, Back + (t == 2 ? Lost : 0));
                del[p, t] = m.AddVariable(0, double.PositiveInfinity, 0);
            }
        for (var p = 0; p < 4; p++)
            for (var t = 0; t < 3; t++)
            {
                var bal = new LinearExpression().Add(x[p, t]).Add(del[p, t], -1).Add(inv[p, t], -1);
                if (t > 0) bal.Add(inv[p, t - 1]);
                if (p == 0) bal.Add(x[2, t], -0.5);
                m.AddEquality(bal, 0);
                var bl = new LinearExpression().Add(back[p, t]).Add(del[p, t]);
                if (t > 0) bl.Add(back[p, t - 1], -1);
                m.AddEquality(bl, demand[p, t]);
            }
        for (var l = 0; l < 2; l++)
            for (var t = 0; t < 3; t++)
            {
                var cap = new LinearExpression();
                foreach (var p in LineProducts[l]) cap.Add(x[p, t], 1 / rate[p]);
                m.AddLessOrEqual(cap, 24 - sched[l].Hours[t]);
            }
        var r = ClpLpSolver.Instance.Solve(m);
        return r.Status == Solvers.SolveStatus.Optimal ? r.Objective + a.Cost + b.Cost : double.PositiveInfinity;
    }

    /// <summary>The brute-force optimum: the best <see cref="Evaluate"/> over every pair of line schedules (line A starts set up for P1, line B not set up).</summary>
    internal static double Optimum(double[] rate, double[,] hours, double[,] cost, double[,]? demand = null)
    {
        var best = double.PositiveInfinity;
        var linesB = Schedules(1, -1, hours, cost);
        foreach (var a in Schedules(0, 0, hours, cost))
            foreach (var b in linesB)
                best = Math.Min(best, Evaluate(a, b, rate, demand));
        return best;
    }

    internal static double Optimum((double[] Rate, double[,] Hours, double[,] Cost, double[,] Demand) d) =>
        Optimum(d.Rate, d.Hours, d.Cost, d.Demand);

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1.0)]
    [InlineData(1.6)]
    public void Engine_matches_brute_force_over_patterns_and_sequences(double rateScale)
    {
        var (rate, hours, cost) = Data(rateScale);
        var best = Optimum(rate, hours, cost);

        var r = SolveVerified(Model(rateScale), Options(60));
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.Equal(best, r.Objective, 4);
        Assert.True(r.LowerBound <= r.Objective + 1e-6);
    }

    /// <summary>Random data of the same shape: rates, changeover hours and costs, per-day demand.</summary>
    internal static (double[] Rate, double[,] Hours, double[,] Cost, double[,] Demand) RandomData(int seed)
    {
        var rnd = new Random(seed);
        var rate = Enumerable.Range(0, 4).Select(_ => 6.0 + rnd.Next(9)).ToArray();
        var hours = new double[4, 4];
        var cost = new double[4, 4];
        foreach (var line in LineProducts)
            foreach (var a in line)
                foreach (var b in line)
                    if (a != b) { hours[a, b] = 1 + rnd.Next(6); cost[a, b] = 10 + 10 * rnd.Next(6); }
        var demand = new double[4, 3];
        for (var p = 0; p < 4; p++)
            for (var t = 0; t < 3; t++)
                demand[p, t] = rnd.Next(4) == 0 ? 0 : 10 * rnd.Next(1, 16);
        return (rate, hours, cost, demand);
    }

    internal static PlanningModel RandomModel((double[] Rate, double[,] Hours, double[,] Cost, double[,] Demand) d)
    {
        var m = Model(1.0);
        m.Forecasts.Clear();
        m.Orders.Clear();
        for (var p = 0; p < 4; p++)
        {
            m.Recipes[p].Rate = d.Rate[p];
            for (var t = 0; t < 3; t++)
                if (d.Demand[p, t] > 0)
                    m.Forecasts.Add(new Forecast { ProductId = Ids[p], SiteId = "S", Start = Day(t), End = Day(t + 1), Quantity = d.Demand[p, t] });
        }
        foreach (var c in m.Changeovers)
        {
            int a = Array.IndexOf(Ids, c.FromProductId), b = Array.IndexOf(Ids, c.ToProductId);
            c.Hours = d.Hours[a, b];
            c.Cost = d.Cost[a, b];
        }
        return m;
    }

    /// <summary>
    /// The bounds the engine reports - the LP relaxation (with the demand-tightened set-up links) and
    /// the set-up MIP's bound - never exceed the brute-force optimum, and the engine still finds it.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Lower_bounds_never_exceed_the_brute_force_optimum_on_random_instances(int seed)
    {
        var d = RandomData(seed);
        var best = Optimum(d);
        var model = RandomModel(d);

        var inst = SolverEngine.Planning.Internal.Instance.InstanceBuilder.Build(model);
        var coordinator = new SolverEngine.Planning.Coordination.Coordinator(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new SolverEngine.Planning.Sequencing.PortfolioSequencer(), new SolverEngine.Planning.Coordination.CoordinatorSettings());
        var relax = ClpLpSolver.Instance.Solve(coordinator.Model.Build(null, []));
        Assert.True(relax.HasSolution);
        Assert.True(relax.Objective <= best + 1e-6 * Math.Max(1, best), $"LP bound {relax.Objective} > optimum {best}");
        var mip = coordinator.RunSetupMip([], [], null, rounds: 5, default);
        Assert.True(mip.LowerBound <= best + 1e-6 * Math.Max(1, best), $"set-up MIP bound {mip.LowerBound} > optimum {best}");

        var r = SolveVerified(model, Options(60));
        Assert.Equal(best, r.Objective, 4);
        Assert.True(r.LowerBound <= best + 1e-6 * Math.Max(1, best));
    }

    /// <summary>
    /// Cut management keeps the cuts valid and the answer exact: with cuts retired after a single
    /// slack round (the most aggressive aging) and shared across buckets, every cut the loop ever
    /// made - separated, shared, retired or still active - holds for every executable schedule of its
    /// line (every order of every subset in every bucket, the state carried, hours within the day),
    /// and the engine still reaches the brute-force optimum with a bound below it.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Managed_cuts_never_cut_off_an_executable_schedule_and_the_optimum_is_kept(int seed)
    {
        var d = RandomData(seed);
        var best = Optimum(d);
        var model = RandomModel(d);

        var inst = SolverEngine.Planning.Internal.Instance.InstanceBuilder.Build(model);
        var settings = new SolverEngine.Planning.Coordination.CoordinatorSettings { CutMaxSlackRounds = 1, ExactMaxSetups = 0, Deterministic = true, Seed = 1 };
        using var coordinator = new SolverEngine.Planning.Coordination.Coordinator(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new SolverEngine.Planning.Sequencing.PortfolioSequencer(), settings);
        var run = coordinator.Run(null, default);
        var made = coordinator.CutPool.Made;
        Assert.True(run.LowerBound <= best + 1e-6 * Math.Max(1, best), $"bound {run.LowerBound} > optimum {best}");

        for (var l = 0; l < 2; l++)
        {
            var line = inst.Lines[l];
            var lineCuts = made.Where(c => c.Line == l).ToList();
            foreach (var (sets, hours, cost) in ExecutableSchedules(l, l == 0 ? 0 : -1, d.Hours, d.Cost))
                foreach (var cut in lineCuts)
                {
                    var t = cut.Bucket;
                    var inSet = cut.Positions.Count(i => sets[t].Contains(Array.IndexOf(Ids, inst.Products[line.Products[i]].Id)));
                    var activity = inSet - cut.Positions.Length + 1;
                    var value = cut.Kind == SolverEngine.Planning.Aggregate.SetupCutKind.Hours ? hours[t] : cost[t];
                    Assert.True(value >= cut.Bound * activity - 1e-9,
                        $"{cut.Kind} cut {cut.Bound} on line {l} bucket {t} cuts off an executable schedule ({value} with {inSet} of {cut.Positions.Length} set up)");
                }
        }

        var options = Options(60);
        options.Parameters["cuts.max_slack_rounds"] = "1";
        var r = SolveVerified(model, options);
        Assert.Equal(best, r.Objective, 4);
        Assert.True(r.LowerBound <= best + 1e-6 * Math.Max(1, best));
    }

    /// <summary>Every order of every subset in every bucket of a line, state carried, changeover hours within the day: sets, hours and cost per bucket.</summary>
    private static IEnumerable<(HashSet<int>[] Sets, double[] Hours, double[] Cost)> ExecutableSchedules(int line, int initial, double[,] hours, double[,] cost)
    {
        var prods = LineProducts[line];
        int[][] options = [[], [prods[0]], [prods[1]], [prods[0], prods[1]], [prods[1], prods[0]]];
        foreach (var o0 in options)
            foreach (var o1 in options)
                foreach (var o2 in options)
                {
                    var orders = new[] { o0, o1, o2 };
                    var state = initial;
                    var h = new double[3];
                    var c = new double[3];
                    for (var t = 0; t < 3; t++)
                        foreach (var p in orders[t])
                        {
                            if (state >= 0 && state != p) { h[t] += hours[state, p]; c[t] += cost[state, p]; }
                            state = p;
                        }
                    if (h.Any(x => x > 24)) continue;
                    yield return (orders.Select(o => o.ToHashSet()).ToArray(), h, c);
                }
    }
}
