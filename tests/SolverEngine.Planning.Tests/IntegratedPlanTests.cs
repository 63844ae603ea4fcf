using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>The product's promise: where the aggregate LP alone overloads a line, the integrated plan fits and delivers what it says.</summary>
public class IntegratedPlanTests
{
    /// <summary>One line, ten products with small daily demand, 2 h changeovers between any two.</summary>
    internal static PlanningModel ManySmallProducts()
    {
        var m = new PlanningModel
        {
            Name = "many-small",
            Horizon = Days(3),
            Sites = { new Site { Id = "S" } },
            Lines = { new Line { Id = "L", SiteId = "S" } },
            Changeovers = { new Changeover { Hours = 2, Cost = 50 } },
        };
        for (var i = 0; i < 10; i++)
        {
            var id = $"P{i}";
            m.Products.Add(new Product { Id = id, HoldingCost = 0.01, BacklogCost = 0.5, LostSaleCost = 20 });
            m.Recipes.Add(new Recipe { Id = "R" + id, ProductId = id, LineId = "L", Rate = 100, VariableCost = 1 });
            m.Forecasts.Add(new Forecast { ProductId = id, SiteId = "S", Start = Day(0), End = Day(3), Quantity = 300 });
        }
        return m;
    }

    [Fact]
    public void Aggregate_lp_alone_overloads_the_line_but_the_integrated_plan_fits()
    {
        var model = ManySmallProducts();

        // the aggregate LP without sequencing: what it plans per day needs more hours than the day has
        var inst = InstanceBuilder.Build(model);
        var agg = new AggregateModel(inst);
        var lp = ClpLpSolver.Instance.Solve(agg.Build(null, []));
        Assert.Equal(Solvers.SolveStatus.Optimal, lp.Status);
        var overloaded = false;
        for (var t = 0; t < inst.T; t++)
        {
            var made = inst.Recipes.Where(r => lp.Values[agg.X[r.Index][t]] > 1e-6).ToList();
            var hours = made.Sum(r => lp.Values[agg.X[r.Index][t]] * r.HoursPerUnit) + 2.0 * Math.Max(0, made.Count - 1);
            if (hours > inst.Lines[0].AvailableHours[t] + 1e-6) overloaded = true;
        }
        Assert.True(overloaded, "expected the relaxation to plan more products per day than changeovers allow");

        // the integrated plan: verified (capacity with real changeovers), and it delivers what it reports
        var r = SolveVerified(model);
        foreach (var line in r.Plan.Kpis.Lines) Assert.InRange(line.Utilisation, 0, 1 + 1e-9);
        var delivered = r.Plan.Deliveries.Sum(d => d.Quantity);
        var constrained = r.Plan.ConstrainedDemand.Sum(c => c.Constrained);
        Assert.True(delivered >= constrained - 1e-6);
        Assert.True(r.Plan.Runs.Count >= 3);
        Assert.True(r.LowerBound <= r.Objective + 1e-6);
    }
}

/// <summary>Line rules that only the sequenced plan can respect: state lost per bucket, lots per bucket, minimum runs, shifts.</summary>
public class LineRuleTests
{
    [Theory]
    [InlineData(true, null, 0.0)]
    [InlineData(false, 3, 0.0)]
    [InlineData(false, null, 250.0)]
    [InlineData(true, 4, 150.0)]
    public void Line_rules_hold_in_a_verified_plan(bool perBucket, int? maxRuns, double minRun)
    {
        var m = IntegratedPlanTests.ManySmallProducts();
        m.Lines[0].SetupPerBucket = perBucket;
        if (maxRuns is { } k) m.Lines[0].MaxRunsPerBucket = (uint)k;
        m.Lines[0].Calendar = new Calendar { HoursPerDay = 20, ShiftStart = Hours(5) };
        foreach (var r in m.Recipes) r.MinRunQuantity = minRun;
        var result = SolveVerified(m);
        Assert.NotEmpty(result.Plan.Runs);
        if (maxRuns is { } max)
            Assert.All(result.Plan.Runs.GroupBy(r => r.BucketIndex), g => Assert.True(g.Count() <= max + 1));
    }
}
