namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// Families of rows of the aggregate LP that can limit a plan: what an alert names as the cause
/// of a late order (<c>AlertCause.constraint</c>), and what a diagnosis relaxes to test it.
/// </summary>
internal enum RowFamily
{
    /// <summary>Production + changeover hours &lt;= available hours. Entity = line index.</summary>
    LineCapacity,
    /// <summary>Hours of one product &lt;= available hours x set-up. Entity = line index, Item = position in <c>LineInfo.Products</c>.</summary>
    SetupLink,
    /// <summary>Material balance (equality). Entity = material index, Site = site index.</summary>
    MaterialBalance,
    /// <summary>Departures per bucket &lt;= capacity per day x days. Entity = lane index.</summary>
    LaneCapacity,
    /// <summary>End-of-bucket stock of a site &lt;= warehouse capacity. Entity = site index.</summary>
    Warehouse,
    /// <summary>Occupied hours of a shared asset &lt;= capacity x working hours. Entity = index in <c>PlanningModel.shared_assets</c>.</summary>
    AssetCapacity,
    /// <summary>End-of-bucket tank level &lt;= capacity. Entity = index in <c>PlanningModel.tanks</c>.</summary>
    TankCapacity,
    /// <summary>Fixed set-up LP only: quantity = batch_size x whole batches. Entity = recipe index. Not a cause by itself.</summary>
    BatchMultiple,
    /// <summary>Fixed set-up LP only: a lot that starts with a changeover makes at least its minimum run. Entity = line index, Item = position in <c>LineInfo.Products</c>. Not a cause by itself.</summary>
    MinRun,
}

/// <summary>Names one row of the aggregate LP: its family, entity, bucket, and (family-dependent) site and item.</summary>
internal readonly record struct RowKey(RowFamily Family, int Entity, int Bucket, int Site = -1, int Item = -1);

/// <summary>
/// Row handles of one built aggregate LP, looked up by <see cref="RowKey"/> or listed by family.
/// Filled while <see cref="AggregateModel.Build"/> writes the rows (the families' rows come before
/// the rows that differ between the relaxation and the fixed set-up LP, so the indices hold for
/// both; <see cref="RowFamily.BatchMultiple"/> rows exist in the fixed set-up LP only).
/// </summary>
internal sealed class AggregateRows
{
    private readonly Dictionary<RowKey, int> _rows = [];
    private readonly List<(RowKey Key, int Row)> _ordered = [];

    /// <summary>Records that row <paramref name="row"/> is <paramref name="key"/>; returns the row.</summary>
    public int Add(RowKey key, int row)
    {
        _rows[key] = row;
        _ordered.Add((key, row));
        return row;
    }

    /// <summary>The row of <paramref name="key"/>, or -1 when the LP has none (no hours, no capacity limit...).</summary>
    public int Find(RowKey key) => _rows.TryGetValue(key, out var row) ? row : -1;

    /// <summary>Every recorded row, in the order the LP holds them.</summary>
    public IReadOnlyList<(RowKey Key, int Row)> All => _ordered;

    public IEnumerable<(RowKey Key, int Row)> Of(RowFamily family) => _ordered.Where(r => r.Key.Family == family);
}
