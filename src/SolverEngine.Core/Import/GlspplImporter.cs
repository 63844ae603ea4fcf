using System.Globalization;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import.Internal;
using static SolverEngine.Core.Import.Internal.ImportParts;

namespace SolverEngine.Core.Import;

/// <summary>
/// Reads a general lot-sizing and scheduling instance on parallel lines (GLSPPL) of Araujo,
/// Birgin, Kawamura &amp; Ronconi (2020), the <c>glsppl_random/</c> set, into a
/// <see cref="PlanningModel"/> whose objective equals the paper's Model M (holding + backorder +
/// production + sequence-dependent setup costs).
/// </summary>
/// <remarks>
/// <para>File layout: <c>N T W M</c>, warehouse capacity, M rows of eligible product ids S_l
/// (1-based; a row's length is only given by the layout), M rows of minimum lot sizes, M*T line
/// capacities (line-major), M rows of processing times, N initial inventories, N initial backorders,
/// N*T demands (item-major), M setup-time matrices |S_l| x |S_l| (row = from), N holding costs,
/// N backorder costs, M rows of production costs, M setup-cost matrices. Every number is consumed.</para>
/// <para>Mapping:</para>
/// <list type="bullet">
/// <item>One site <c>S1</c> with <see cref="Site.WarehouseCapacity"/>; lines <c>L1..LM</c>, products
/// <c>P1..PN</c>, recipes <c>R-Ll-Pi</c> for the eligible pairs.</item>
/// <item>Time: T WEEK buckets from Monday 2026-01-05T00:00Z. Each line keeps its set-up state across
/// subperiods and weeks (<see cref="Line.SetupPerBucket"/> = false) and runs at most W/T lots per week
/// (<see cref="Line.MaxRunsPerBucket"/>, 7 in this set).</item>
/// <item>Capacity: line l's largest weekly capacity Cmax_l (time units) becomes the 168 hours of the
/// week, one time unit = 168 / Cmax_l hours; a week with capacity C &lt; Cmax_l gets a
/// <see cref="Downtime"/> of (Cmax_l - C) time units at its end. Rate = 1 / (processing time * scale)
/// units/hour; setup hours = setup time * scale.</item>
/// <item>Lines start clean (<see cref="Line.InitialProductId"/> empty): the first set-up is free.
/// Minimum lot size -> <see cref="Recipe.MinRunQuantity"/>. Production cost per line and product ->
/// <see cref="Recipe.VariableCost"/>.</item>
/// <item>Sequence-dependent setups: a line-specific <see cref="Changeover"/> per ordered pair of
/// eligible products (from product, to product, hours, cost); pairs with zero time and zero cost are
/// left out (no rule = 0 hours, 0 cost).</item>
/// <item>Demand: one <see cref="Forecast"/> per product and week covering exactly that WEEK bucket
/// (zeros left out). <see cref="DemandPolicy.Backlog"/> with lost-sale cost 0 (no terminal penalty);
/// holding and backorder costs per week / 7 per day, charged on end-of-week stock and backlog x 7 days,
/// i.e. exactly the paper's weekly cost. Initial inventory and backorder -> <see cref="InitialInventory"/>.</item>
/// </list>
/// <para>Remaining gaps:</para>
/// <list type="bullet">
/// <item>In the paper every line is set up in its first subperiod, so each line must make at least
/// one minimum lot in week 1 even when that costs more; here a line may stay idle. The engine's
/// optimum can therefore be lower than the paper's on instances where that forced lot costs.</item>
/// <item>The first lot on a clean line needs no changeover; the paper still requires it to reach the
/// minimum lot size. Whether <see cref="Recipe.MinRunQuantity"/> binds that first lot is up to the
/// contract's reading of "a lot that starts with a changeover".</item>
/// <item>Lots per week: the paper's 7 subperiods also hold a lot continued from the previous week,
/// while <see cref="Line.MaxRunsPerBucket"/> counts only lots that start in the week, so a week may
/// here hold 7 new lots plus the continued one (a slight relaxation).</item>
/// <item>Diagonal entries of the setup matrices are ignored (a -> a never needs a changeover); they
/// are 0 in every file of the set.</item>
/// <item>Capacity is converted through a double scale factor; downtime ends are rounded to 100 ns.</item>
/// </list>
/// </remarks>
public static class GlspplImporter
{
    private const double HoursPerWeek = 168.0;

    /// <summary>Reads the instance file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at the path.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid instance (the message says where and why).</exception>
    public static PlanningModel Import(string path) => OpenFile(path, Read);

    /// <summary>Reads an instance from <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors and in the model name.</summary>
    public static PlanningModel Read(TextReader reader, string sourceName)
    {
        var tokens = new NumberTokens(reader, sourceName);

        var n = tokens.ReadCount("the number of products N");
        var t = tokens.ReadCount("the number of periods T");
        var w = tokens.ReadCount("the total number of subperiods W");
        var m = tokens.ReadCount("the number of lines M");
        if (w % t != 0)
        {
            throw new InvalidDataException($"{sourceName}: W = {w} subperiods is not a multiple of T = {t} periods; every week must have the same number of subperiods.");
        }
        var warehouse = tokens.ReadNonNegative("the warehouse capacity");

        var eligible = new int[m][];
        for (var l = 0; l < m; l++)
        {
            var row = tokens.ReadRestOfLine($"the eligible products of line {l + 1}");
            eligible[l] = new int[row.Count];
            var seen = new HashSet<int>();
            for (var k = 0; k < row.Count; k++)
            {
                var (text, lineNo) = row[k];
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1 || id > n)
                {
                    throw tokens.Error(lineNo, $"'{text}' is not a product id of line {l + 1}; expected a whole number in 1..{n}.");
                }
                if (!seen.Add(id))
                {
                    throw tokens.Error(lineNo, $"product {id} is listed twice as eligible on line {l + 1}.");
                }
                eligible[l][k] = id;
            }
        }

        var minLot = ReadPerLine(tokens, eligible, "the minimum lot size", nonNegative: true);
        var capacity = new double[m, t];
        for (var l = 0; l < m; l++)
        {
            for (var period = 0; period < t; period++)
            {
                capacity[l, period] = tokens.ReadNonNegative($"the capacity of line {l + 1} in period {period + 1}");
            }
        }
        var processingTime = ReadPerLine(tokens, eligible, "the processing time", nonNegative: false);
        var initialInventory = ReadVector(tokens, n, "the initial inventory");
        var initialBackorder = ReadVector(tokens, n, "the initial backorder");
        var demand = new double[n, t];
        for (var i = 0; i < n; i++)
        {
            for (var period = 0; period < t; period++)
            {
                demand[i, period] = tokens.ReadNonNegative($"the demand of product {i + 1} in period {period + 1}");
            }
        }
        var setupTime = ReadMatrices(tokens, eligible, "the setup time");
        var holding = ReadVector(tokens, n, "the holding cost");
        var backorder = ReadVector(tokens, n, "the backorder cost");
        var productionCost = ReadPerLine(tokens, eligible, "the production cost", nonNegative: true);
        var setupCost = ReadMatrices(tokens, eligible, "the setup cost");
        tokens.ExpectEnd("GLSPPL");

        var model = NewModel("glsppl", sourceName, Granularity.Week, t);
        model.Sites.Add(new Site { Id = "S1", Name = "Plant", WarehouseCapacity = warehouse });

        for (var i = 0; i < n; i++)
        {
            var productId = Id("P", i + 1);
            model.Products.Add(new Product
            {
                Id = productId,
                Name = "Product " + (i + 1).ToString(CultureInfo.InvariantCulture),
                HoldingCost = holding[i] / 7.0,
                BacklogCost = backorder[i] / 7.0,
                LostSaleCost = 0,
                DemandPolicy = DemandPolicy.Backlog,
            });
            if (initialInventory[i] != 0 || initialBackorder[i] != 0)
            {
                model.InitialInventory.Add(new InitialInventory
                {
                    SiteId = "S1",
                    ProductId = productId,
                    Quantity = initialInventory[i],
                    Backlog = initialBackorder[i],
                });
            }
        }

        for (var l = 0; l < m; l++)
        {
            var lineId = Id("L", l + 1);
            var maxCapacity = 0.0;
            for (var period = 0; period < t; period++)
            {
                maxCapacity = Math.Max(maxCapacity, capacity[l, period]);
            }
            // A line with no capacity in any week keeps scale 1 and is down all the time.
            var scale = maxCapacity > 0 ? HoursPerWeek / maxCapacity : 1.0;
            var calendar = new SolverEngine.Contracts.V1.Calendar();
            for (var period = 0; period < t; period++)
            {
                var lostHours = maxCapacity > 0 ? (maxCapacity - capacity[l, period]) * scale : HoursPerWeek;
                if (lostHours <= 0)
                {
                    continue;
                }
                var weekEnd = HorizonStart.AddDays(7 * (period + 1));
                calendar.Downtimes.Add(new Downtime
                {
                    Start = At(weekEnd - Hours(lostHours)),
                    End = At(weekEnd),
                    Reason = "capacity below the line's maximum this week",
                });
            }
            var line = new Line
            {
                Id = lineId,
                SiteId = "S1",
                Name = "Line " + (l + 1).ToString(CultureInfo.InvariantCulture),
                MaxRunsPerBucket = (uint)(w / t),
            };
            if (calendar.Downtimes.Count > 0)
            {
                line.Calendar = calendar;
            }
            model.Lines.Add(line);

            var products = eligible[l];
            for (var k = 0; k < products.Length; k++)
            {
                var productId = Id("P", products[k]);
                model.Recipes.Add(new Recipe
                {
                    Id = "R-" + lineId + "-" + productId,
                    ProductId = productId,
                    LineId = lineId,
                    Rate = 1.0 / (processingTime[l][k] * scale),
                    MinRunQuantity = minLot[l][k],
                    VariableCost = productionCost[l][k],
                });
            }
            for (var a = 0; a < products.Length; a++)
            {
                for (var b = 0; b < products.Length; b++)
                {
                    if (a == b || (setupTime[l][a, b] == 0 && setupCost[l][a, b] == 0))
                    {
                        continue;
                    }
                    model.Changeovers.Add(new Changeover
                    {
                        LineId = lineId,
                        FromProductId = Id("P", products[a]),
                        ToProductId = Id("P", products[b]),
                        Hours = setupTime[l][a, b] * scale,
                        Cost = setupCost[l][a, b],
                    });
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var period = 0; period < t; period++)
            {
                var start = HorizonStart.AddDays(7 * period);
                AddBucketDemand(model, Id("P", i + 1), "S1", start, start.AddDays(7), demand[i, period]);
            }
        }
        return model;
    }

    private static double[] ReadVector(NumberTokens tokens, int n, string what)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = tokens.ReadNonNegative($"{what} of product {i + 1}");
        }
        return values;
    }

    private static double[][] ReadPerLine(NumberTokens tokens, int[][] eligible, string what, bool nonNegative)
    {
        var values = new double[eligible.Length][];
        for (var l = 0; l < eligible.Length; l++)
        {
            values[l] = new double[eligible[l].Length];
            for (var k = 0; k < eligible[l].Length; k++)
            {
                var label = $"{what} of product {eligible[l][k]} on line {l + 1}";
                values[l][k] = nonNegative
                    ? tokens.ReadNonNegative(label)
                    : tokens.ReadPositive(label, "A processing time must be > 0, or the rate would be infinite.");
            }
        }
        return values;
    }

    private static double[][,] ReadMatrices(NumberTokens tokens, int[][] eligible, string what)
    {
        var matrices = new double[eligible.Length][,];
        for (var l = 0; l < eligible.Length; l++)
        {
            var size = eligible[l].Length;
            matrices[l] = new double[size, size];
            for (var a = 0; a < size; a++)
            {
                for (var b = 0; b < size; b++)
                {
                    matrices[l][a, b] = tokens.ReadNonNegative($"{what} from product {eligible[l][a]} to product {eligible[l][b]} on line {l + 1}");
                }
            }
        }
        return matrices;
    }
}
