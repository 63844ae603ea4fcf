using System.Diagnostics;
using Google.Protobuf;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using Xunit.Abstractions;

namespace SolverEngine.Core.Tests.Generation;

public class InstanceGeneratorTests(ITestOutputHelper output)
{
    private static string Json(PlanningModel model) => JsonFormatter.Default.Format(model);

    [Theory]
    [InlineData(InstanceSize.S)]
    [InlineData(InstanceSize.M)]
    [InlineData(InstanceSize.L)]
    public void Same_seed_gives_byte_identical_json_and_another_seed_differs(InstanceSize size)
    {
        var a = Json(InstanceGenerator.Generate(size, 42));
        var b = Json(InstanceGenerator.Generate(size, 42));
        var c = Json(InstanceGenerator.Generate(size, 43));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // The JSON is the canonical form: it parses back to the same model.
        Assert.Equal(InstanceGenerator.Generate(size, 42), JsonParser.Default.Parse<PlanningModel>(a));
    }

    [Theory]
    [InlineData(InstanceSize.S, 1, 2, 8, 0, 14, 1, 0, 4, 0)]
    [InlineData(InstanceSize.M, 2, 6, 40, 4, 14, 10, 0, 12, 2)]
    [InlineData(InstanceSize.L, 4, 20, 150, 8, 14, 22, 6, 40, 12)]
    public void Each_size_has_the_documented_counts(InstanceSize size, int sites, int lines, int products, int intermediates,
        int days, int weeks, int months, int materials, int lanes)
    {
        var model = InstanceGenerator.Generate(size, 7);
        AssertCounts(model, sites, lines, products, intermediates, days, weeks, months, materials, lanes);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void XL_has_the_documented_counts_and_is_deterministic()
    {
        var watch = Stopwatch.StartNew();
        var model = InstanceGenerator.Generate(InstanceSize.XL, 2026);
        var elapsed = watch.Elapsed;
        var json = Json(model);
        output.WriteLine($"XL generation: {elapsed.TotalMilliseconds:F0} ms, JSON {json.Length / 1024.0 / 1024.0:F1} MiB, " +
            $"{model.Forecasts.Count} forecasts, {model.Orders.Count} orders, {model.Changeovers.Count} changeover rules, {model.Recipes.Count} recipes");
        AssertCounts(model, 10, 60, 500, 20, 14, 22, 12, 100, 40);
        Assert.Equal(json, Json(InstanceGenerator.Generate(InstanceSize.XL, 2026)));
        AssertStructurallySound(model);
    }

    [Theory]
    [InlineData(InstanceSize.S, 1)]
    [InlineData(InstanceSize.S, 2)]
    [InlineData(InstanceSize.S, 3)]
    [InlineData(InstanceSize.M, 1)]
    [InlineData(InstanceSize.M, 99)]
    [InlineData(InstanceSize.L, 5)]
    public void Generated_models_are_structurally_sound(InstanceSize size, int seed) =>
        AssertStructurallySound(InstanceGenerator.Generate(size, seed));

    [Theory]
    [InlineData(InstanceSize.S)]
    [InlineData(InstanceSize.M)]
    [InlineData(InstanceSize.L)]
    public void Naive_load_fits_but_changeovers_are_of_the_order_of_the_slack(InstanceSize size)
    {
        var generated = InstanceGenerator.GenerateDetailed(size, 11);
        var filling = generated.Lines.Where(l => !l.Mixing && l.ProductionHours > 0).ToList();
        Assert.NotEmpty(filling);
        foreach (var line in generated.Lines)
        {
            output.WriteLine($"{line.LineId} mixing={line.Mixing} util={line.Utilisation:F3} cycle={line.WeeklyCycleChangeoverHours:F1}h slack/week={line.WeeklySlackHours:F1}h");
        }
        // A plan ignoring changeovers fits (the generator sizes 80-90% per bucket, rounded down; weekends covered by stock).
        Assert.All(filling, l => Assert.InRange(l.Utilisation, 0.70, 0.92));
        // Changeovers matter: one weekly cycle of changeovers costs the same order of hours as the slack.
        var ratios = filling.Select(l => l.WeeklyCycleChangeoverHours / l.WeeklySlackHours).Order().ToList();
        var median = ratios[ratios.Count / 2];
        output.WriteLine($"median weekly-cycle changeover / slack = {median:F2}, max {ratios[^1]:F2}");
        Assert.InRange(median, 0.1, 3.0);

        // Cross-check the load from the model itself: demand hours at the fastest recipe vs 100% of the horizon.
        var model = generated.Model;
        var horizonHours = (model.Horizon.Bands.Sum(b => b.Granularity switch { Granularity.Day => 24.0, Granularity.Week => 168.0, _ => 0 } * b.Count));
        Assert.True(horizonHours > 0);
        var demandHours = model.Products.Where(p => !p.Intermediate).Sum(p =>
        {
            var rate = model.Recipes.Where(r => r.ProductId == p.Id).Max(r => r.Rate * (r.HasYield ? r.Yield : 1));
            return model.Forecasts.Where(f => f.ProductId == p.Id).Sum(f => f.Quantity) / rate;
        });
        var fillingAvailable = generated.Lines.Where(l => !l.Mixing).Sum(l => l.AvailableHours);
        Assert.InRange(demandHours / fillingAvailable, 0.6, 0.95);
    }

    [Fact]
    public void Unknown_size_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InstanceGenerator.Generate((InstanceSize)99, 1));

    private static void AssertCounts(PlanningModel model, int sites, int lines, int products, int intermediates,
        int days, int weeks, int months, int materials, int lanes)
    {
        Assert.Equal(sites, model.Sites.Count);
        Assert.Equal(lines, model.Lines.Count);
        Assert.Equal(products, model.Products.Count);
        Assert.Equal(intermediates, model.Products.Count(p => p.Intermediate));
        Assert.Equal(intermediates, model.Tanks.Count);
        Assert.Equal(materials, model.Materials.Count);
        Assert.Equal(lanes, model.Lanes.Count);
        var bands = model.Horizon.Bands.ToDictionary(b => b.Granularity, b => (int)b.Count);
        Assert.Equal(days, bands.GetValueOrDefault(Granularity.Day));
        Assert.Equal(weeks, bands.GetValueOrDefault(Granularity.Week));
        Assert.Equal(months, bands.GetValueOrDefault(Granularity.Month));
        Assert.Equal(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), model.Horizon.Start.ToDateTime());
        Assert.NotEmpty(model.Forecasts);
        Assert.NotEmpty(model.Orders);
        Assert.NotEmpty(model.Supplies);
        Assert.Contains(model.Materials, m => m.Purchasable && m.LeadTime is not null);
        Assert.Contains(model.Lines, l => l.Calendar.Downtimes.Count > 0);
        Assert.NotEmpty(model.SharedAssets);
    }

    /// <summary>References resolve, every demanded product can be made, forbidden rules leave every product reachable.</summary>
    private static void AssertStructurallySound(PlanningModel model)
    {
        var sites = model.Sites.Select(s => s.Id).ToHashSet();
        var lines = model.Lines.ToDictionary(l => l.Id);
        var products = model.Products.ToDictionary(p => p.Id);
        var materials = model.Materials.Select(m => m.Id).ToHashSet();
        var tanks = model.Tanks.ToDictionary(t => t.Id);
        var assets = model.SharedAssets.ToDictionary(a => a.Id);
        Assert.Equal(model.Sites.Count, sites.Count);
        Assert.Equal(model.Recipes.Count, model.Recipes.Select(r => r.Id).Distinct().Count());
        Assert.All(model.Lines, l =>
        {
            Assert.Contains(l.SiteId, sites);
            Assert.True(l.InitialProductId == "" || model.Recipes.Any(r => r.LineId == l.Id && r.ProductId == l.InitialProductId));
            var downs = l.Calendar.Downtimes;
            for (var i = 0; i < downs.Count; i++)
            {
                Assert.True(downs[i].End.ToDateTime() > downs[i].Start.ToDateTime());
                Assert.True(i == 0 || downs[i].Start.ToDateTime() >= downs[i - 1].End.ToDateTime(), "downtimes overlap");
            }
        });
        Assert.All(model.Recipes, r =>
        {
            Assert.True(products.ContainsKey(r.ProductId));
            Assert.True(lines.ContainsKey(r.LineId));
            Assert.True(r.Rate > 0);
            Assert.True(!r.HasYield || (r.Yield > 0 && r.Yield <= 1));
            Assert.True(r.BatchSize == 0 || r.MinRunQuantity % r.BatchSize == 0);
            Assert.All(r.Inputs, i => Assert.True(i.MaterialId != "" ? materials.Contains(i.MaterialId) : products[i.ProductId].Intermediate));
            Assert.All(r.AssetIds, a => Assert.Equal(lines[r.LineId].SiteId, assets[a].SiteId));
            foreach (var tankId in new[] { r.OutputTankId, r.InputTankId }.Where(t => t != ""))
            {
                Assert.Equal(lines[r.LineId].SiteId, tanks[tankId].SiteId);
            }
            if (r.OutputTankId != "")
            {
                Assert.Contains(r.ProductId, tanks[r.OutputTankId].AllowedProductIds);
            }
            if (r.InputTankId != "")
            {
                Assert.Contains(r.Inputs, i => tanks[r.InputTankId].AllowedProductIds.Contains(i.ProductId));
            }
        });
        Assert.All(model.Forecasts, f =>
        {
            Assert.True(model.Recipes.Any(r => r.ProductId == f.ProductId), $"{f.ProductId} is demanded but has no recipe");
            Assert.Contains(f.SiteId, sites);
            Assert.True(f.Quantity > 0);
        });
        var end = HorizonEnd(model);
        Assert.All(model.Orders, o => Assert.True(o.Due.ToDateTime() < end && o.Due.ToDateTime() >= model.Horizon.Start.ToDateTime()));
        Assert.All(model.Tanks, t => Assert.InRange(t.InitialLevel, 0, t.Capacity));
        Assert.All(model.Lanes, l => Assert.NotEqual(l.FromSiteId, l.ToSiteId));

        // Forbidden transitions: on every line, every product reaches every other product.
        foreach (var line in model.Lines)
        {
            var runs = model.Recipes.Where(r => r.LineId == line.Id).Select(r => products[r.ProductId]).DistinctBy(p => p.Id).ToList();
            bool Forbidden(Product a, Product b) => model.Changeovers.Any(c => c.Forbidden && c.LineId == line.Id && c.FromFamily == a.Family && c.ToFamily == b.Family);
            foreach (var start in runs)
            {
                var seen = new HashSet<string> { start.Id };
                var queue = new Queue<Product>([start]);
                while (queue.Count > 0)
                {
                    var a = queue.Dequeue();
                    foreach (var b in runs.Where(b => !seen.Contains(b.Id) && !Forbidden(a, b)))
                    {
                        seen.Add(b.Id);
                        queue.Enqueue(b);
                    }
                }
                Assert.Equal(runs.Count, seen.Count);
            }
        }
    }

    private static DateTime HorizonEnd(PlanningModel model)
    {
        var t = model.Horizon.Start.ToDateTime();
        foreach (var band in model.Horizon.Bands)
        {
            for (var i = 0; i < band.Count; i++)
            {
                t = band.Granularity switch { Granularity.Day => t.AddDays(1), Granularity.Week => t.AddDays(7), _ => t.AddMonths(1) };
            }
        }
        return t;
    }
}
