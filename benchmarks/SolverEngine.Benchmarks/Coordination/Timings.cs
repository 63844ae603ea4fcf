namespace SolverEngine.Benchmarks.Coordination;

/// <summary>Summaries of repeated wall-clock timings for the side-by-side verbs (subproblem-speedup, site-decomposition).</summary>
internal static class Timings
{
    /// <summary>The median (the mean of the two middle values for an even count): robust to a run disturbed by load.</summary>
    public static double Median(IEnumerable<double> seconds)
    {
        var s = seconds.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
