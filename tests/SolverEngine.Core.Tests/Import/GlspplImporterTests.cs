using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import;

namespace SolverEngine.Core.Tests.Import;

public class GlspplImporterTests
{
    private static readonly DateTime Start = BenchmarkData.ImportStart;

    public static TheoryData<string> AllFiles => BenchmarkData.Files("glsppl_random", "*");

    [BenchmarkTheory]
    [MemberData(nameof(AllFiles))]
    public void Every_file_imports_with_consistent_sizes(string relativePath)
    {
        var path = BenchmarkData.File(relativePath);
        var head = BenchmarkData.HeaderCounts(path, 4);
        var n = head[0];
        var t = head[1];
        var m = head[3];

        var model = GlspplImporter.Import(path); // also proves every number of the file is consumed

        Assert.Equal(n, model.Products.Count);
        Assert.Equal(m, model.Lines.Count);
        Assert.Equal(Granularity.Week, model.Horizon.Bands[0].Granularity);
        Assert.Equal((uint)t, model.Horizon.Bands[0].Count);
        Assert.All(model.Lines, l =>
        {
            Assert.Equal(7u, l.MaxRunsPerBucket);
            Assert.Equal("", l.InitialProductId);
            Assert.False(l.SetupPerBucket);
        });
        Assert.All(model.Changeovers, c => Assert.False(string.IsNullOrEmpty(c.LineId) || string.IsNullOrEmpty(c.FromProductId)));
        Assert.All(model.Products, p => Assert.Equal(DemandPolicy.Backlog, p.DemandPolicy));
        Assert.True(model.Sites[0].HasWarehouseCapacity);
    }

    [BenchmarkFact]
    public void A1_numbers_match_the_file()
    {
        // A1.txt: "8 16 112 2", warehouse 12789; line 1 eligible "1 2 3 4 5 7 8", line 2 "1..6";
        // line 1 min lots "2667 800 2400 3200 706 258 229"; capacity 160 every week;
        // line 1 processing time of product 1 = 0.0180; initial inventory of P1 = 2624, backorder
        // of P8 = 437; demand of P2 in week 1 = 2116; line 1 setup time P1 -> P2 = 3, cost 252;
        // holding P1 0.39, backorder P1 4.719; line 1 production cost of P2 = 0.008.
        var model = GlspplImporter.Import(BenchmarkData.File("glsppl_random/A1.txt"));
        const double scale = 168.0 / 160.0;

        Assert.Equal(12789, model.Sites[0].WarehouseCapacity);
        var line1 = model.Recipes.Where(r => r.LineId == "L1").Select(r => r.ProductId).ToArray();
        Assert.Equal(new[] { "P1", "P2", "P3", "P4", "P5", "P7", "P8" }, line1);
        Assert.Equal(6, model.Recipes.Count(r => r.LineId == "L2"));
        Assert.Equal(258, model.Recipes.Single(r => r.LineId == "L1" && r.ProductId == "P7").MinRunQuantity);
        var r1 = model.Recipes.Single(r => r.LineId == "L1" && r.ProductId == "P1");
        Assert.Equal(1 / (0.018 * scale), r1.Rate, 9);
        Assert.Equal(0.008, model.Recipes.Single(r => r.LineId == "L1" && r.ProductId == "P2").VariableCost);

        Assert.Equal(2624, model.InitialInventory.Single(i => i.ProductId == "P1").Quantity);
        var p8 = model.InitialInventory.Single(i => i.ProductId == "P8");
        Assert.Equal(0, p8.Quantity);
        Assert.Equal(437, p8.Backlog);

        var week1 = model.Forecasts.Single(f => f.ProductId == "P2" && f.Start.ToDateTime() == Start);
        Assert.Equal(2116, week1.Quantity);
        Assert.Equal(Start.AddDays(7), week1.End.ToDateTime());

        var c12 = model.Changeovers.Single(c => c.LineId == "L1" && c.FromProductId == "P1" && c.ToProductId == "P2");
        Assert.Equal(3 * scale, c12.Hours, 9);
        Assert.Equal(252, c12.Cost);

        var p1 = model.Products.Single(p => p.Id == "P1");
        Assert.Equal(0.39 / 7, p1.HoldingCost, 12);
        Assert.Equal(4.719 / 7, p1.BacklogCost, 12);
        Assert.Equal(0, p1.LostSaleCost);
        // Constant capacity: no downtime windows.
        Assert.All(model.Lines, l => Assert.Null(l.Calendar));
    }

    [Fact]
    public void A_week_with_less_capacity_gets_downtime_at_its_end()
    {
        // 1 product, 2 weeks, 14 subperiods, 1 line; capacity 100 then 75.
        const string text = """
            1 2 14 1
            1000
            1
            5
            100 75
            0.5
            0
            0
            10 20
            0
            1
            2
            0.1
            0
            """;
        var model = GlspplImporter.Read(new StringReader(text), "tiny.txt");
        var line = Assert.Single(model.Lines);
        var down = Assert.Single(line.Calendar.Downtimes);
        var weekEnd = Start.AddDays(14);
        Assert.Equal(weekEnd, down.End.ToDateTime());
        Assert.Equal(weekEnd.AddHours(-168 * 0.25), down.Start.ToDateTime());
        Assert.Equal(1 / (0.5 * 168 / 100.0), Assert.Single(model.Recipes).Rate, 12);
        Assert.Equal(1.0 / 7, model.Products[0].HoldingCost, 12);
        Assert.Equal(2.0 / 7, model.Products[0].BacklogCost, 12);
    }
}

public class GlspplImporterErrorTests
{
    [Fact]
    public void An_eligible_product_outside_1_to_N_is_reported_with_its_line()
    {
        const string text = "2 1 7 1\n100\n1 3\n";
        var ex = Assert.Throws<InvalidDataException>(() => GlspplImporter.Read(new StringReader(text), "bad.txt"));
        Assert.Contains("bad.txt, line 3", ex.Message);
        Assert.Contains("'3'", ex.Message);
        Assert.Contains("1..2", ex.Message);
    }

    [Fact]
    public void Subperiods_that_do_not_divide_into_weeks_are_rejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() => GlspplImporter.Read(new StringReader("1 2 15 1\n"), "odd.txt"));
        Assert.Contains("W = 15", ex.Message);
    }

    [Fact]
    public void A_missing_file_throws_FileNotFoundException() =>
        Assert.Throws<FileNotFoundException>(() => GlspplImporter.Import(Path.Combine(Path.GetTempPath(), "no-such-glsppl-file.txt")));
}
