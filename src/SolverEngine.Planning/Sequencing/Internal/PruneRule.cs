namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>When a node's lower bound shows it cannot beat the incumbent (shared by both tree searches).</summary>
internal static class PruneRule
{
    /// <summary>
    /// With integral costs a node must beat the incumbent by a whole unit to matter; otherwise by more
    /// than float noise. An infinite bound (infeasible node) always prunes; no incumbent never does.
    /// </summary>
    public static bool CanPrune(double bound, double upperBound, bool integral)
    {
        if (double.IsPositiveInfinity(bound)) return true;
        if (double.IsPositiveInfinity(upperBound)) return false;
        return integral
            ? bound > upperBound - 1.0 + 1e-6 * Math.Max(1.0, Math.Abs(upperBound))
            : bound >= upperBound - 1e-9 * Math.Max(1.0, Math.Abs(upperBound));
    }
}
