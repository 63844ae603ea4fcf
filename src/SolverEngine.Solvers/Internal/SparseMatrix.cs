namespace SolverEngine.Solvers.Internal;

/// <summary>
/// A compressed sparse matrix (column-major for Clp/Cbc's loadProblem, or row-major for addRows), with duplicate
/// (row, column) entries summed and explicit zeros kept out.
/// </summary>
internal sealed class SparseMatrix
{
    public SparseMatrix(int[] starts, int[] indices, double[] values)
    {
        Starts = starts;
        Indices = indices;
        Values = values;
    }

    /// <summary>Length = major dimension + 1; CoinBigIndex is int in the binding (see Interop.Clp).</summary>
    public int[] Starts { get; }

    public int[] Indices { get; }

    public double[] Values { get; }

    /// <summary>
    /// Builds a compressed matrix from triplets in O(nnz + dims): counting sort on the major index, then a
    /// per-minor marker to merge duplicates within each major vector.
    /// </summary>
    public static SparseMatrix FromTriplets(int majorCount, int minorCount, ReadOnlySpan<int> major, ReadOnlySpan<int> minor, ReadOnlySpan<double> values)
    {
        var nnz = major.Length;
        var counts = new int[majorCount + 1];
        for (var k = 0; k < nnz; k++)
        {
            counts[major[k] + 1]++;
        }

        for (var j = 0; j < majorCount; j++)
        {
            counts[j + 1] += counts[j];
        }

        var next = (int[])counts.Clone();
        var index = new int[nnz];
        var value = new double[nnz];
        for (var k = 0; k < nnz; k++)
        {
            var p = next[major[k]]++;
            index[p] = minor[k];
            value[p] = values[k];
        }

        // Merge duplicates and drop zeros, compacting in place.
        var marker = new int[minorCount];
        Array.Fill(marker, -1);
        var starts = new int[majorCount + 1];
        var write = 0;
        for (var j = 0; j < majorCount; j++)
        {
            var begin = write;
            for (var p = counts[j]; p < counts[j + 1]; p++)
            {
                var i = index[p];
                if (marker[i] >= begin)
                {
                    value[marker[i]] += value[p];
                }
                else
                {
                    marker[i] = write;
                    index[write] = i;
                    value[write] = value[p];
                    write++;
                }
            }

            // Remove entries that cancelled to zero.
            var keep = begin;
            for (var p = begin; p < write; p++)
            {
                if (value[p] != 0.0)
                {
                    index[keep] = index[p];
                    value[keep] = value[p];
                    keep++;
                }
            }

            write = keep;
            starts[j + 1] = write;
        }

        if (write != nnz)
        {
            Array.Resize(ref index, write);
            Array.Resize(ref value, write);
        }

        return new SparseMatrix(starts, index, value);
    }
}
