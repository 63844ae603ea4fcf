namespace SolverEngine.Core.Verification.Internal;

/// <summary>
/// Numeric tolerances of the verifier. Plans come out of LP solvers and from hours turned into
/// timestamps, so equality is never exact: quantities and hours compare to 1e-6 relative
/// (absolute below 1), times to one millisecond.
/// </summary>
internal static class Tolerance
{
    public const double Relative = 1e-6;
    public static readonly TimeSpan Time = TimeSpan.FromMilliseconds(1);

    private static double Slack(double a, double b) => Relative * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>a &lt;= b within tolerance.</summary>
    public static bool Le(double a, double b) => a <= b + Slack(a, b);

    /// <summary>a == b within tolerance.</summary>
    public static bool Eq(double a, double b) => Math.Abs(a - b) <= Slack(a, b);

    /// <summary>a is negative beyond tolerance.</summary>
    public static bool Negative(double a) => a < -Relative;

    public static bool TimeEq(DateTime a, DateTime b) => (a - b).Duration() <= Time;

    /// <summary>a &lt;= b within the time tolerance.</summary>
    public static bool TimeLe(DateTime a, DateTime b) => a <= b + Time;
}
