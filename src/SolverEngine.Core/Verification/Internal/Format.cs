using System.Globalization;

namespace SolverEngine.Core.Verification.Internal;

/// <summary>Invariant formatting of values in violation messages.</summary>
internal static class Format
{
    public static string Q(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string T(DateTime time) =>
        time == DateTime.MinValue ? "(missing)" : time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    public static string H(double hours) => hours.ToString("0.####", CultureInfo.InvariantCulture) + " h";
}
