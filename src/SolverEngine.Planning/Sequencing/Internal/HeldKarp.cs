namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Exact dynamic programming over subsets (Held-Karp) on the path form: best[S, j] = least weight
/// of a path from the start state through exactly the set S, ending at j. The required last node,
/// if any, is kept out of the subsets and appended at the end, which halves the table.
/// Doubles (not floats) keep sums of large weights exact; a byte table stores the predecessor.
/// </summary>
internal static class HeldKarp
{
    /// <summary>Bytes the tables need for <paramref name="freeNodes"/> nodes.</summary>
    public static long BytesNeeded(int freeNodes) =>
        freeNodes >= 40 ? long.MaxValue : (1L << freeNodes) * freeNodes * (sizeof(double) + sizeof(byte));

    /// <summary>Returns the optimal order, or null when every order is forbidden.</summary>
    public static int[]? Solve(SequencingProblem problem, WorkBudget budget, out bool completed)
    {
        int n = problem.Count;
        int? last = problem.RequiredLast;
        // Free nodes: every node but the required last one, renumbered 0..m-1.
        int[] free = Enumerable.Range(0, n).Where(v => v != last).ToArray();
        int m = free.Length;
        completed = false;
        if (m == 0)
        {
            completed = true;
            return last is int only && !double.IsPositiveInfinity(problem.StartWeight(only)) ? [only] : null;
        }

        int full = (1 << m) - 1;
        var best = new double[(long)(full + 1) * m];
        var pred = new byte[best.Length];
        Array.Fill(best, double.PositiveInfinity);
        var w = new double[m * m];
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b < m; b++)
            {
                w[a * m + b] = problem.Weight(free[a], free[b]);
            }
            best[(1L << a) * m + a] = problem.StartWeight(free[a]);
            pred[(1L << a) * m + a] = byte.MaxValue;
        }

        for (int set = 1; set <= full; set++)
        {
            if ((set & 1023) == 0)
            {
                budget.Spend(1024L * m * m);
                if (budget.IsExhausted)
                {
                    return null;
                }
            }
            long row = (long)set * m;
            for (int j = 0; j < m; j++)
            {
                double here = best[row + j];
                if (double.IsPositiveInfinity(here))
                {
                    continue;
                }
                int wRow = j * m;
                for (int k = 0; k < m; k++)
                {
                    if ((set & (1 << k)) != 0)
                    {
                        continue;
                    }
                    double cand = here + w[wRow + k];
                    long to = (long)(set | (1 << k)) * m + k;
                    if (cand < best[to])
                    {
                        best[to] = cand;
                        pred[to] = (byte)j;
                    }
                }
            }
        }
        completed = true;

        long fullRow = (long)full * m;
        int end = -1;
        double bestCost = double.PositiveInfinity;
        for (int j = 0; j < m; j++)
        {
            double cost = best[fullRow + j] + (last is int l ? problem.Weight(free[j], l) : 0.0);
            if (cost < bestCost)
            {
                bestCost = cost;
                end = j;
            }
        }
        if (end < 0)
        {
            return null;
        }

        var order = new List<int>(n);
        if (last is int lastNode)
        {
            order.Add(lastNode);
        }
        int s = full;
        int cur = end;
        while (cur != byte.MaxValue)
        {
            order.Add(free[cur]);
            int p = pred[(long)s * m + cur];
            s &= ~(1 << cur);
            cur = p;
        }
        order.Reverse();
        return order.ToArray();
    }
}
