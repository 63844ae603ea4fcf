using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// Growing a held plan (<c>Coordinator.Grow</c>): more production where it still fits in time, the
/// held plan's quantities where it does not, never less anywhere.
/// </summary>
public class GrowTests
{
    /// <summary>
    /// Two days on two lines of one site that share a palletizer (capacity 1) for every run. Both lines
    /// start set up for Y, so each bucket's first lot starts after an hour's changeover (not on the
    /// palletizer). A and B are each wanted 240 a day (rate 10/h). On day 0 both lines run: grown to
    /// what the line and palletizer hours allow, the second run waits for the palletizer past the day's
    /// end. On day 1 only line LA runs (already set up for A), alone on the palletizer.
    /// </summary>
    private static PlanningModel TwoLinesOnePalletizer()
    {
        var model = new PlanningModel
        {
            Name = "grow",
            Horizon = Days(2),
            Sites = { new Site { Id = "S" } },
            Lines =
            {
                new Line { Id = "LA", SiteId = "S", InitialProductId = "Y" },
                new Line { Id = "LB", SiteId = "S", InitialProductId = "Y" },
            },
            SharedAssets = { new SharedAsset { Id = "P", SiteId = "S", Name = "palletizer", Capacity = 1 } },
            Changeovers = { new Changeover { Hours = 1, Cost = 1 } },
        };
        model.Products.Add(new Product { Id = "Y", HoldingCost = 0.1 });
        foreach (var (id, line) in new[] { ("A", "LA"), ("B", "LB") })
        {
            model.Products.Add(new Product { Id = id, HoldingCost = 0.1, BacklogCost = 5, LostSaleCost = 10 });
            model.Recipes.Add(new Recipe { Id = "R" + id, ProductId = id, LineId = line, Rate = 10, VariableCost = 1, AssetIds = { "P" } });
            for (var d = 0; d < 2; d++)
                model.Forecasts.Add(new Forecast { ProductId = id, SiteId = "S", Start = Day(d), End = Day(d + 1), Quantity = 240 });
        }
        return model;
    }

    [Fact]
    public void A_bucket_that_does_not_fit_keeps_the_held_quantities_and_the_others_grow()
    {
        var model = TwoLinesOnePalletizer();
        var inst = InstanceBuilder.Build(model);
        using var coordinator = new Coordinator(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer(),
            new CoordinatorSettings { TimeLimit = TimeSpan.FromSeconds(20), Seed = 1, ExactMaxSetups = 0 });
        int Product(string id) => Array.FindIndex(inst.Products, p => p.Id == id);
        int Recipe(string id) => Array.FindIndex(inst.Recipes, r => r.Id == id);
        var (la, lb) = (Array.FindIndex(inst.Lines, l => l.Id == "LA"), Array.FindIndex(inst.Lines, l => l.Id == "LB"));
        var pattern = new IReadOnlyList<int>[2][];
        pattern[la] = [[Product("A")], [Product("A")]];
        pattern[lb] = [[Product("B")], []];
        // the held plan: every run capped at 50 (5 h), which fits on both days
        void CapAt50(LinearModel lm, SetupFixing _)
        {
            foreach (var r in inst.Recipes)
                foreach (var x in coordinator.Model.X[r.Index])
                    if (x >= 0) lm.SetBounds(new Variable(x), 0, Math.Min(50, lm.UpperBound(new Variable(x))));
        }
        var held = coordinator.Evaluate(pattern, null, null, CancellationToken.None, shape: CapAt50);
        Assert.NotNull(held);
        Assert.NotNull(held.Timed);
        Assert.Equal(50, coordinator.Quantity(held.Values, Recipe("RA"), 0), 6);
        Assert.Equal(50, coordinator.Quantity(held.Values, Recipe("RB"), 0), 6);
        Assert.Equal(50, coordinator.Quantity(held.Values, Recipe("RA"), 1), 6);

        var offered = new List<Candidate>();
        var grown = coordinator.Grow(held, offered.Add, CancellationToken.None);

        Assert.NotNull(grown);
        Assert.Equal([grown], offered);
        Assert.True(grown.Objective < held.Objective - 1, $"grown {grown.Objective} not cheaper than held {held.Objective}");
        // day 0 did not fit grown (the palletizer's second run would end past midnight): the held plan's quantities
        Assert.Equal(50, coordinator.Quantity(grown.Values, Recipe("RA"), 0), 6);
        Assert.Equal(50, coordinator.Quantity(grown.Values, Recipe("RB"), 0), 6);
        // day 1: line LA alone grows
        Assert.True(coordinator.Quantity(grown.Values, Recipe("RA"), 1) > 200, $"day 1 A: {coordinator.Quantity(grown.Values, Recipe("RA"), 1)}");
        foreach (var r in inst.Recipes)
            for (var t = 0; t < inst.T; t++)
                Assert.True(coordinator.Quantity(grown.Values, r.Index, t) >= coordinator.Quantity(held.Values, r.Index, t) - 1e-6, $"{r.Id} day {t} shrank");
        AssertVerified(model, new PlanBuilder(inst, coordinator.Model).Build(held), held.Objective);
        AssertVerified(model, new PlanBuilder(inst, coordinator.Model).Build(grown), grown.Objective);
    }
}
