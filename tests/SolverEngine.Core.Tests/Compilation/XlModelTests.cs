using System.Diagnostics;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Validation;
using Xunit.Abstractions;
using static SolverEngine.Core.Tests.TestModels;

namespace SolverEngine.Core.Tests.Compilation;

/// <summary>An XL model (10 sites, 60 lines, 500 products, 48 buckets) validates and compiles.</summary>
public sealed class XlModelTests(ITestOutputHelper output)
{
    internal static PlanningModel Build(int seed = 1)
    {
        var rng = new Random(seed);
        var m = new PlanningModel
        {
            Name = "xl",
            Horizon = new Horizon
            {
                Start = At(Start), Frozen = Hours(24), Slushy = Hours(24 * 7),
                Bands =
                {
                    new ResolutionBand { Granularity = Granularity.Day, Count = 14 },
                    new ResolutionBand { Granularity = Granularity.Week, Count = 22 },
                    new ResolutionBand { Granularity = Granularity.Month, Count = 12 },
                },
            },
        };
        for (var s = 0; s < 10; s++)
            m.Sites.Add(new Site { Id = $"S{s}" });
        for (var l = 0; l < 60; l++)
        {
            var cal = new Calendar { HoursPerDay = 16 + l % 3 * 4, ShiftStart = Hours(6), WeekdayHours = { 20, 20, 20, 20, 20, 8, 0 } };
            for (var d = 0; d < 6; d++)
            {
                var t = Start.AddDays(rng.Next(0, 400)).AddHours(6);
                cal.Downtimes.Add(new Downtime { Start = At(t), End = At(t.AddHours(rng.Next(4, 48))), Reason = "maintenance" });
            }
            m.Lines.Add(new Line { Id = $"L{l}", SiteId = $"S{l / 6}", Calendar = cal, InitialProductId = $"P{l * 8 % 500}" });
        }
        for (var p = 0; p < 500; p++)
            m.Products.Add(new Product { Id = $"P{p}", Family = $"F{p % 20}", HoldingCost = 0.01, BacklogCost = 0.2, LostSaleCost = 2 });
        for (var k = 0; k < 50; k++)
            m.Materials.Add(new Material { Id = $"M{k}", Purchasable = true, PurchaseCost = 1, LeadTime = Hours(24 * (k % 10 + 1)) });
        // Each product on 3 lines; line l gets products near l * 8.
        var r = 0;
        for (var p = 0; p < 500; p++)
        {
            for (var j = 0; j < 3; j++)
            {
                var line = (p / 8 + j * 7) % 60;
                m.Recipes.Add(new Recipe
                {
                    Id = $"R{r++}", ProductId = $"P{p}", LineId = $"L{line}", Rate = 50 + rng.Next(200), Yield = 0.9 + rng.NextDouble() * 0.1,
                    Inputs = { new RecipeInput { MaterialId = $"M{p % 50}", QuantityPerUnit = 1 }, new RecipeInput { MaterialId = $"M{(p + 7) % 50}", QuantityPerUnit = 0.2 } },
                });
            }
        }
        m.Changeovers.Add(new Changeover { Hours = 1, Cost = 100 });
        for (var a = 0; a < 20; a++)
        {
            for (var b = 0; b < 20; b++)
            {
                if (a != b)
                    m.Changeovers.Add(new Changeover { FromFamily = $"F{a}", ToFamily = $"F{b}", Hours = 1 + (a + b) % 4, Cost = 100 * (1 + (a * b) % 5), Forbidden = (a - b + 20) % 20 == 13 });
            }
        }
        for (var l = 0; l < 60; l++)
            for (var k = 0; k < 30; k++)
                m.Changeovers.Add(new Changeover { LineId = $"L{l}", FromProductId = $"P{(l * 8 + k) % 500}", ToProductId = $"P{(l * 8 + k + 1) % 500}", Hours = 0.25 });
        for (var s = 0; s < 10; s++)
        {
            m.Lanes.Add(new Lane { Id = $"LN{s}", FromSiteId = $"S{s}", ToSiteId = $"S{(s + 1) % 10}", LeadTime = Hours(24), CostPerUnit = 0.1 });
            m.Lanes.Add(new Lane { Id = $"LB{s}", FromSiteId = $"S{(s + 1) % 10}", ToSiteId = $"S{s}", LeadTime = Hours(24), CostPerUnit = 0.1 });
        }
        // Demand: each product at 2 sites, monthly forecasts over the year, orders in the first 4 weeks.
        var o = 0;
        for (var p = 0; p < 500; p++)
        {
            for (var j = 0; j < 2; j++)
            {
                var site = $"S{(p + j * 5) % 10}";
                for (var mo = 0; mo < 12; mo++)
                    m.Forecasts.Add(new Forecast { ProductId = $"P{p}", SiteId = site, Start = At(Start.AddMonths(mo)), End = At(Start.AddMonths(mo + 1)), Quantity = 1000 + rng.Next(5000) });
                for (var k = 0; k < 5; k++)
                    m.Orders.Add(new Order { Id = $"O{o++}", ProductId = $"P{p}", SiteId = site, Quantity = 100 + rng.Next(1000), Due = At(Start.AddHours(rng.Next(0, 24 * 28))) });
            }
        }
        for (var k = 0; k < 2000; k++)
            m.Supplies.Add(new Supply { MaterialId = $"M{k % 50}", SiteId = $"S{k % 10}", Quantity = 1000, Arrival = At(Start.AddHours(rng.Next(0, 24 * 200))) });
        for (var s = 0; s < 10; s++)
            for (var p = 0; p < 500; p += 3)
                m.InitialInventory.Add(new InitialInventory { SiteId = $"S{s}", ProductId = $"P{p}", Quantity = 500 });
        return m;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Xl_model_validates_and_compiles()
    {
        var model = Build();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var report = ModelValidator.Validate(model);
        var validateTime = sw.Elapsed;
        Assert.True(report.Valid, string.Join("\n", report.Issues.Take(10).Select(i => i.Path + ": " + i.Message)));
        sw.Restart();
        var c = ModelCompiler.Compile(model);
        var compileTime = sw.Elapsed;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        sw.Restart();
        ModelCompiler.Compile(model);
        var warm = sw.Elapsed;
        output.WriteLine($"validate {validateTime.TotalMilliseconds:0} ms; compile (incl. validate) {compileTime.TotalMilliseconds:0} ms; allocated {bytes / 1e6:0} MB; process CPU {cpuUsed.TotalMilliseconds:0} ms; second compile {warm.TotalMilliseconds:0} ms");

        Assert.Equal(48, c.Buckets.Count);
        Assert.Equal(60, c.Lines.Length);
        Assert.Equal(1500, c.Recipes.Length);
        Assert.Equal(1000, c.Demand.Length);
        Assert.All(c.Lines, l => Assert.InRange(l.Changeovers.Size, 20, 40));
        // Spot-check one transition against the precedence rules: a line-specific product rule wins.
        var l5 = c.Lines[5].Changeovers;
        Assert.Equal(0.25, l5.Hours(l5.LocalIndexOf(c.ProductIds.Get("P40")), l5.LocalIndexOf(c.ProductIds.Get("P41"))));
    }
}
