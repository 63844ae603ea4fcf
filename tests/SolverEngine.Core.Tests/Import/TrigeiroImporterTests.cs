using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import;

namespace SolverEngine.Core.Tests.Import;

public class TrigeiroImporterTests
{
    private static readonly DateTime Start = BenchmarkData.ImportStart;

    public static TheoryData<string> AllFiles => BenchmarkData.Files("trigeiro_clsp", "*");

    [BenchmarkTheory]
    [MemberData(nameof(AllFiles))]
    public void Every_file_imports_with_consistent_sizes(string relativePath)
    {
        var path = BenchmarkData.File(relativePath);
        var header = BenchmarkData.HeaderCounts(path, 2);
        var n = header[0];
        var t = header[1];

        var model = TrigeiroImporter.Import(path);

        Assert.Equal(n, model.Products.Count);
        Assert.Equal(n, model.Recipes.Count);
        Assert.Equal(n, model.Changeovers.Count);
        Assert.Equal((uint)t, Assert.Single(model.Horizon.Bands).Count);
        Assert.True(Assert.Single(model.Lines).SetupPerBucket);
        Assert.All(model.Recipes, r => Assert.True(r.Rate > 0 && double.IsFinite(r.Rate)));
        Assert.All(model.Products, p => Assert.Equal(DemandPolicy.MustMeet, p.DemandPolicy));
        Assert.All(model.Changeovers, c => Assert.Equal("", c.FromProductId + c.FromFamily));
        Assert.NotEmpty(model.Forecasts);
    }

    [BenchmarkFact]
    public void G1_numbers_match_the_file()
    {
        // G1.DAT: "6 15 / 1 / 760", item 3 row "1.00 2.00 40. 200.",
        // period 3 row "101 105 100 97 95 105", period 2 row "95 104 96 0 97 103".
        var model = TrigeiroImporter.Import(BenchmarkData.File("trigeiro_clsp/G/G1.DAT"));

        Assert.Equal(6, model.Products.Count);
        Assert.Equal(Granularity.Day, model.Horizon.Bands[0].Granularity);
        Assert.Equal(15u, model.Horizon.Bands[0].Count);
        var hoursPerUnit = 24.0 / 760.0;
        var recipe = model.Recipes.Single(r => r.ProductId == "P3");
        Assert.Equal(1.0 / (1.00 * hoursPerUnit), recipe.Rate, 9);
        Assert.Equal(0.0, recipe.VariableCost);
        Assert.Equal(2.0, model.Products.Single(p => p.Id == "P3").HoldingCost);
        var setup = model.Changeovers.Single(c => c.ToProductId == "P3");
        Assert.Equal(40 * hoursPerUnit, setup.Hours, 9);
        Assert.Equal(200.0, setup.Cost);

        var day3 = Start.AddDays(2);
        var p4Day3 = model.Forecasts.Single(f => f.ProductId == "P4" && f.Start.ToDateTime() == day3);
        Assert.Equal(97.0, p4Day3.Quantity);
        Assert.Equal(day3.AddDays(1), p4Day3.End.ToDateTime());
        // A zero demand (item 4, period 2) makes no forecast; G1 has 3 zeros among 90 demands.
        Assert.DoesNotContain(model.Forecasts, f => f.ProductId == "P4" && f.Start.ToDateTime() == Start.AddDays(1));
        Assert.Equal(87, model.Forecasts.Count);
        // A full day of production at capacity uses exactly the 760 time units of the period.
        Assert.Equal(760.0, recipe.Rate * 24.0 * 1.00, 9);
    }

    [BenchmarkFact]
    public void G43_with_tabs_reads()
    {
        // G43.DAT is tab-separated: "6 15 / 1 / 662 / 1 2 10 200 / 1 2 50 400 / ..."
        var model = TrigeiroImporter.Import(BenchmarkData.File("trigeiro_clsp/G/G43.DAT"));
        Assert.Equal(6, model.Products.Count);
        var setup = model.Changeovers.Single(c => c.ToProductId == "P2");
        Assert.Equal(50 * 24.0 / 662, setup.Hours, 9);
        Assert.Equal(400.0, setup.Cost);
    }

    [Fact]
    public void Trailing_free_text_is_ignored_but_a_short_file_fails_with_the_position()
    {
        const string ok = "1 2\n0\n10\n1 1 2 3\n4\n5\n  Bi hi su su\n";
        var model = TrigeiroImporter.Read(new StringReader(ok), "tiny.dat");
        Assert.Equal(2, model.Forecasts.Count);
        Assert.Equal(5.0, model.Forecasts[1].Quantity);

        var ex = Assert.Throws<InvalidDataException>(() => TrigeiroImporter.Read(new StringReader("1 2\n0\n10\n1 1 2 3\n4\n"), "short.dat"));
        Assert.Contains("short.dat", ex.Message);
        Assert.Contains("demand of item 1 in period 2", ex.Message);

        var bad = Assert.Throws<InvalidDataException>(() => TrigeiroImporter.Read(new StringReader("1 2\n0\n10\n1 x 2 3\n4 5\n"), "bad.dat"));
        Assert.Contains("line 4", bad.Message);
        Assert.Contains("'x'", bad.Message);
    }
}
