using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Planning.Tests.Sequencing;

/// <summary>Reference answers by enumerating every permutation (n &lt;= 8) and random instances.</summary>
internal static class BruteForce
{
    public static double Optimum(SequencingProblem p)
    {
        var order = Enumerable.Range(0, p.Count).ToArray();
        double best = double.PositiveInfinity;
        Permute(order, 0, p, ref best);
        return best;
    }

    private static void Permute(int[] a, int k, SequencingProblem p, ref double best)
    {
        if (k == a.Length)
        {
            best = Math.Min(best, p.Evaluate(a));
            return;
        }
        for (int i = k; i < a.Length; i++)
        {
            (a[k], a[i]) = (a[i], a[k]);
            Permute(a, k + 1, p, ref best);
            (a[k], a[i]) = (a[i], a[k]);
        }
    }

    /// <summary>Random instance: integer weights 0..99, forbidden arcs with probability <paramref name="forbidden"/>, random start and last.</summary>
    public static SequencingProblem Random(int n, int seed, double forbidden, bool integral = true)
    {
        var rng = new Random(seed);
        var w = new double[n, n];
        var f = new bool[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[i, j] = integral ? rng.Next(100) : rng.NextDouble() * 100;
                f[i, j] = rng.NextDouble() < forbidden;
            }
        }
        double[]? start = rng.Next(3) == 0 ? null : Enumerable.Range(0, n).Select(_ => (double)rng.Next(50)).ToArray();
        bool[]? startForbidden = start is null ? null : Enumerable.Range(0, n).Select(_ => rng.NextDouble() < forbidden).ToArray();
        int? last = n > 0 && rng.Next(3) == 0 ? rng.Next(n) : null;
        return new SequencingProblem(w, f, start, startForbidden, last);
    }
}
