using System.Globalization;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import.Internal;
using static SolverEngine.Core.Import.Internal.ImportParts;

namespace SolverEngine.Core.Import;

/// <summary>
/// Reads a multi-plant capacitated lot-sizing instance with transfers (the <c>mpclsp/</c>
/// "maria_desiree" set, Carvalho &amp; Nascimento style) into a <see cref="PlanningModel"/> whose
/// objective equals the literature's (production + setup + holding + transfer costs).
/// </summary>
/// <remarks>
/// <para>File layout: <c>N T</c>, <c>P</c>, P capacities (constant over time), P*N rows
/// <c>prod_time setup_time setup_cost prod_cost</c> (plant-major), P*N holding costs (plant-major),
/// the demand block, then P(P-1)/2 symmetric transfer costs for plant pairs j &lt; k in
/// lexicographic order. Demand block: when N &lt;= 15 or P &gt;= 15, T rows each holding the N demands
/// of every plant in turn; otherwise 2T rows, row t holding items 1-15 of every plant and row T+t
/// items 16-N of every plant. Every number of the file must be consumed.</para>
/// <para>Mapping:</para>
/// <list type="bullet">
/// <item>Plant j becomes site <c>Sj</c> with one line <c>Lj</c> (round the clock); items are
/// products <c>P1..PN</c> shared by all plants; recipe <c>R-Lj-Pi</c> per plant and item.</item>
/// <item>Time: T DAY buckets from Monday 2026-01-05T00:00Z. Plant j's capacity C_j (time units per
/// period) becomes 24 working hours, one time unit = 24 / C_j hours: rate = 1 / (prod_time * 24 / C_j)
/// units/hour, setup hours = setup_time * 24 / C_j.</item>
/// <item>Setups: <see cref="Line.SetupPerBucket"/> = true and a changeover rule per line and item with
/// an empty "from" side (hours, setup cost): a setup in every period an item is made at a plant.</item>
/// <item>Production cost per unit -> <see cref="Recipe.VariableCost"/>. Holding cost per unit and
/// period (= per day) differs by plant, so it goes into <see cref="SiteProduct.HoldingCost"/> per
/// (site, product); <see cref="Product.HoldingCost"/> is left 0.</item>
/// <item>Demand per plant, item and period: a <see cref="Forecast"/> for exactly that DAY bucket at
/// that site (zeros left out), <see cref="DemandPolicy.MustMeet"/>.</item>
/// <item>Transfers: a <see cref="Lane"/> each way between every plant pair, cost per unit the pair's
/// transfer cost, no lead time, no capacity.</item>
/// </list>
/// <para>Remaining gaps:</para>
/// <list type="bullet">
/// <item>The objective equals the literature's only where the engine honours
/// <see cref="SiteProduct.HoldingCost"/> (added to the contract for this import).</item>
/// <item>No initial inventory, no overtime, no backorders: the set's classic model has none.</item>
/// <item>Two runs of one item in one period at one plant would pay the setup twice; an optimal plan
/// never splits a lot, so optima agree.</item>
/// </list>
/// </remarks>
public static class MpclspImporter
{
    /// <summary>Reads the instance file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at the path.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid instance (the message says where and why).</exception>
    public static PlanningModel Import(string path) => OpenFile(path, Read);

    /// <summary>Reads an instance from <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors and in the model name.</summary>
    public static PlanningModel Read(TextReader reader, string sourceName)
    {
        var tokens = new NumberTokens(reader, sourceName);

        var n = tokens.ReadCount("the number of items N");
        var t = tokens.ReadCount("the number of periods T");
        var p = tokens.ReadCount("the number of plants P");

        var model = NewModel("mpclsp", sourceName, Granularity.Day, t);
        for (var i = 1; i <= n; i++)
        {
            model.Products.Add(Item(i));
        }

        var hoursPerUnit = new double[p];
        for (var j = 1; j <= p; j++)
        {
            var capacity = tokens.ReadPositive($"the capacity of plant {j}", "A plant with no capacity cannot produce anything.");
            hoursPerUnit[j - 1] = 24.0 / capacity;
            model.Sites.Add(new Site { Id = Id("S", j), Name = "Plant " + j.ToString(CultureInfo.InvariantCulture) });
            model.Lines.Add(new Line { Id = Id("L", j), SiteId = Id("S", j), Name = "Plant " + j.ToString(CultureInfo.InvariantCulture) + " line", SetupPerBucket = true });
        }

        for (var j = 1; j <= p; j++)
        {
            var lineId = Id("L", j);
            for (var i = 1; i <= n; i++)
            {
                var productId = Id("P", i);
                var prodTime = tokens.ReadPositive($"the production time of item {i} at plant {j}", "An item must use some capacity per unit, or its rate would be infinite.");
                var setupTime = tokens.ReadNonNegative($"the setup time of item {i} at plant {j}");
                var setupCost = tokens.ReadNonNegative($"the setup cost of item {i} at plant {j}");
                var prodCost = tokens.ReadNonNegative($"the production cost of item {i} at plant {j}");
                AddLotSizingItem(model, lineId, productId, hoursPerUnit[j - 1], prodTime, setupTime, setupCost, prodCost);
            }
        }

        for (var j = 1; j <= p; j++)
        {
            for (var i = 1; i <= n; i++)
            {
                model.SiteProducts.Add(new SiteProduct
                {
                    SiteId = Id("S", j),
                    ProductId = Id("P", i),
                    HoldingCost = tokens.ReadNonNegative($"the holding cost of item {i} at plant {j}"),
                });
            }
        }

        // demand[period][plant][item], read in the file's block layout.
        var demand = new double[t, p, n];
        var split = !(n <= 15 || p >= 15);
        var firstPart = split ? 15 : n;
        for (var period = 0; period < t; period++)
        {
            ReadDemandRow(tokens, demand, period, 0, firstPart, p);
        }
        if (split)
        {
            for (var period = 0; period < t; period++)
            {
                ReadDemandRow(tokens, demand, period, firstPart, n, p);
            }
        }
        for (var period = 0; period < t; period++)
        {
            var start = HorizonStart.AddDays(period);
            for (var j = 0; j < p; j++)
            {
                for (var i = 0; i < n; i++)
                {
                    AddBucketDemand(model, Id("P", i + 1), Id("S", j + 1), start, start.AddDays(1), demand[period, j, i]);
                }
            }
        }

        for (var j = 1; j <= p; j++)
        {
            for (var k = j + 1; k <= p; k++)
            {
                var cost = tokens.ReadNonNegative($"the transfer cost between plants {j} and {k}");
                model.Lanes.Add(NewLane(j, k, cost));
                model.Lanes.Add(NewLane(k, j, cost));
            }
        }
        tokens.ExpectEnd("mpclsp");
        return model;
    }

    private static void ReadDemandRow(NumberTokens tokens, double[,,] demand, int period, int fromItem, int toItem, int plants)
    {
        for (var j = 0; j < plants; j++)
        {
            for (var i = fromItem; i < toItem; i++)
            {
                demand[period, j, i] = tokens.ReadNonNegative($"the demand of item {i + 1} at plant {j + 1} in period {period + 1}");
            }
        }
    }

    private static Lane NewLane(int from, int to, double cost) => new()
    {
        Id = "LANE-S" + from.ToString(CultureInfo.InvariantCulture) + "-S" + to.ToString(CultureInfo.InvariantCulture),
        FromSiteId = Id("S", from),
        ToSiteId = Id("S", to),
        CostPerUnit = cost,
    };
}
