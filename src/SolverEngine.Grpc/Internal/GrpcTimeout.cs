using System.Globalization;

namespace SolverEngine.Grpc.Internal;

/// <summary>The grpc-timeout header: 1 to 8 ASCII digits and a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>Parses a grpc-timeout value; false when it is malformed.</summary>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9) return false;
        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var d in digits)
        {
            if (d is < '0' or > '9') return false;
        }
        var amount = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long ticks;
        switch (value[^1])
        {
            case 'H': ticks = amount * TimeSpan.TicksPerHour; break;
            case 'M': ticks = amount * TimeSpan.TicksPerMinute; break;
            case 'S': ticks = amount * TimeSpan.TicksPerSecond; break;
            case 'm': ticks = amount * TimeSpan.TicksPerMillisecond; break;
            case 'u': ticks = amount * 10; break;
            case 'n': ticks = amount / 100; break;
            default: return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout in the finest unit that keeps it within 8 digits (rounding up, never below 1n).</summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) return "1n";
        var ticks = timeout.Ticks;
        // nanoseconds, microseconds, milliseconds, seconds, minutes, hours
        if (ticks <= MaxValue / 100) return (ticks * 100).ToString(CultureInfo.InvariantCulture) + "n";
        if (CeilDiv(ticks, 10) <= MaxValue) return CeilDiv(ticks, 10).ToString(CultureInfo.InvariantCulture) + "u";
        if (CeilDiv(ticks, TimeSpan.TicksPerMillisecond) <= MaxValue) return CeilDiv(ticks, TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "m";
        if (CeilDiv(ticks, TimeSpan.TicksPerSecond) <= MaxValue) return CeilDiv(ticks, TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "S";
        if (CeilDiv(ticks, TimeSpan.TicksPerMinute) <= MaxValue) return CeilDiv(ticks, TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "M";
        return Math.Min(CeilDiv(ticks, TimeSpan.TicksPerHour), MaxValue).ToString(CultureInfo.InvariantCulture) + "H";
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
