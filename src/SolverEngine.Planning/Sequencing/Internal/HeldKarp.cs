using System.Numerics;

namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// Exact dynamic programming over subsets (Held-Karp) on the path form: best[S, j] = least weight
/// of a path from the start state through exactly the set S, ending at j. The required last node,
/// if any, is kept out of the subsets and appended at the end, which halves the table.
/// Doubles (not floats) keep sums of large weights exact; a byte table stores the predecessor.
/// </summary>
internal static class HeldKarp
{
    /// <summary>Most free nodes the subset indices (int bit masks) allow.</summary>
    public const int MaxNodes = 30;

    /// <summary>Bytes the tables need for <paramref name="freeNodes"/> nodes.</summary>
    public static long BytesNeeded(int freeNodes) =>
        freeNodes >= 40 ? long.MaxValue : (1L << freeNodes) * freeNodes * (sizeof(double) + sizeof(byte));

    /// <summary>Largest tables (bytes) a thread keeps for its next solve; larger ones are allocated per solve.</summary>
    private const long KeptTableBytes = 1L << 20;

    // Per-thread tables: the coordinator runs thousands of small solves per round on every worker, and a
    // fresh 0.2-2 MB table per solve was large-object-heap traffic that slowed both workers.
    [ThreadStatic] private static double[]? t_best;
    [ThreadStatic] private static byte[]? t_pred;

    private static (double[] Best, byte[] Pred) Tables(long cells)
    {
        if (cells * (sizeof(double) + sizeof(byte)) > KeptTableBytes)
        {
            return (new double[cells], new byte[cells]);
        }
        if (t_best is null || t_best.Length < cells)
        {
            t_best = new double[cells];
            t_pred = new byte[cells];
        }
        return (t_best, t_pred!);
    }

    /// <summary>Returns the optimal order, or null when every order is forbidden.</summary>
    public static int[]? Solve(SequencingProblem problem, WorkBudget budget, out bool completed)
    {
        int n = problem.Count;
        int? last = problem.RequiredLast;
        // Free nodes: every node but the required last one, renumbered 0..m-1.
        int m = last is null ? n : n - 1;
        var free = new int[m];
        for (int v = 0, k = 0; v < n; v++)
        {
            if (v != last) free[k++] = v;
        }
        completed = false;
        if (m == 0)
        {
            completed = true;
            return last is int only && !double.IsPositiveInfinity(problem.StartWeight(only)) ? [only] : null;
        }

        int full = (1 << m) - 1;
        long cells = (long)(full + 1) * m;
        var (best, pred) = Tables(cells);
        // wIn[k * m + j] = weight of j -> k: the pull step below reads a column of the weights as a row.
        var wIn = new double[m * m];
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b < m; b++)
            {
                wIn[b * m + a] = problem.Weight(free[a], free[b]);
            }
        }

        // Pull form: best[S, k] = min over j in S - {k} of best[S - {k}, j] + w(j, k). Every cell
        // read was written before (S - {k} < S) and only cells with k in S are read, so the table
        // needs no initial fill, row S is written in order, and it reads whole earlier rows (the push
        // form wrote one cell in each of m rows per cell, which is what the memory traffic was).
        // j ascending with a strict '<' keeps the lowest j among equal paths, as the push form did.
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
            for (int rest = set; rest != 0; rest &= rest - 1)
            {
                int k = BitOperations.TrailingZeroCount(rest);
                int before = set & ~(1 << k);
                if (before == 0)
                {
                    best[row + k] = problem.StartWeight(free[k]);
                    pred[row + k] = byte.MaxValue;
                    continue;
                }
                long from = (long)before * m;
                int wRow = k * m;
                double bestHere = double.PositiveInfinity;
                byte predHere = byte.MaxValue;
                for (int js = before; js != 0; js &= js - 1)
                {
                    int j = BitOperations.TrailingZeroCount(js);
                    double cand = best[from + j] + wIn[wRow + j];
                    if (cand < bestHere)
                    {
                        bestHere = cand;
                        predHere = (byte)j;
                    }
                }
                best[row + k] = bestHere;
                pred[row + k] = predHere;
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
