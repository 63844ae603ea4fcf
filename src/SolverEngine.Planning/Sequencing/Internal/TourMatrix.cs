namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>
/// The path problem rewritten as a closed asymmetric TSP tour on N = Count + 1 nodes: node 0 is a
/// depot standing for the carried-in state; product p is node p + 1. Arc 0 -> p+1 weighs the start
/// weight; arc p+1 -> 0 weighs 0 (the order may end anywhere), or is forbidden for every node but
/// the required last one. Forbidden arcs are +inf. Tours from node 0 map one-to-one to orders.
/// </summary>
internal sealed class TourMatrix
{
    public int N { get; }
    public double[] C { get; }

    /// <summary>True when every finite weight is an integer (bounds may then be rounded up).</summary>
    public bool IntegralWeights { get; }

    /// <summary>Largest finite weight (0 when none).</summary>
    public double MaxFinite { get; }

    public TourMatrix(SequencingProblem problem)
    {
        int n = problem.Count;
        N = n + 1;
        C = new double[N * N];
        bool integral = true;
        double max = 0;
        for (int a = 0; a < N; a++)
        {
            for (int b = 0; b < N; b++)
            {
                double w;
                if (a == b)
                {
                    w = double.PositiveInfinity;
                }
                else if (a == 0)
                {
                    w = problem.StartWeight(b - 1);
                }
                else if (b == 0)
                {
                    w = problem.RequiredLast is int last && last != a - 1 ? double.PositiveInfinity : 0.0;
                }
                else
                {
                    // The required last node may only go back to the depot.
                    w = problem.RequiredLast == a - 1 ? double.PositiveInfinity : problem.Weight(a - 1, b - 1);
                }
                C[a * N + b] = w;
                if (!double.IsPositiveInfinity(w))
                {
                    integral &= Math.Floor(w) == w;
                    max = Math.Max(max, w);
                }
            }
        }
        IntegralWeights = integral;
        MaxFinite = max;
    }

    /// <summary>The order encoded by a tour (any rotation): products after the depot.</summary>
    public static int[] ToOrder(int[] tour)
    {
        int n = tour.Length;
        int start = Array.IndexOf(tour, 0);
        var order = new int[n - 1];
        for (int k = 1; k < n; k++)
        {
            order[k - 1] = tour[(start + k) % n] - 1;
        }
        return order;
    }

    public double TourCost(int[] tour)
    {
        double total = 0;
        for (int k = 0; k < tour.Length; k++)
        {
            total += C[tour[k] * N + tour[(k + 1) % tour.Length]];
        }
        return total;
    }
}
