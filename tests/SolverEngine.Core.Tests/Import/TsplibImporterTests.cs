using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import;

namespace SolverEngine.Core.Tests.Import;

public class TsplibImporterTests
{
    [Fact]
    public void Br17_maps_to_one_line_with_n_plus_one_products()
    {
        var br17 = TsplibReader.ReadFile(TsplibReaderTests.DataFile("br17.atsp"));
        var model = TsplibImporter.Import(br17);

        Assert.Equal("br17", model.Name);
        Assert.Single(model.Sites);
        var line = Assert.Single(model.Lines);
        Assert.Equal("c1", line.InitialProductId);
        var band = Assert.Single(model.Horizon.Bands);
        Assert.Equal(Granularity.Day, band.Granularity);
        Assert.Equal(1u, band.Count);
        Assert.Equal(18, model.Products.Count);
        Assert.Equal(18, model.Recipes.Count);
        Assert.Equal(18, model.Orders.Count);
        Assert.All(model.Orders, o => Assert.Equal(1, o.Quantity));
        Assert.All(model.Products, p => Assert.Equal(DemandPolicy.MustMeet, p.DemandPolicy));
        Assert.Contains(model.Products, p => p.Id == TsplibImporter.ClosingProductId);

        // Pair rules: 17 from-cities x 16 to-cities other than c1 (minus the diagonal) + 16 into
        // the closing copy + 3 forbidding rules (into c1, out of c1-end, c1 -> c1-end).
        int pairRules = model.Changeovers.Count(c => !c.Forbidden);
        Assert.Equal(17 * 16 - 16 + 16, pairRules);
        Assert.Equal(3, model.Changeovers.Count(c => c.Forbidden));
        Assert.All(model.Changeovers, c => Assert.Equal("L1", c.LineId));

        var c2c3 = Assert.Single(model.Changeovers, c => c.FromProductId == "c2" && c.ToProductId == "c3");
        Assert.Equal(br17.Distance(1, 2), c2c3.Cost);
        var backHome = Assert.Single(model.Changeovers, c => c.FromProductId == "c3" && c.ToProductId == "c1-end");
        Assert.Equal(br17.Distance(2, 0), backHome.Cost);
    }

    [Fact]
    public void Plan_of_a_tour_costs_the_tour_length()
    {
        // The changeover cost of running c1, c3, c2, c4, c1-end equals the tour 1-3-2-4-1.
        const string text = """
            NAME: four
            TYPE: ATSP
            DIMENSION: 4
            EDGE_WEIGHT_TYPE: EXPLICIT
            EDGE_WEIGHT_FORMAT: FULL_MATRIX
            EDGE_WEIGHT_SECTION
            9 1 2 3
            4 9 5 6
            7 8 9 10
            11 12 13 9
            """;
        var four = TsplibReader.Parse(text);
        var model = TsplibImporter.Import(four);
        string[] runs = ["c1", "c3", "c2", "c4", "c1-end"];
        double cost = 0;
        for (int k = 1; k < runs.Length; k++)
        {
            var rule = Assert.Single(model.Changeovers, c => c.FromProductId == runs[k - 1] && c.ToProductId == runs[k]);
            Assert.False(rule.Forbidden);
            cost += rule.Cost;
        }
        Assert.Equal(four.TourLength([0, 2, 1, 3]), cost);
        Assert.Equal(2 + 8 + 6 + 11, cost);
        // No pair rule leads back into c1 or out of the closing copy.
        Assert.DoesNotContain(model.Changeovers, c => !c.Forbidden && (c.ToProductId == "c1" || c.FromProductId == "c1-end"));
    }

    [Fact]
    public void Largest_instance_still_fits_one_day_bucket()
    {
        var rbg443 = TsplibReader.ReadFile(TsplibReaderTests.DataFile("rbg443.atsp"));
        var model = TsplibImporter.Import(rbg443);
        Assert.Equal(444, model.Products.Count);
        // 444 runs of one minute plus 443 changeovers of 0.001 h: about 7.8 hours.
        Assert.Equal(Granularity.Day, model.Horizon.Bands[0].Granularity);
        Assert.Equal(443 * 442 - 442 + 442 + 3, model.Changeovers.Count);
    }
}
