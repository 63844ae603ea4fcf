using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import;

namespace SolverEngine.Core.Tests.Import;

public class MpclspImporterTests
{
    private static readonly DateTime Start = BenchmarkData.ImportStart;

    public static TheoryData<string> AllFiles => BenchmarkData.Files("mpclsp", "*");

    [BenchmarkTheory]
    [MemberData(nameof(AllFiles))]
    public void Every_file_imports_with_consistent_sizes(string relativePath)
    {
        var path = BenchmarkData.File(relativePath);
        var head = BenchmarkData.HeaderCounts(path, 3);
        var n = head[0];
        var p = head[2];

        var model = MpclspImporter.Import(path); // also proves every number of the file is consumed

        Assert.Equal(p, model.Sites.Count);
        Assert.Equal(p, model.Lines.Count);
        Assert.Equal(n, model.Products.Count);
        Assert.Equal(n * p, model.Recipes.Count);
        Assert.Equal(n * p, model.SiteProducts.Count);
        Assert.Equal(p * (p - 1), model.Lanes.Count);
        Assert.All(model.Lines, l => Assert.True(l.SetupPerBucket));
        Assert.All(model.Forecasts, f => Assert.True(f.Quantity > 0));
    }

    [BenchmarkFact]
    public void AAA012225_numbers_match_the_file()
    {
        // N=25, T=12, P=2, capacities 6482 and 7374; plant 1 item 1 "1.8 41.1 78.1 2.4";
        // plant 2 item 1 holding 0.3; demand row 1: plant 2 item 1 = 76; split rows: row 13 holds
        // items 16-25: plant 1 item 16 = 95, plant 2 item 16 = 54; transfer cost 0.26.
        var model = MpclspImporter.Import(BenchmarkData.File("mpclsp/AAA012225_0.dat"));

        Assert.Equal(12u, model.Horizon.Bands[0].Count);
        var r = model.Recipes.Single(x => x.LineId == "L1" && x.ProductId == "P1");
        var hoursPerUnit = 24.0 / 6482;
        Assert.Equal(1 / (1.8 * hoursPerUnit), r.Rate, 9);
        Assert.Equal(2.4, r.VariableCost);
        var setup = model.Changeovers.Single(c => c.LineId == "L1" && c.ToProductId == "P1");
        Assert.Equal(41.1 * hoursPerUnit, setup.Hours, 9);
        Assert.Equal(78.1, setup.Cost);
        Assert.Equal(0.3, model.SiteProducts.Single(s => s.SiteId == "S2" && s.ProductId == "P1").HoldingCost);

        double Demand(string product, string site, int period) =>
            model.Forecasts.Where(f => f.ProductId == product && f.SiteId == site && f.Start.ToDateTime() == Start.AddDays(period - 1))
                .Sum(f => f.Quantity);
        Assert.Equal(76, Demand("P1", "S2", 1));
        Assert.Equal(30, Demand("P1", "S1", 1));
        Assert.Equal(95, Demand("P16", "S1", 1));
        Assert.Equal(54, Demand("P16", "S2", 1));

        Assert.All(model.Lanes, l => Assert.Equal(0.26, l.CostPerUnit));
        Assert.Contains(model.Lanes, l => l.FromSiteId == "S1" && l.ToSiteId == "S2");
        Assert.Contains(model.Lanes, l => l.FromSiteId == "S2" && l.ToSiteId == "S1");
        Assert.All(model.Lanes, l => Assert.Null(l.LeadTime));
    }

    [Fact]
    public void Left_over_numbers_are_an_error()
    {
        // N=1 T=1 P=1: cap, 4 item numbers, 1 holding, 1 demand, 0 transfer costs; one extra number.
        const string text = "1 1\n1\n10\n1 2 3 4\n0.5\n7\n99\n";
        var ex = Assert.Throws<InvalidDataException>(() => MpclspImporter.Read(new StringReader(text), "extra.dat"));
        Assert.Contains("left over", ex.Message);
        var model = MpclspImporter.Read(new StringReader("1 1\n1\n10\n1 2 3 4\n0.5\n7\n"), "ok.dat");
        Assert.Equal(7, Assert.Single(model.Forecasts).Quantity);
    }
}
