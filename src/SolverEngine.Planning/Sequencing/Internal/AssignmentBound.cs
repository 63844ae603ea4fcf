namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// The assignment relaxation of the tour: every node gets exactly one successor and one
/// predecessor, subtours allowed. Its optimum is a lower bound on every tour. Solved by the
/// shortest augmenting path Hungarian method with potentials, O(N^3); +inf arcs are never used,
/// and a row that cannot be assigned proves the tour problem infeasible.
/// </summary>
internal static class AssignmentBound
{
    /// <summary>Least assignment weight (+inf when none exists); <paramref name="successor"/> receives the assignment.</summary>
    public static double Solve(int n, double[] c, int[] successor, WorkBudget? budget = null)
    {
        var u = new double[n + 1];
        var v = new double[n + 1];
        var p = new int[n + 1];     // p[col] = row assigned to col (1-based, 0 = none)
        var way = new int[n + 1];
        var minv = new double[n + 1];
        var used = new bool[n + 1];
        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = p[j0];
                double delta = double.PositiveInfinity;
                int j1 = -1;
                int rowBase = (i0 - 1) * n - 1;
                for (int j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }
                    double cur = c[rowBase + j] - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                if (j1 < 0 || double.IsPositiveInfinity(delta))
                {
                    return double.PositiveInfinity; // row i cannot be assigned: no tour either
                }
                for (int j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            }
            while (p[j0] != 0);
            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
            budget?.Spend((long)n * n);
        }

        double total = 0;
        for (int j = 1; j <= n; j++)
        {
            successor[p[j] - 1] = j - 1;
            total += c[(p[j] - 1) * n + (j - 1)];
        }
        return total;
    }
}
