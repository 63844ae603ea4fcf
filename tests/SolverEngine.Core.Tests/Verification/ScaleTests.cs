using System.Diagnostics;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using Xunit.Abstractions;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class ScaleTests(ITestOutputHelper output)
{
    /// <summary>
    /// 20 lines x 90 DAY buckets x 4 runs a day (7,200 runs, 6,840 changeovers): a generated plan
    /// that is valid by construction is reported valid, and its changeover cost is exact. The time
    /// taken is written to the test output, never asserted.
    /// </summary>
    [Fact]
    public void Large_generated_plan_is_valid_and_costed_exactly()
    {
        const int lines = 20, days = 90;
        string[] products = ["A", "B", "C", "D"];
        var model = new PlanningModel
        {
            Horizon = new Horizon { Start = At(0, 0), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = days } } },
            Sites = { new Site { Id = "S" } },
            Changeovers = { new Changeover { Hours = 1, Cost = 3 } },
        };
        model.Products.Add(products.Select(p => new Product { Id = p, HoldingCost = 0.001 }));
        var plan = new Plan();
        for (var d = 0; d < days; d++)
        {
            plan.Buckets.Add(new Bucket { Index = (uint)d, Start = At(d, 0), End = At(d + 1, 0), Granularity = "DAY", Fence = "LIQUID" });
        }

        for (var l = 0; l < lines; l++)
        {
            var line = $"L{l}";
            model.Lines.Add(new Line { Id = line, SiteId = "S", InitialProductId = "A" });
            model.Recipes.Add(products.Select(p => new Recipe { Id = $"{line}-{p}", LineId = line, ProductId = p, Rate = 10, VariableCost = 0.5 }));
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < 4; k++)
                {
                    // A, B, C, D each day, 5 h each with 1 h changeover before every switch.
                    var from = k == 0 ? (d == 0 ? "A" : "D") : products[k - 1];
                    var changeover = from == products[k] ? null : new ChangeoverInfo { FromProductId = from, Hours = 1, Cost = 3 };
                    plan.Runs.Add(Run(line, products[k], "", d, 1 + 6 * k, d, 6 + 6 * k, 50, (uint)d, changeover));
                }
            }
        }

        var clock = Stopwatch.StartNew();
        var report = PlanVerifier.Verify(model, plan);
        clock.Stop();
        output.WriteLine($"Verified {plan.Runs.Count} runs in {clock.Elapsed.TotalMilliseconds:F0} ms.");

        Assertions.Valid(report);
        Assert.Equal(lines * (days * 4 - 1) * 3.0, report.Costs.Changeover, 6);
        Assert.Equal(plan.Runs.Count * 50 * 0.5, report.Costs.Production, 6);
    }
}
