using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>
/// Validity of what the LP is told about changeovers, proven by brute force: for every product set
/// S, the LP's changeover bound and every sequencing cut on S are at most the least changeover of
/// any order of any superset of S, from any state the bucket can start in.
/// </summary>
public class CutValidityTests
{
    private static PlanningModel Line(int seed, bool perBucket, int days = 2)
    {
        var rng = new Random(seed);
        var m = new PlanningModel
        {
            Name = "cuts",
            Horizon = Days(days),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L", SiteId = "S", InitialProductId = perBucket ? "" : "P1", SetupPerBucket = perBucket } },
        };
        for (var p = 0; p < 5; p++)
        {
            m.Products.Add(new Product { Id = $"P{p}" });
            m.Recipes.Add(new Recipe { Id = $"R{p}", ProductId = $"P{p}", LineId = "L", Rate = 10 });
        }
        for (var a = 0; a < 5; a++)
        {
            if (perBucket) m.Changeovers.Add(new Changeover { ToProductId = $"P{a}", Hours = rng.Next(0, 6), Cost = rng.Next(0, 50) });
            for (var b = 0; b < 5; b++)
                if (a != b)
                    m.Changeovers.Add(rng.NextDouble() < 0.15
                        ? new Changeover { FromProductId = $"P{a}", ToProductId = $"P{b}", Forbidden = true }
                        : new Changeover { FromProductId = $"P{a}", ToProductId = $"P{b}", Hours = rng.Next(0, 9), Cost = rng.Next(0, 100) });
        }
        return m;
    }

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length == 0 ? [[]] : items.SelectMany((x, i) => Permutations(items.Where((_, k) => k != i).ToArray()).Select(t => (int[])[x, .. t]));

    /// <summary>Least hours / cost of any allowed order of <paramref name="set"/> from <paramref name="state"/>.</summary>
    private static (double Hours, double Cost) Best(LineInfo line, int[] set, int state)
    {
        double h = double.PositiveInfinity, c = double.PositiveInfinity;
        foreach (var order in Permutations(set))
        {
            double oh = 0, oc = 0;
            var s = state;
            var ok = true;
            foreach (var p in order)
            {
                if (line.Into(s, p) is { } e)
                {
                    if (e.Forbidden) { ok = false; break; }
                    oh += e.Hours;
                    oc += e.Cost;
                }
                s = p;
            }
            if (!ok) continue;
            h = Math.Min(h, oh);
            c = Math.Min(c, oc);
        }
        return (h, c);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Changeover_bounds_and_cuts_never_exceed_any_executable_order(int seed, bool perBucket)
    {
        var inst = InstanceBuilder.Build(Line(seed, perBucket));
        var line = inst.Lines[0];
        var gen = new CutGenerator(inst, new PortfolioSequencer(), SequencingOptions.Default);
        var n = line.Products.Length;
        for (var t = 0; t < inst.T; t++)
        {
            var (kind, known) = LineStarts.BoundKind(inst, 0, t);
            // states the bucket may start in: the known one, or (unknown) clean or any product
            var states = kind == ChangeoverBounds.StartKind.Unknown ? Enumerable.Range(-1, n + 1).ToArray() : [known];
            var (hc, hk) = ChangeoverBounds.Hours(line, kind, known);
            var (cc, ck) = ChangeoverBounds.Cost(line, kind, known);
            for (var mask = 1; mask < 1 << n; mask++)
            {
                var set = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToArray();
                var cutH = gen.Bound(0, t, set, SetupCutKind.Hours, default);
                var cutC = gen.Bound(0, t, set, SetupCutKind.Cost, default);
                for (var super = mask; super < 1 << n; super = (super + 1) | mask)
                {
                    var sup = Enumerable.Range(0, n).Where(i => (super & (1 << i)) != 0).ToArray();
                    foreach (var s in states)
                    {
                        var (h, c) = Best(line, sup.Select(i => line.Products[i]).ToArray(), s);
                        if (double.IsPositiveInfinity(h)) continue; // no executable order: nothing to cut off
                        Assert.True(cutH <= h + 1e-9, $"hours cut {cutH} on {{{string.Join(",", set)}}} exceeds {h} of superset {{{string.Join(",", sup)}}} from state {s}");
                        Assert.True(cutC <= c + 1e-9, $"cost cut {cutC} on {{{string.Join(",", set)}}} exceeds {c} of superset {{{string.Join(",", sup)}}} from state {s}");
                        if (super == mask)
                        {
                            Assert.True(set.Sum(i => hc[i]) - hk <= h + 1e-9, $"LP hours bound exceeds {h} on {{{string.Join(",", set)}}} from {s}");
                            Assert.True(set.Sum(i => cc[i]) - ck <= c + 1e-9, $"LP cost bound exceeds {c} on {{{string.Join(",", set)}}} from {s}");
                        }
                    }
                    if (super == (1 << n) - 1) break;
                }
            }
        }
    }

    /// <summary>
    /// Cuts shared across buckets (<see cref="CutPool.Share"/>) are as valid as separated ones: every
    /// cut of every bucket and set, shared to every bucket it may go to (an LP point that violates
    /// every copy), is checked by brute force in the bucket it lands in, against every superset and
    /// every state that bucket can start from. Four day buckets: the first starts from a known
    /// state, the others from an unknown one (or all clean, on setup_per_bucket lines).
    /// </summary>
    [Theory]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    public void Cuts_shared_across_buckets_never_exceed_any_executable_order_in_the_bucket_they_land_in(int seed, bool perBucket)
    {
        var inst = InstanceBuilder.Build(Line(seed, perBucket, days: 4));
        var line = inst.Lines[0];
        var n = line.Products.Length;
        var gen = new CutGenerator(inst, new PortfolioSequencer(), SequencingOptions.Default);
        var model = new AggregateModel(inst);
        var lp = model.Build(null, []);
        // a point that violates every copy: everything set up, no changeover hours or cost
        var point = new double[lp.VariableCount];
        for (var t = 0; t < inst.T; t++)
            for (var i = 0; i < n; i++) point[model.Y[0][i][t]] = 1;
        var pool = new CutPool(inst, model, gen);
        var cuts = new List<SetupCut>();
        var keys = new HashSet<string>();
        var shared = 0;
        for (var t = 0; t < inst.T; t++)
            for (var mask = 1; mask < 1 << n; mask++)
            {
                var set = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToArray();
                foreach (var kind in new[] { SetupCutKind.Hours, SetupCutKind.Cost })
                {
                    if (CutPool.RowBound(gen.Bound(0, t, set, kind, default), kind, line.AvailableHours[t]) is not { } bound) continue;
                    var key = CutPool.Key(0, t, kind, set);
                    if (!keys.Add(key)) continue;
                    var cut = new SetupCut(0, t, set, kind, bound);
                    cuts.Add(cut);
                    pool.Added(cut);
                    shared += pool.Share([cut], point, cuts, keys, default);
                }
            }
        Assert.True(shared > 0, "no cut was shared: the test would prove nothing");
        Assert.Equal(cuts.Count, pool.Made.Count);
        foreach (var cut in pool.Made) AssertNoExecutableOrderViolates(inst, cut);
    }

    /// <summary>
    /// Brute force: the cut's row holds for every allowed order of every superset of its set, from
    /// every state its bucket may start in, with the true hours (or cost) of that order; where no
    /// order of the set itself exists, the row may forbid the set only through hours the bucket does
    /// not have.
    /// </summary>
    internal static void AssertNoExecutableOrderViolates(PlanningInstance inst, SetupCut cut)
    {
        var line = inst.Lines[cut.Line];
        var n = line.Products.Length;
        var (kind, known) = LineStarts.BoundKind(inst, cut.Line, cut.Bucket);
        var states = kind == ChangeoverBounds.StartKind.Unknown ? Enumerable.Range(-1, n + 1).Select(i => i < 0 ? -1 : line.Products[i]).ToArray() : [known];
        var mask = cut.Positions.Aggregate(0, (m, i) => m | (1 << i));
        for (var super = mask; super < 1 << n; super = (super + 1) | mask)
        {
            var sup = Enumerable.Range(0, n).Where(i => (super & (1 << i)) != 0).Select(i => line.Products[i]).ToArray();
            foreach (var s in states)
            {
                var (h, c) = Best(line, sup, s);
                if (double.IsPositiveInfinity(h)) continue; // no executable order: nothing to cut off
                var value = cut.Kind == SetupCutKind.Hours ? h : c;
                if (cut.Kind == SetupCutKind.Hours && h > line.AvailableHours[cut.Bucket]) continue; // does not fit the bucket: not executable
                Assert.True(cut.Bound <= value + 1e-9,
                    $"{cut.Kind} cut {cut.Bound} on {{{string.Join(",", cut.Positions)}}} in bucket {cut.Bucket} exceeds {value} of superset {{{string.Join(",", sup)}}} from state {s}");
            }
            if (super == (1 << n) - 1) break;
        }
    }
}
