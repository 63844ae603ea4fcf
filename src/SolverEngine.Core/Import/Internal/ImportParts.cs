using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Import.Internal;

/// <summary>Small pieces every benchmark importer needs: the fixed time origin, ids, demand rows.</summary>
internal static class ImportParts
{
    /// <summary>Benchmark periods have no dates; every import starts on this Monday (UTC) so that files are reproducible.</summary>
    public static readonly DateTime HorizonStart = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public static Timestamp At(DateTime utc) => Timestamp.FromDateTime(utc);

    /// <summary>Hours as a DateTime offset, rounded to the 100 ns tick so capacity survives the conversion.</summary>
    public static TimeSpan Hours(double hours) => TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour));

    public static string Id(string prefix, int oneBased) => prefix + oneBased.ToString(CultureInfo.InvariantCulture);

    public static string SourceName(string path) => Path.GetFileName(path);

    public static string ModelName(string format, string source) =>
        format + " " + Path.GetFileNameWithoutExtension(source);

    /// <summary>An empty model named after the format and the source, its horizon <paramref name="buckets"/> buckets of one granularity from <see cref="HorizonStart"/>.</summary>
    public static PlanningModel NewModel(string format, string sourceName, Granularity granularity, int buckets) => new()
    {
        Name = ModelName(format, sourceName),
        Horizon = OneBand(granularity, buckets),
    };

    public static Horizon OneBand(Granularity granularity, int buckets) => new()
    {
        Start = At(HorizonStart),
        Bands = { new ResolutionBand { Granularity = granularity, Count = (uint)buckets } },
    };

    /// <summary>Item <paramref name="oneBased"/> of a lot-sizing set: product <c>P{i}</c>, demand to be met on time.</summary>
    public static Product Item(int oneBased) => new()
    {
        Id = Id("P", oneBased),
        Name = "Item " + oneBased.ToString(CultureInfo.InvariantCulture),
        DemandPolicy = DemandPolicy.MustMeet,
    };

    /// <summary>
    /// A lot-sizing item on a line whose times are in capacity units (the CLSP data, one unit = <paramref name="hoursPerUnit"/>
    /// hours): recipe <c>R-{line}-{product}</c> at 1 / (timePerUnit * hoursPerUnit) units/hour, and a changeover rule with an
    /// empty "from" side of setupTime * hoursPerUnit hours and the setup cost, paid whenever the item is set up.
    /// </summary>
    public static void AddLotSizingItem(PlanningModel model, string lineId, string productId, double hoursPerUnit,
        double timePerUnit, double setupTime, double setupCost, double variableCost)
    {
        model.Recipes.Add(new Recipe
        {
            Id = "R-" + lineId + "-" + productId,
            ProductId = productId,
            LineId = lineId,
            Rate = 1.0 / (timePerUnit * hoursPerUnit),
            VariableCost = variableCost,
        });
        model.Changeovers.Add(new Changeover
        {
            LineId = lineId,
            ToProductId = productId,
            Hours = setupTime * hoursPerUnit,
            Cost = setupCost,
        });
    }

    /// <summary>One demand entry for exactly one bucket [start, end); zero demand is left out.</summary>
    public static void AddBucketDemand(PlanningModel model, string productId, string siteId, DateTime start, DateTime end, double quantity)
    {
        if (quantity == 0)
        {
            return;
        }
        model.Forecasts.Add(new Forecast
        {
            ProductId = productId,
            SiteId = siteId,
            Start = At(start),
            End = At(end),
            Quantity = quantity,
        });
    }

    public static PlanningModel OpenFile(string path, Func<TextReader, string, PlanningModel> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Instance file '{path}' does not exist.", path);
        }
        using var reader = new StreamReader(path);
        return read(reader, SourceName(path));
    }
}
