namespace SolverEngine.Core.Import;

/// <summary>
/// A TSPLIB instance with an explicit full distance matrix (as read by <see cref="TsplibReader"/>).
/// Cities are 0-based here (TSPLIB numbers them from 1).
/// </summary>
public sealed class TsplibInstance
{
    private readonly double[] _weights;

    internal TsplibInstance(string name, string type, string comment, int dimension, double[] weights)
    {
        Name = name;
        Type = type;
        Comment = comment;
        Dimension = dimension;
        _weights = weights;
    }

    /// <summary>The NAME keyword (empty when absent).</summary>
    public string Name { get; }

    /// <summary>The TYPE keyword, e.g. "ATSP" or "TSP".</summary>
    public string Type { get; }

    /// <summary>The COMMENT keyword (empty when absent).</summary>
    public string Comment { get; }

    /// <summary>Number of cities.</summary>
    public int Dimension { get; }

    /// <summary>Distance from <paramref name="from"/> to <paramref name="to"/> (0-based). The diagonal holds whatever the file says (often a big number).</summary>
    public double Distance(int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, Dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(to, Dimension);
        return _weights[from * Dimension + to];
    }

    /// <summary>A copy of the matrix, [from, to].</summary>
    public double[,] ToMatrix()
    {
        var m = new double[Dimension, Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            for (int j = 0; j < Dimension; j++)
            {
                m[i, j] = _weights[i * Dimension + j];
            }
        }
        return m;
    }

    /// <summary>Length of the closed tour visiting <paramref name="tour"/> in order and returning to its first city.</summary>
    public double TourLength(IReadOnlyList<int> tour)
    {
        ArgumentNullException.ThrowIfNull(tour);
        double total = 0;
        for (int k = 0; k < tour.Count; k++)
        {
            total += Distance(tour[k], tour[(k + 1) % tour.Count]);
        }
        return total;
    }
}
