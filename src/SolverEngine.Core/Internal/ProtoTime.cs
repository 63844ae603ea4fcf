using Google.Protobuf.WellKnownTypes;

namespace SolverEngine.Core.Internal;

/// <summary>Safe conversions of well-known protobuf time types (which throw on bad values).</summary>
internal static class ProtoTime
{
    // Range allowed by google.protobuf.Timestamp: 0001-01-01 .. 9999-12-31.
    private const long MinSeconds = -62135596800L;
    private const long MaxSeconds = 253402300799L;

    public static bool TryToUtc(Timestamp? ts, out DateTime value)
    {
        value = default;
        if (ts is null || ts.Nanos < 0 || ts.Nanos > 999_999_999 || ts.Seconds < MinSeconds || ts.Seconds > MaxSeconds)
            return false;
        value = DateTime.UnixEpoch.AddTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanos / 100);
        return true;
    }

    public static bool TryToTimeSpan(Duration? d, out TimeSpan value)
    {
        value = default;
        if (d is null || d.Nanos <= -1_000_000_000 || d.Nanos >= 1_000_000_000)
            return false;
        if ((d.Seconds > 0 && d.Nanos < 0) || (d.Seconds < 0 && d.Nanos > 0))
            return false;
        if (d.Seconds > TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond / 2 || d.Seconds < TimeSpan.MinValue.Ticks / TimeSpan.TicksPerSecond / 2)
            return false;
        value = TimeSpan.FromTicks(d.Seconds * TimeSpan.TicksPerSecond + d.Nanos / 100);
        return true;
    }

    /// <summary>Converts a timestamp known to be valid (checked by validation).</summary>
    public static DateTime ToUtc(Timestamp ts) =>
        TryToUtc(ts, out var t) ? t : throw new ArgumentOutOfRangeException(nameof(ts), ts, "Invalid timestamp.");

    public static TimeSpan ToTimeSpanOrZero(Duration? d) => d is not null && TryToTimeSpan(d, out var s) ? s : TimeSpan.Zero;

    public static string Format(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Format(TimeSpan s) =>
        s.TotalHours is var h && Math.Abs(h - Math.Round(h)) < 1e-9 ? $"{Math.Round(h):0}h" : $"{h:0.###}h";
}
