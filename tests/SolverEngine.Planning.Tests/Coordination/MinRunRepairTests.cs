using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// The repair of a pattern whose fixed set-up LP is infeasible on minimum runs drops the lots the
/// elastic LP finds short of their minimum, not the lower-valued half of all lots (on generated L that
/// halving dropped seven of eight lots with a minimum run, most of the plan's production).
/// </summary>
public class MinRunRepairTests
{
    /// <summary>
    /// One day on one line that starts set up for Y (so every lot starts with a changeover): A-D have
    /// minimum runs of 20, Z of 100, and Z is made from material M of which only 50 are in stock (none
    /// can be bought). The line's hours fit all five lots (so the sequencing keeps them), but Z's minimum
    /// run cannot be made; without Z the pattern runs. (Halving by value would drop A and B first, then
    /// C and D, and keep Z until the last.)
    /// </summary>
    private static PlanningModel OneDayTooManyMinimums()
    {
        var model = new PlanningModel
        {
            Name = "min-runs",
            Horizon = Days(1),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L", SiteId = "S", InitialProductId = "Y" } },
            Materials = { new Material { Id = "M" } },
            InitialInventory = { new InitialInventory { SiteId = "S", MaterialId = "M", Quantity = 50 } },
            Changeovers = { new Changeover { Hours = 0.5, Cost = 1 } },
        };
        model.Products.Add(new Product { Id = "Y", HoldingCost = 0.1 });
        model.Recipes.Add(new Recipe { Id = "RY", ProductId = "Y", LineId = "L", Rate = 10, VariableCost = 1 });
        foreach (var (id, minRun) in new[] { ("A", 20.0), ("B", 20.0), ("C", 20.0), ("D", 20.0), ("Z", 100.0) })
        {
            model.Products.Add(new Product { Id = id, HoldingCost = 0.1, BacklogCost = 5, LostSaleCost = 10 });
            var recipe = new Recipe { Id = "R" + id, ProductId = id, LineId = "L", Rate = 10, VariableCost = 1, MinRunQuantity = minRun };
            if (id == "Z") recipe.Inputs.Add(new RecipeInput { MaterialId = "M", QuantityPerUnit = 1 });
            model.Recipes.Add(recipe);
            model.Forecasts.Add(new Forecast { ProductId = id, SiteId = "S", Start = Day(0), End = Day(1), Quantity = 200 });
        }
        return model;
    }

    [Fact]
    public void Only_the_lot_that_cannot_make_its_minimum_is_dropped()
    {
        var model = OneDayTooManyMinimums();
        var inst = InstanceBuilder.Build(model);
        using var coordinator = new Coordinator(inst, ClpLpSolver.Instance, CbcMipSolver.Instance, new PortfolioSequencer(),
            new CoordinatorSettings { TimeLimit = TimeSpan.FromSeconds(20), Seed = 1, ExactMaxSetups = 0 });
        var line = inst.Lines.Single();
        // every product set up, and a relaxation point that makes at least the minimum of each (so the first
        // round, which drops lots the relaxation made less than their minimum, drops none)
        var pattern = new[] { new IReadOnlyList<int>[] { line.Products.Where(p => inst.Products[p].Id != "Y").ToList() } };
        var relax = new double[coordinator.Model.Build(null, []).VariableCount];
        foreach (var r in inst.Recipes.Where(r => r.Id != "RY")) relax[coordinator.Model.X[r.Index][0]] = 200;

        var plan = coordinator.Evaluate(pattern, relax, null, CancellationToken.None);

        Assert.NotNull(plan);
        var made = plan.Schedule.Buckets[0][0].Order.Select(p => inst.Products[p].Id).Order().ToArray();
        Assert.Equal(["A", "B", "C", "D"], made);
        foreach (var r in inst.Recipes.Where(r => r.Id is not ("RZ" or "RY")))
            Assert.True(coordinator.Quantity(plan.Values, r.Index, 0) >= 20 - 1e-6, $"{r.Id} below its minimum run");
        AssertVerified(model, new PlanBuilder(inst, coordinator.Model).Build(plan), plan.Objective);
    }
}
