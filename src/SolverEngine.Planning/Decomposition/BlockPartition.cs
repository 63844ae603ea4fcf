using SolverEngine.Solvers;

namespace SolverEngine.Planning.Decomposition;

/// <summary>
/// A split of an LP into a master part and independent blocks (block-angular form): the master
/// holds the linking columns (in the aggregate LP, the lane transfers) and the rows that use only
/// them (lane capacity); every other row belongs to exactly one block. Blocks are the connected
/// components of the non-master columns through the rows, with columns of the same label (a site)
/// always in one block; so a shared asset or a tank that spans two sites merges them. Columns that
/// appear in no row go to the master (they need no block).
/// </summary>
internal sealed class BlockPartition
{
    private BlockPartition(int columns, int rows, int[] masterColumns, int[] masterRows, Block[] blocks, (int[] Starts, int[] Columns, double[] Values) matrix)
    {
        ColumnCount = columns;
        RowCount = rows;
        MasterColumns = masterColumns;
        MasterRows = masterRows;
        Blocks = blocks;
        Matrix = matrix;
    }

    public int ColumnCount { get; }
    public int RowCount { get; }
    /// <summary>Master columns (global indices, ascending).</summary>
    public int[] MasterColumns { get; }
    /// <summary>Rows with master columns only (global indices, ascending).</summary>
    public int[] MasterRows { get; }
    /// <summary>Blocks, ordered by their first column.</summary>
    public Block[] Blocks { get; }
    /// <summary>The model's matrix row by row (see <see cref="LinearModel.GetRowMajor"/>).</summary>
    public (int[] Starts, int[] Columns, double[] Values) Matrix { get; }

    /// <summary>One block: its own columns, its rows, and the master columns its rows use.</summary>
    /// <param name="Columns">Own columns (global, ascending).</param>
    /// <param name="Rows">Rows (global, ascending).</param>
    /// <param name="Linking">Master columns that appear in the block's rows (global, ascending).</param>
    internal sealed record Block(int[] Columns, int[] Rows, int[] Linking);

    /// <summary>
    /// Splits <paramref name="model"/>. <paramref name="label"/>[j] &gt;= 0 groups column j with every
    /// column of the same label (-1: no label); <paramref name="master"/>[j] marks linking columns.
    /// </summary>
    public static BlockPartition Of(LinearModel model, IReadOnlyList<int> label, IReadOnlyList<bool> master)
    {
        ArgumentNullException.ThrowIfNull(model);
        var n = model.VariableCount;
        var mRows = model.ConstraintCount;
        if (label.Count != n || master.Count != n)
            throw new ArgumentException($"The column labels ({label.Count}) and master flags ({master.Count}) must have one entry per column ({n}).");
        var matrix = model.GetRowMajor();
        var (starts, cols, _) = matrix;

        var parent = new int[n];
        for (var j = 0; j < n; j++) parent[j] = j;
        int Find(int j)
        {
            while (parent[j] != j)
            {
                parent[j] = parent[parent[j]];
                j = parent[j];
            }
            return j;
        }
        void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a == b) return;
            if (a < b) parent[b] = a; else parent[a] = b; // the smaller index is the root: a stable order
        }

        var firstOfLabel = new Dictionary<int, int>();
        for (var j = 0; j < n; j++)
        {
            if (master[j] || label[j] < 0) continue;
            if (firstOfLabel.TryGetValue(label[j], out var first)) Union(first, j);
            else firstOfLabel[label[j]] = j;
        }
        var inRow = new bool[n];
        for (var r = 0; r < mRows; r++)
        {
            var anchor = -1;
            for (var k = starts[r]; k < starts[r + 1]; k++)
            {
                var j = cols[k];
                inRow[j] = true;
                if (master[j]) continue;
                if (anchor < 0) anchor = j; else Union(anchor, j);
            }
        }

        // blocks by root, in order of their smallest column
        var blockOfRoot = new Dictionary<int, int>();
        var blockCols = new List<List<int>>();
        var masterCols = new List<int>();
        var isMaster = new bool[n];
        for (var j = 0; j < n; j++)
        {
            if (master[j] || !inRow[j])
            {
                masterCols.Add(j);
                isMaster[j] = true;
                continue;
            }
            var root = Find(j);
            if (!blockOfRoot.TryGetValue(root, out var b))
            {
                b = blockCols.Count;
                blockOfRoot[root] = b;
                blockCols.Add([]);
            }
            blockCols[b].Add(j);
        }

        var blockRows = blockCols.Select(_ => new List<int>()).ToList();
        var blockLinking = blockCols.Select(_ => new SortedSet<int>()).ToList();
        var masterRows = new List<int>();
        for (var r = 0; r < mRows; r++)
        {
            var b = -1;
            for (var k = starts[r]; k < starts[r + 1]; k++)
            {
                if (isMaster[cols[k]]) continue;
                b = blockOfRoot[Find(cols[k])];
                break;
            }
            if (b < 0)
            {
                masterRows.Add(r);
                continue;
            }
            blockRows[b].Add(r);
            for (var k = starts[r]; k < starts[r + 1]; k++)
                if (isMaster[cols[k]]) blockLinking[b].Add(cols[k]);
        }

        var blocks = new Block[blockCols.Count];
        for (var b = 0; b < blocks.Length; b++) blocks[b] = new Block(blockCols[b].ToArray(), blockRows[b].ToArray(), blockLinking[b].ToArray());
        return new BlockPartition(n, mRows, masterCols.ToArray(), masterRows.ToArray(), blocks, matrix);
    }
}
