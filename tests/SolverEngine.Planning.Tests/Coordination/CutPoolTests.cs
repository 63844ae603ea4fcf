using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// Cut management rules of <see cref="CutPool"/> on hand-made LP points: slack cuts age out after
/// the set number of rounds, binding ones stay, and a cut binding in the relaxation that gave the
/// reported bound is never retired while that relaxation is the one proving the bound.
/// </summary>
public class CutPoolTests
{
    private static (PlanningInstance Inst, AggregateModel Model, CutPool Pool, int Vars) Setup(int maxSlackRounds)
    {
        var m = new PlanningModel
        {
            Name = "pool",
            Horizon = Days(2),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L", SiteId = "S", InitialProductId = "P0" } },
        };
        for (var p = 0; p < 3; p++)
        {
            m.Products.Add(new Product { Id = $"P{p}" });
            m.Recipes.Add(new Recipe { Id = $"R{p}", ProductId = $"P{p}", LineId = "L", Rate = 10 });
        }
        m.Changeovers.Add(new Changeover { Hours = 2, Cost = 10 });
        var inst = InstanceBuilder.Build(m);
        var model = new AggregateModel(inst);
        var vars = model.Build(null, []).VariableCount;
        return (inst, model, new CutPool(inst, model, new CutGenerator(inst, new PortfolioSequencer(), SequencingOptions.Default), maxSlackRounds), vars);
    }

    /// <summary>A point of bucket 1 with every product set up and <paramref name="hours"/> of changeover.</summary>
    private static double[] Point(AggregateModel model, int vars, double hours)
    {
        var v = new double[vars];
        for (var i = 0; i < model.Y[0].Length; i++) v[model.Y[0][i][1]] = 1;
        v[model.Co[0][1]] = hours;
        return v;
    }

    [Fact]
    public void A_slack_cut_leaves_after_the_set_rounds_a_pinned_one_stays_until_a_later_bound_releases_it()
    {
        var (_, model, pool, vars) = Setup(maxSlackRounds: 2);
        var binding = new SetupCut(0, 1, [0, 1], SetupCutKind.Hours, 10); // 10 * (1 + 1 - 2 + 1) = 10: binding at 10 h
        var slack = new SetupCut(0, 1, [0], SetupCutKind.Hours, 4);
        var cuts = new List<SetupCut> { binding, slack };
        var keys = new HashSet<string> { CutPool.Key(0, 1, SetupCutKind.Hours, [0, 1]), CutPool.Key(0, 1, SetupCutKind.Hours, [0]) };

        pool.PinBinding(Point(model, vars, 10), cuts); // the relaxation that proves the bound: 10 h, the first cut binding
        Assert.Equal(0, pool.Age(Point(model, vars, 10), cuts, keys)); // the second cut is slack (10 > 4): one round
        Assert.Equal(1, pool.Age(Point(model, vars, 20), cuts, keys)); // both slack now: the unpinned one's second round, it leaves
        Assert.Equal([binding], cuts);
        Assert.DoesNotContain(CutPool.Key(0, 1, SetupCutKind.Hours, [0]), keys); // released: the separation may add it again

        for (var round = 0; round < 5; round++) Assert.Equal(0, pool.Age(Point(model, vars, 20), cuts, keys)); // pinned: never retired
        Assert.Equal([binding], cuts);

        pool.PinBinding(Point(model, vars, 30), cuts); // a later relaxation proves a higher bound; the cut is slack there
        Assert.Equal(0, pool.Age(Point(model, vars, 30), cuts, keys));
        Assert.Equal(1, pool.Age(Point(model, vars, 30), cuts, keys));
        Assert.Empty(cuts);
        Assert.Empty(keys);
        Assert.Equal(2, pool.Retired);
    }

    [Fact]
    public void A_cut_binding_again_is_young_again()
    {
        var (_, model, pool, vars) = Setup(maxSlackRounds: 2);
        var cut = new SetupCut(0, 1, [0, 1], SetupCutKind.Hours, 10);
        var cuts = new List<SetupCut> { cut };
        var keys = new HashSet<string> { CutPool.Key(0, 1, SetupCutKind.Hours, [0, 1]) };
        Assert.Equal(0, pool.Age(Point(model, vars, 20), cuts, keys)); // slack: 1
        Assert.Equal(0, pool.Age(Point(model, vars, 10), cuts, keys)); // binding: 0
        Assert.Equal(0, pool.Age(Point(model, vars, 20), cuts, keys)); // slack: 1
        Assert.Single(cuts);
        Assert.Equal(1, pool.Age(Point(model, vars, 20), cuts, keys)); // slack: 2 = the limit
        Assert.Empty(cuts);
    }
}
