using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import.Internal;
using static SolverEngine.Core.Import.Internal.ImportParts;

namespace SolverEngine.Core.Import;

/// <summary>
/// Reads a capacitated lot-sizing instance with setup times of Trigeiro, Thomas &amp; McClain
/// (1989), the F/G/X sets of <c>trigeiro_clsp/</c>, into a <see cref="PlanningModel"/> whose
/// objective equals the literature's (setup costs + holding costs).
/// </summary>
/// <remarks>
/// <para>File layout: <c>N T</c>, unit production cost, capacity per period, N rows
/// <c>b h st sc</c> (capacity per unit, holding cost per unit and period, setup time, setup cost),
/// then T rows of N demands. Exactly 2 + 4N + N*T numbers are read after <c>N T</c>; anything after
/// them (the column legend some files carry) is ignored.</para>
/// <para>Mapping:</para>
/// <list type="bullet">
/// <item>One site <c>S1</c>, one line <c>L1</c> (calendar round the clock), products <c>P1..PN</c>
/// (1-based as in the papers), recipes <c>R-L1-Pi</c>.</item>
/// <item>Time: T DAY buckets from Monday 2026-01-05T00:00Z. The period capacity C (time units)
/// becomes the 24 working hours of the day, so one time unit = 24 / C hours; the rate of item i is
/// 1 / (b_i * 24 / C) units/hour and its setup takes st_i * 24 / C hours.</item>
/// <item>Setups: <see cref="Line.SetupPerBucket"/> = true and one changeover rule per item with an
/// empty "from" side (hours, cost sc_i), so an item pays its setup in every period it is made and
/// no set-up state carries over, as in the CLSP.</item>
/// <item>Holding cost h_i per unit per period = per unit per day (a bucket is one day), charged on
/// end-of-period stock, as in the CLSP.</item>
/// <item>Demand: one <see cref="Forecast"/> per item and period covering exactly that DAY bucket
/// (zeros left out), <see cref="DemandPolicy.MustMeet"/>: demand must be met on time.</item>
/// </list>
/// <para>Remaining gaps:</para>
/// <list type="bullet">
/// <item>The unit production cost (3rd number) is not imported (variable cost 0): the classic
/// objective ignores it, and with demand met on time total production is fixed, so it would only
/// add a constant.</item>
/// <item>No initial inventory and no overtime: the classic model has neither. Some studies of these
/// sets allow overtime at a penalty; such a variant is infeasible here where it needs overtime.</item>
/// <item>Two runs of one item in one period would pay its setup twice here (the CLSP has one setup
/// variable per item and period); an optimal plan never splits a lot, so optima agree.</item>
/// </list>
/// </remarks>
public static class TrigeiroImporter
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
        tokens.ReadDouble("the unit production cost"); // not part of the classic objective; see remarks
        var capacity = tokens.ReadPositive("the capacity per period", "A period with no capacity cannot produce anything.");
        var hoursPerUnit = 24.0 / capacity;

        var model = NewModel("trigeiro", sourceName, Granularity.Day, t);
        model.Sites.Add(new Site { Id = "S1", Name = "Plant" });
        model.Lines.Add(new Line { Id = "L1", SiteId = "S1", Name = "Machine", SetupPerBucket = true });

        for (var i = 1; i <= n; i++)
        {
            var b = tokens.ReadPositive($"the capacity per unit b of item {i}", "An item must use some capacity per unit, or its rate would be infinite.");
            var h = tokens.ReadNonNegative($"the holding cost of item {i}");
            var setupTime = tokens.ReadNonNegative($"the setup time of item {i}");
            var setupCost = tokens.ReadNonNegative($"the setup cost of item {i}");
            var item = Item(i);
            item.HoldingCost = h;
            model.Products.Add(item);
            AddLotSizingItem(model, "L1", item.Id, hoursPerUnit, b, setupTime, setupCost, variableCost: 0);
        }

        for (var period = 0; period < t; period++)
        {
            var start = HorizonStart.AddDays(period);
            for (var i = 1; i <= n; i++)
            {
                var d = tokens.ReadNonNegative($"the demand of item {i} in period {period + 1}");
                AddBucketDemand(model, Id("P", i), "S1", start, start.AddDays(1), d);
            }
        }
        // Whatever follows (a column legend in some files) is free text by the format's definition.
        return model;
    }
}
