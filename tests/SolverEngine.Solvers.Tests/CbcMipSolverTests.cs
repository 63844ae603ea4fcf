namespace SolverEngine.Solvers.Tests;

public class CbcMipSolverTests
{
    private const double Tol = 1e-6;

    /// <summary>0/1 knapsack, values 60/100/120, weights 10/20/30, capacity 50: take items 2 and 3 for 220.</summary>
    [Fact]
    public void Textbook_knapsack_has_optimum_220()
    {
        var m = new LinearModel { Sense = ObjectiveSense.Maximize };
        var a = m.AddBinary(60);
        var b = m.AddBinary(100);
        var c = m.AddBinary(120);
        m.AddLessOrEqual(10 * a + 20 * b + 30 * c, 50);

        var result = CbcMipSolver.Instance.Solve(m);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.True(result.HasSolution);
        Assert.Equal(220, result.Objective, Tol);
        Assert.Equal(0, result.Value(a), Tol);
        Assert.Equal(1, result.Value(b), Tol);
        Assert.Equal(1, result.Value(c), Tol);
        Assert.Equal(220, result.BestBound, Tol);
        Assert.Equal(0, result.RelativeGap, Tol);
    }

    [Fact]
    public void Threads_gap_and_presolve_options_reach_the_same_optimum()
    {
        var (model, _) = Knapsack([10, 13, 18, 31, 7, 15, 22, 9], [11, 15, 20, 35, 10, 33, 21, 12], 47);
        var plain = CbcMipSolver.Instance.Solve(model);

        var tuned = CbcMipSolver.Instance.Solve(model, new SolverOptions { Threads = 2, RelativeGap = 0, Presolve = false, TimeLimit = TimeSpan.FromMinutes(1) });

        Assert.Equal(SolveStatus.Optimal, plain.Status);
        Assert.Equal(SolveStatus.Optimal, tuned.Status);
        Assert.Equal(plain.Objective, tuned.Objective, Tol);
        // Optimum 45 = 10 + 13 + 22 (weights 11 + 15 + 21 = 47, the capacity exactly).
        Assert.Equal(45, plain.Objective, Tol);
    }

    /// <summary>
    /// Cbc 2.10 gives Cgl's preprocessing the time left, and a limit running out inside it killed the
    /// process (null dereference in CglPreProcess::preProcessNonDefault; about one sweep in three on this
    /// model hit the window before the fix). Limits from 2 ms to 0.2 s, twice: every solve returns, and
    /// every plan it returns meets the model.
    /// </summary>
    [Fact]
    public void A_time_limit_that_ends_inside_preprocessing_does_not_crash_the_process()
    {
        var (model, check) = LotSizing(products: 40, periods: 30, seed: 1);
        for (var pass = 0; pass < 2; pass++)
        {
            for (var ms = 2; ms <= 200; ms += 3)
            {
                var r = CbcMipSolver.Instance.Solve(model, new SolverOptions { TimeLimit = TimeSpan.FromMilliseconds(ms) });
                Assert.Contains(r.Status, new[] { SolveStatus.TimeLimit, SolveStatus.Optimal });
                if (r.HasSolution) Assert.Null(check(r));
            }
        }
    }

    /// <summary>
    /// A capacitated lot-sizing MIP (production, set-up binaries with big-M linking, stock, capacity per
    /// period with set-up time) and a check of a solution against it (null when it holds).
    /// </summary>
    private static (LinearModel Model, Func<MipResult, string?> Check) LotSizing(int products, int periods, int seed)
    {
        var rng = new Random(seed);
        var m = new LinearModel("lot-sizing");
        var x = new Variable[products, periods];
        var y = new Variable[products, periods];
        var s = new Variable[products, periods];
        var demand = new double[products, periods];
        const double bigM = 1000, capacity = 40, setupTime = 10;
        for (var p = 0; p < products; p++)
            for (var t = 0; t < periods; t++)
            {
                x[p, t] = m.AddVariable(0, bigM, rng.Next(1, 5));
                y[p, t] = m.AddBinary(rng.Next(50, 300));
                s[p, t] = m.AddVariable(0, double.PositiveInfinity, 1);
                demand[p, t] = rng.Next(0, 60);
            }
        for (var p = 0; p < products; p++)
            for (var t = 0; t < periods; t++)
            {
                LinearExpression balance = x[p, t] - s[p, t];
                if (t > 0) balance = balance + s[p, t - 1];
                m.AddEquality(balance, demand[p, t]);
                m.AddLessOrEqual(x[p, t] - bigM * (LinearExpression)y[p, t], 0);
            }
        for (var t = 0; t < periods; t++)
        {
            LinearExpression load = 0;
            for (var p = 0; p < products; p++) load = load + x[p, t] + setupTime * (LinearExpression)y[p, t];
            m.AddLessOrEqual(load, products * capacity);
        }

        string? Check(MipResult r)
        {
            for (var t = 0; t < periods; t++)
            {
                var load = 0.0;
                for (var p = 0; p < products; p++)
                {
                    var balance = r.Value(x[p, t]) - r.Value(s[p, t]) + (t > 0 ? r.Value(s[p, t - 1]) : 0);
                    if (Math.Abs(balance - demand[p, t]) > 1e-5) return $"balance of product {p} in period {t}: {balance} != {demand[p, t]}";
                    if (r.Value(x[p, t]) > bigM * r.Value(y[p, t]) + 1e-5) return $"product {p} made in period {t} without a set-up";
                    if (Math.Abs(r.Value(y[p, t]) - Math.Round(r.Value(y[p, t]))) > 1e-6) return $"set-up of product {p} in period {t} is fractional";
                    load += r.Value(x[p, t]) + setupTime * r.Value(y[p, t]);
                }
                if (load > products * capacity + 1e-5) return $"period {t} over capacity: {load}";
            }
            return null;
        }
        return (m, Check);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_knapsack_matches_brute_force(int seed)
    {
        var random = new Random(seed);
        const int n = 14;
        var values = Enumerable.Range(0, n).Select(_ => random.Next(1, 100)).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => random.Next(1, 60)).ToArray();
        var capacity = weights.Sum() / 3;
        var best = 0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            int v = 0, w = 0;
            for (var i = 0; i < n; i++)
            {
                if ((mask >> i & 1) != 0)
                {
                    v += values[i];
                    w += weights[i];
                }
            }

            if (w <= capacity && v > best)
            {
                best = v;
            }
        }

        var (model, items) = Knapsack(values, weights, capacity);
        var result = CbcMipSolver.Instance.Solve(model);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(best, result.Objective, Tol);
        Assert.True(items.Sum(i => weights[i.Index] * result.Value(i)) <= capacity + Tol);
    }

    internal static (LinearModel Model, Variable[] Items) Knapsack(int[] values, int[] weights, int capacity)
    {
        var m = new LinearModel { Sense = ObjectiveSense.Maximize };
        var items = values.Select(v => m.AddBinary(v)).ToArray();
        m.AddRow(items.Select(i => i.Index).ToArray(), weights.Select(w => (double)w).ToArray(), double.NegativeInfinity, capacity);
        return (m, items);
    }

    [Fact]
    public void Integer_infeasible_mip_is_a_status()
    {
        // 2x + 2y = 3 has LP solutions but no integer one.
        var m = new LinearModel();
        var x = m.AddVariable(0, 10, 1, isInteger: true);
        var y = m.AddVariable(0, 10, 1, isInteger: true);
        m.AddEquality(2 * x + 2 * y, 3);

        var result = CbcMipSolver.Instance.Solve(m);

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void Lp_infeasible_mip_is_a_status()
    {
        var m = new LinearModel();
        var x = m.AddVariable(0, 10, 1, isInteger: true);
        m.AddGreaterOrEqual(x, 11);

        var result = CbcMipSolver.Instance.Solve(m);

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void Unbounded_mip_is_reported_as_infeasible_or_unbounded()
    {
        var m = new LinearModel { Sense = ObjectiveSense.Maximize };
        var x = m.AddVariable(0, double.PositiveInfinity, 1, isInteger: true);
        var y = m.AddVariable(0, double.PositiveInfinity, 1, isInteger: true);
        m.AddGreaterOrEqual(x - y, 1);

        var result = CbcMipSolver.Instance.Solve(m);

        Assert.Equal(SolveStatus.InfeasibleOrUnbounded, result.Status);
        Assert.False(result.HasSolution);
    }

    [Fact]
    public void Small_atsp_as_mtz_mip_matches_brute_force()
    {
        // 6 cities, asymmetric distances; brute force over the 5! tours starting at city 0.
        var random = new Random(7);
        const int n = 6;
        var d = new int[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : random.Next(1, 50);
            }
        }

        var best = int.MaxValue;
        foreach (var perm in Permutations([1, 2, 3, 4, 5]))
        {
            best = Math.Min(best, Atsp.TourLength([0, .. perm], d));
        }

        var (model, _) = Atsp.Mtz(d);
        var result = CbcMipSolver.Instance.Solve(model);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(best, result.Objective, Tol);
    }

    [Fact]
    public void Mip_start_is_accepted_as_the_incumbent()
    {
        // ftv33 (34 cities) as an MTZ MIP with no search at all (no nodes, heuristics, cuts or preprocessing): without a start
        // Cbc has no solution; with the start (the identity tour) its incumbent is exactly that tour.
        var d = Atsp.Read(Path.Combine(Atsp.InstanceDirectory, "ftv33.atsp"));
        var n = d.GetLength(0);
        var (model, x) = Atsp.Mtz(d);
        var tour = Enumerable.Range(0, n).ToArray();
        var options = new SolverOptions
        {
            Parameters = new Dictionary<string, string> { ["maxNodes"] = "0", ["heuristics"] = "off", ["cuts"] = "off", ["feas"] = "off", ["preprocess"] = "off" },
        };

        var without = CbcMipSolver.Instance.Solve(model, options);
        var with = CbcMipSolver.Instance.Solve(model, options, Atsp.Start(tour, x, n));

        Assert.False(without.HasSolution, $"expected no incumbent without a start, got {without}");
        Assert.True(with.HasSolution, with.ToString());
        Assert.Equal(Atsp.TourLength(tour, d), with.Objective, Tol);
        for (var k = 0; k < n; k++)
        {
            Assert.Equal(1, with.Value(x[tour[k], tour[(k + 1) % n]]), Tol);
        }
    }

    [Fact]
    public void Mip_start_with_an_unknown_variable_is_rejected()
    {
        var (model, _) = Knapsack([1, 2], [1, 1], 1);
        var start = new MipStart().Set(new Variable(5), 1);
        Assert.Throws<ArgumentException>(() => CbcMipSolver.Instance.Solve(model, start: start));
    }

    [Fact]
    public void Continuous_model_through_cbc_is_solved_as_an_lp()
    {
        var (model, x, y, _) = ClpLpSolverTests.Wyndor();

        var result = CbcMipSolver.Instance.Solve(model);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(36, result.Objective, Tol);
        Assert.Equal(2, result.Value(x), Tol);
        Assert.Equal(6, result.Value(y), Tol);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, k) => k != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
