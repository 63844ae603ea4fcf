using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>
/// Time fences and plan stability (model.proto <c>Horizon</c>, <c>Policy</c>): a re-solve with the
/// previous plan and an unchanged model returns the same plan; after one order grows, the re-solve
/// with the previous plan moves fewer slushy runs than a solve without it. Runs are counted by an
/// independent implementation of the Policy comment.
/// </summary>
public class PlanStabilityTests
{
    /// <summary>
    /// One line, 100/h round the clock (2,400 a day), 2,000 due every day from day 1 to day 5;
    /// day 0 frozen, days 1-3 slushy, days 4-5 liquid; a changed slushy run costs 1,000.
    /// </summary>
    internal static PlanningModel Daily(double lastOrder = 2000)
    {
        var m = new PlanningModel
        {
            Name = "daily fences",
            Horizon = Days(6),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L", SiteId = "S" } },
            Products = { new Product { Id = "A", HoldingCost = 0.01, BacklogCost = 3 } },
            Recipes = { new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 100, VariableCost = 0.1 } },
            Policy = new Policy { StabilityCost = 1000 },
        };
        m.Horizon.Frozen = Hours(24);
        m.Horizon.Slushy = Hours(4 * 24);
        for (var d = 1; d <= 5; d++)
            m.Orders.Add(new Order { Id = $"O{d}", ProductId = "A", SiteId = "S", Quantity = d == 5 ? lastOrder : 2000, Due = Day(d + 0.9) });
        return m;
    }

    private static SolveOptions Deterministic(double seconds = 30) => new()
    {
        TimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)),
        Deterministic = true,
    };

    /// <summary>Moved + added + removed, counted from the words of Policy.stability_cost.</summary>
    internal static (int Moved, int Added, int Removed) Changes(PlanningModel model, Plan previous, Plan next)
    {
        var start = model.Horizon.Start.ToDateTime();
        var from = start + (model.Horizon.Frozen?.ToTimeSpan() ?? TimeSpan.Zero);
        var to = start + (model.Horizon.Slushy?.ToTimeSpan() ?? TimeSpan.Zero);
        ILookup<(string, string), Run> Zone(Plan p) => p.Runs
            .Where(r => !r.Frozen && r.Start.ToDateTime() >= from && r.Start.ToDateTime() < to)
            .OrderBy(r => r.Start.ToDateTime())
            .ToLookup(r => (r.LineId, r.ProductId));
        var a = Zone(previous);
        var b = Zone(next);
        int moved = 0, added = 0, removed = 0;
        foreach (var key in a.Select(g => g.Key).Union(b.Select(g => g.Key)))
        {
            var pa = a[key].ToList();
            var pb = b[key].ToList();
            for (var i = 0; i < Math.Min(pa.Count, pb.Count); i++)
            {
                var x = pa[i];
                var y = pb[i];
                var differs = Math.Abs((x.Start.ToDateTime() - y.Start.ToDateTime()).TotalSeconds) > 1
                              || Math.Abs((x.End.ToDateTime() - y.End.ToDateTime()).TotalSeconds) > 1
                              || Math.Abs(x.Quantity - y.Quantity) > Math.Max(1e-6, 1e-6 * Math.Max(x.Quantity, y.Quantity));
                if (differs) moved++;
            }
            removed += Math.Max(0, pa.Count - pb.Count);
            added += Math.Max(0, pb.Count - pa.Count);
        }
        return (moved, added, removed);
    }

    private static void AssertSameRuns(Plan expected, Plan actual)
    {
        Assert.Equal(expected.Runs.Count, actual.Runs.Count);
        for (var i = 0; i < expected.Runs.Count; i++)
            Assert.Equal(expected.Runs[i], actual.Runs[i]); // protobuf value equality: every field, changeover included
    }

    [Fact]
    public void Resolve_with_the_previous_plan_and_an_unchanged_model_returns_the_same_plan()
    {
        var m = Daily();
        var first = SolveVerified(m, Deterministic());
        var again = m.Clone();
        again.PreviousPlan = first.Plan;
        var second = SolveVerified(again, Deterministic());
        AssertSameRuns(first.Plan, second.Plan);
        Assert.Equal((0, 0, 0), Changes(m, first.Plan, second.Plan));
        Assert.Equal(new PlanStability(), second.Plan.Kpis.Stability);
        Assert.Equal(0, second.Plan.Kpis.Costs.Stability);
        Assert.Equal(first.Objective, second.Objective, 6);
    }

    [Fact]
    public void After_one_order_grows_the_previous_plan_keeps_the_slushy_runs()
    {
        var first = SolveVerified(Daily(), Deterministic());
        Assert.Equal(3, Changes(Daily(), new Plan(), first.Plan).Added); // one run per slushy day

        // day 5 asks for 3,000: 600 more than the day makes
        var grown = Daily(lastOrder: 3000);
        var free = SolveVerified(grown, Deterministic());
        var freeChanges = Changes(grown, first.Plan, free.Plan);

        var stable = grown.Clone();
        stable.PreviousPlan = first.Plan;
        var kept = SolveVerified(stable, Deterministic());
        var keptChanges = Changes(grown, first.Plan, kept.Plan);

        // the free plan makes some of the extra on a slushy day; the stable one keeps those runs
        Assert.True(freeChanges.Moved + freeChanges.Added + freeChanges.Removed >= 1, $"free plan changes {freeChanges}: {string.Join("; ", free.Plan.Runs.Select(r => $"{r.Start} {r.End} {r.Quantity}"))} / first {string.Join("; ", first.Plan.Runs.Select(r => $"{r.Start} {r.End} {r.Quantity}"))} obj {free.Objective} {free.Plan.Kpis.Costs}");
        Assert.True(keptChanges.Moved + keptChanges.Added + keptChanges.Removed
                    < freeChanges.Moved + freeChanges.Added + freeChanges.Removed, $"kept {keptChanges} vs free {freeChanges}");
        // the plan reports its own counts and their cost exactly
        var s = kept.Plan.Kpis.Stability;
        Assert.Equal(keptChanges, ((int)s.RunsMoved, (int)s.RunsAdded, (int)s.RunsRemoved));
        Assert.Equal(1000.0 * (keptChanges.Moved + keptChanges.Added + keptChanges.Removed), kept.Plan.Kpis.Costs.Stability, 6);
        // without a previous plan nothing is counted
        Assert.Equal(new PlanStability(), free.Plan.Kpis.Stability);
    }

    [Fact]
    public void A_cheap_stability_weight_lets_the_plan_move()
    {
        // at 1 per run, moving a slushy run (2 days of holding on 200 units = 4) beats 200 units a day late (600)
        var first = SolveVerified(Daily(), Deterministic());
        var grown = Daily(lastOrder: 3000);
        grown.Policy.StabilityCost = 1;
        grown.PreviousPlan = first.Plan;
        var r = SolveVerified(grown, Deterministic());
        var c = Changes(grown, first.Plan, r.Plan);
        Assert.True(c.Moved + c.Added + c.Removed >= 1);
        Assert.Equal(c.Moved + c.Added + c.Removed, r.Plan.Kpis.Costs.Stability, 6);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Dairy_example_resolved_with_its_previous_plan_is_unchanged()
    {
        var m = ModelFiles.Load(Path.Combine(ExampleFileTests.ExamplesDir(), "dairy-cip.json"));
        var first = SolveVerified(m, Deterministic(20));
        var again = m.Clone();
        again.PreviousPlan = first.Plan;
        var second = SolveVerified(again, Deterministic(20));
        AssertSameRuns(first.Plan, second.Plan);
        Assert.Equal(new PlanStability(), second.Plan.Kpis.Stability);
    }
}
