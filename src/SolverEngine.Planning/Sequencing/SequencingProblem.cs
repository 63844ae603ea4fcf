namespace SolverEngine.Planning.Sequencing;

/// <summary>
/// One sequencing subproblem: <c>Count</c> products to run once each, in an order to be chosen.
/// Node indices are 0..Count-1. Immutable once built; arrays passed in are copied.
/// </summary>
/// <remarks>
/// <para>Weights are doubles that the caller composes (for instance changeover hours times a
/// price plus changeover cost). A weight must be finite and &gt;= 0, or
/// <see cref="double.PositiveInfinity"/>, which means "forbidden" just like the forbidden mask.</para>
/// <para>The start state is a row of weights from the set-up state carried in to each product
/// (<see cref="StartWeights"/>); null means "clean": the first run costs nothing.</para>
/// <para><see cref="RequiredLast"/> pins one node to the end of the order. A closed tour is a path
/// that starts from the state of city 1 and ends at a copy of city 1 pinned last.</para>
/// </remarks>
public sealed class SequencingProblem
{
    private readonly double[] _weights; // row-major Count x Count, +inf = forbidden
    private readonly double[]? _start;  // +inf = forbidden first product

    /// <summary>Number of products (nodes) to order.</summary>
    public int Count { get; }

    /// <summary>Node that must come last, or null when any node may end the order.</summary>
    public int? RequiredLast { get; }

    /// <summary>True when the start state is "clean" (first run free, nothing forbidden).</summary>
    public bool HasCleanStart => _start is null;

    /// <summary>Optional name used in logs and benchmark tables.</summary>
    public string? Name { get; init; }

    /// <summary>Builds a problem from a square weight matrix.</summary>
    /// <param name="weights">weights[from, to]; the diagonal is ignored. +inf = forbidden.</param>
    /// <param name="forbidden">Optional mask, forbidden[from, to] = true forbids that transition.</param>
    /// <param name="startWeights">Weight from the carried-in state to each product (+inf = forbidden); null = clean start.</param>
    /// <param name="startForbidden">Optional mask of products that may not run first.</param>
    /// <param name="requiredLast">Node that must come last, or null.</param>
    public SequencingProblem(
        double[,] weights,
        bool[,]? forbidden = null,
        double[]? startWeights = null,
        bool[]? startForbidden = null,
        int? requiredLast = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = weights.GetLength(0);
        if (weights.GetLength(1) != n)
        {
            throw new ArgumentException(
                $"The weight matrix is {weights.GetLength(0)} x {weights.GetLength(1)}; it must be square (one row and one column per product).",
                nameof(weights));
        }
        if (forbidden is not null && (forbidden.GetLength(0) != n || forbidden.GetLength(1) != n))
        {
            throw new ArgumentException(
                $"The forbidden mask is {forbidden.GetLength(0)} x {forbidden.GetLength(1)}; it must match the {n} x {n} weight matrix.",
                nameof(forbidden));
        }
        if (startWeights is not null && startWeights.Length != n)
        {
            throw new ArgumentException(
                $"The start row has {startWeights.Length} weights; it must have one per product ({n}).", nameof(startWeights));
        }
        if (startForbidden is not null && startForbidden.Length != n)
        {
            throw new ArgumentException(
                $"The start forbidden mask has {startForbidden.Length} flags; it must have one per product ({n}).", nameof(startForbidden));
        }
        if (requiredLast is int last && (last < 0 || last >= n))
        {
            throw new ArgumentOutOfRangeException(nameof(requiredLast), last,
                $"The required last node must be a product index in 0..{n - 1}.");
        }

        Count = n;
        RequiredLast = requiredLast;
        _weights = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j)
                {
                    _weights[i * n + j] = double.PositiveInfinity;
                    continue;
                }
                double w = weights[i, j];
                CheckWeight(w, i, j, nameof(weights));
                _weights[i * n + j] = forbidden is not null && forbidden[i, j] ? double.PositiveInfinity : w;
            }
        }

        if (startWeights is not null || startForbidden is not null)
        {
            _start = new double[n];
            for (int j = 0; j < n; j++)
            {
                double w = startWeights?[j] ?? 0.0;
                CheckWeight(w, j, -1, nameof(startWeights));
                _start[j] = startForbidden is not null && startForbidden[j] ? double.PositiveInfinity : w;
            }
        }
    }

    private SequencingProblem(int n, double[] weights, double[]? start)
    {
        Count = n;
        _weights = weights;
        _start = start;
    }

    /// <summary>
    /// A problem on a row-major <paramref name="n"/> x <paramref name="n"/> weight array that the
    /// problem takes over (no copy: the coordinator builds thousands per round); the diagonal is
    /// ignored, and every other weight is checked as by the constructor.
    /// </summary>
    internal static SequencingProblem FromRows(int n, double[] weights, double[]? startWeights)
    {
        if (weights.Length != n * n) throw new ArgumentException($"The weight array has {weights.Length} entries; it must have {n} x {n}.", nameof(weights));
        if (startWeights is not null && startWeights.Length != n)
            throw new ArgumentException($"The start row has {startWeights.Length} weights; it must have one per product ({n}).", nameof(startWeights));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j) weights[i * n + j] = double.PositiveInfinity;
                else CheckWeight(weights[i * n + j], i, j, nameof(weights));
            }
            if (startWeights is not null) CheckWeight(startWeights[i], i, -1, nameof(startWeights));
        }
        return new SequencingProblem(n, weights, startWeights);
    }

    /// <summary>
    /// Expresses a closed tour over the cities of <paramref name="distances"/> (an asymmetric TSP)
    /// as a path: the start state is city <paramref name="home"/>, the nodes are the other cities in
    /// increasing order (node k is city k, or k + 1 from <paramref name="home"/> on), and the last
    /// node is a copy of <paramref name="home"/> pinned last. The diagonal is ignored.
    /// A path's weight equals the tour length; map it back with <see cref="ClosedTourCities"/>.
    /// </summary>
    public static SequencingProblem ForClosedTour(double[,] distances, int home = 0)
    {
        ArgumentNullException.ThrowIfNull(distances);
        int cities = distances.GetLength(0);
        if (cities < 2 || distances.GetLength(1) != cities)
        {
            throw new ArgumentException(
                $"The distance matrix is {distances.GetLength(0)} x {distances.GetLength(1)}; a closed tour needs a square matrix of at least 2 cities.",
                nameof(distances));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(home);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(home, cities);
        int n = cities;
        int City(int node) => node == n - 1 ? home : node < home ? node : node + 1;
        var w = new double[n, n];
        var start = new double[n];
        for (int a = 0; a < n; a++)
        {
            start[a] = a == n - 1 ? double.PositiveInfinity : distances[home, City(a)];
            for (int b = 0; b < n; b++)
            {
                w[a, b] = a == b || a == n - 1 ? double.PositiveInfinity : distances[City(a), City(b)];
            }
        }
        return new SequencingProblem(w, startWeights: start, requiredLast: n - 1);
    }

    /// <summary>The cities of the closed tour (starting at home) encoded by an order of a <see cref="ForClosedTour"/> problem.</summary>
    public static int[] ClosedTourCities(IReadOnlyList<int> order, int home = 0)
    {
        ArgumentNullException.ThrowIfNull(order);
        int n = order.Count;
        var tour = new int[n];
        tour[0] = home;
        for (int k = 0; k < n - 1; k++)
        {
            int node = order[k];
            tour[k + 1] = node < home ? node : node + 1;
        }
        return tour;
    }

    /// <summary>Weight of running <paramref name="to"/> right after <paramref name="from"/>; +inf when forbidden.</summary>
    public double Weight(int from, int to) => _weights[from * Count + to];

    /// <summary>True when <paramref name="to"/> may not directly follow <paramref name="from"/>.</summary>
    public bool IsForbidden(int from, int to) => double.IsPositiveInfinity(Weight(from, to));

    /// <summary>Weight of running <paramref name="to"/> first (0 on a clean start); +inf when forbidden.</summary>
    public double StartWeight(int to) => _start is null ? 0.0 : _start[to];

    /// <summary>
    /// Total weight of <paramref name="order"/> (start weight plus transitions), +inf when it
    /// uses a forbidden transition or breaks <see cref="RequiredLast"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The order is not a permutation of 0..Count-1.</exception>
    public double Evaluate(IReadOnlyList<int> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Count != Count)
        {
            throw new ArgumentException($"The order has {order.Count} nodes; it must list each of the {Count} products once.", nameof(order));
        }
        var seen = new bool[Count];
        foreach (int v in order)
        {
            if (v < 0 || v >= Count || seen[v])
            {
                throw new ArgumentException($"The order is not a permutation of 0..{Count - 1} (node {v} is out of range or repeated).", nameof(order));
            }
            seen[v] = true;
        }
        if (Count == 0)
        {
            return 0.0;
        }
        if (RequiredLast is int last && order[Count - 1] != last)
        {
            return double.PositiveInfinity;
        }
        double total = StartWeight(order[0]);
        for (int k = 1; k < Count; k++)
        {
            total += Weight(order[k - 1], order[k]);
        }
        return total;
    }

    /// <summary>Checks weights[<paramref name="i"/>, <paramref name="j"/>], or startWeights[<paramref name="i"/>] when j &lt; 0.</summary>
    private static void CheckWeight(double w, int i, int j, string paramName)
    {
        // the position's name is formatted only for the error: the check runs n^2 times per problem
        if (double.IsNaN(w) || double.IsNegativeInfinity(w) || w < 0)
        {
            var what = j < 0 ? $"startWeights[{i}]" : $"weights[{i}, {j}]";
            throw new ArgumentException(
                $"{what} is {w}; a changeover weight must be a finite number >= 0, or +infinity for a forbidden transition. "
                + "Compose hours and cost into one non-negative weight before sequencing.", paramName);
        }
    }
}
