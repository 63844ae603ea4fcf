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
