using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;

namespace SolverEngine.Planning.Internal.Instance;

/// <summary>
/// The planner's view of a <see cref="CompiledModel"/> (built by <see cref="InstanceBuilder"/>):
/// the same indices, plus dense [site][item][bucket] arrays and the hours each line is free
/// after frozen runs. Immutable once built; shared read-only.
/// </summary>
internal sealed class PlanningInstance
{
    /// <summary>The compiled model everything here comes from.</summary>
    public required CompiledModel Compiled { get; init; }

    /// <summary>The (private copy of the) validated model.</summary>
    public required PlanningModel Model { get; init; }

    // ---- time grid ----
    public required BucketGrid Grid { get; init; }
    public required BucketInfo[] Buckets { get; init; }
    public int T => Buckets.Length;
    public DateTime HorizonStart => Buckets[0].Start;
    public DateTime HorizonEnd => Buckets[^1].End;
    public required DateTime FrozenEnd { get; init; }

    // ---- entities ----
    public required SiteInfo[] Sites { get; init; }
    public required ProductInfo[] Products { get; init; }
    public required LineInfo[] Lines { get; init; }
    public required RecipeInfo[] Recipes { get; init; }
    public required MaterialInfo[] Materials { get; init; }
    public required LaneInfo[] Lanes { get; init; }
    public required OrderInfo[] Orders { get; init; }
    public required FrozenRunInfo[] FrozenRuns { get; init; }

    // ---- quantities, [site][item][bucket] or [site][item] ----
    public required double[][] InitialStock { get; init; }
    public required double[][] InitialBacklog { get; init; }
    public required double[][] InitialMaterial { get; init; }
    /// <summary>Demand signal max(forecast, orders) per [site][product][bucket].</summary>
    public required double[][][] Demand { get; init; }
    /// <summary>Orders due per [site][product][bucket] (the firm part of Demand).</summary>
    public required double[][][] OrderDemand { get; init; }
    /// <summary>Scheduled receipts per [site][material][bucket].</summary>
    public required double[][][] SupplyArrivals { get; init; }
    /// <summary>Holding cost per [site][product] (site override or product's).</summary>
    public required double[][] HoldingCost { get; init; }
    /// <summary>True where the product has demand at the site (safety stock applies there).</summary>
    public required bool[][] HasDemand { get; init; }

    public int SiteIndex(string id) => Array.FindIndex(Sites, s => s.Id == id);
    public int ProductIndex(string id) => Array.FindIndex(Products, p => p.Id == id);
}

internal sealed record BucketInfo(int Index, DateTime Start, DateTime End, Granularity Granularity, string Fence)
{
    public double Days => (End - Start).TotalDays;
}

internal sealed record SiteInfo(string Id, double? WarehouseCapacity);

internal sealed record ProductInfo(string Id, Product Source)
{
    public DemandPolicy Policy => Source.DemandPolicy;
}

internal sealed class LineInfo
{
    public required string Id { get; init; }
    public required int Site { get; init; }
    /// <summary>Product index the line is set up for at horizon start, -1 = clean.</summary>
    public required int InitialProduct { get; init; }
    public required bool SetupPerBucket { get; init; }
    public required int? MaxRunsPerBucket { get; init; }
    public required WorkingTime WorkingTime { get; init; }
    /// <summary>Working hours per bucket available to planned (non-frozen) runs.</summary>
    public required double[] AvailableHours { get; init; }
    /// <summary>Earliest time planned runs may start per bucket (after the frozen zone and frozen runs).</summary>
    public required DateTime[] FreeFrom { get; init; }
    /// <summary>Products with at least one recipe on this line (ascending product index).</summary>
    public required int[] Products { get; init; }
    /// <summary>Recipes of this line per product index (empty when none).</summary>
    public required int[][] RecipesOfProduct { get; init; }
    /// <summary>Changeover between two of the line's products [from, to] (model product indices); diagonal zero.</summary>
    public required ChangeoverTable Changeover { get; init; }
    /// <summary>Changeover from the "any" state (rules with empty from side), used at bucket starts of setup_per_bucket lines.</summary>
    public required CleanChangeovers FromClean { get; init; }
    /// <summary>The line's state (product index or -1 clean) when its first planned run may start, after frozen runs.</summary>
    public required int StateAfterFrozen { get; init; }
    /// <summary>First bucket in which planned runs may happen (T when none): the first whose end is after <see cref="FreeFrom"/>.</summary>
    public required int FirstFreeBucket { get; init; }
    /// <summary>Per bucket: whether a frozen run of the line lies in it.</summary>
    public required bool[] HasFrozenRunIn { get; init; }

    /// <summary>
    /// The changeover into <paramref name="to"/> from state <paramref name="from"/>: a product index,
    /// -1 = clean line (free, except for setup_per_bucket lines, which use <see cref="FromClean"/>).
    /// Null when no changeover happens (same product).
    /// </summary>
    public ChangeoverEntry? Into(int from, int to)
    {
        if (from == to) return null;
        if (from < 0) return SetupPerBucket ? FromClean[to] : ChangeoverEntry.Free;
        return Changeover[from, to];
    }
}

internal readonly record struct ChangeoverEntry(double Hours, double Cost, bool Forbidden)
{
    public static ChangeoverEntry Free => new(0, 0, false);
}

/// <summary>A line's <see cref="ChangeoverMatrix"/> indexed by model product indices.</summary>
internal sealed class ChangeoverTable(ChangeoverMatrix matrix)
{
    /// <exception cref="ArgumentOutOfRangeException">A product the line cannot hold.</exception>
    public ChangeoverEntry this[int from, int to]
    {
        get
        {
            int a = Local(from), b = Local(to);
            return new ChangeoverEntry(matrix.Hours(a, b), matrix.Cost(a, b), matrix.IsForbidden(a, b));
        }
    }

    internal int Local(int product)
    {
        var i = matrix.LocalIndexOf(product);
        return i >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(product), product, "The line has no recipe for this product and does not start with it.");
    }
}

/// <summary>The changeover from a clean state (rules with an empty "from"), by model product index.</summary>
internal sealed class CleanChangeovers(ChangeoverMatrix matrix)
{
    public ChangeoverEntry this[int to]
    {
        get
        {
            var b = matrix.LocalIndexOf(to);
            if (b < 0) throw new ArgumentOutOfRangeException(nameof(to), to, "The line has no recipe for this product and does not start with it.");
            return new ChangeoverEntry(matrix.Hours(ChangeoverMatrix.Clean, b), matrix.Cost(ChangeoverMatrix.Clean, b), matrix.IsForbidden(ChangeoverMatrix.Clean, b));
        }
    }
}

internal sealed class RecipeInfo
{
    public required string Id { get; init; }
    public required int Index { get; init; }
    public required int Product { get; init; }
    public required int Line { get; init; }
    public required double Rate { get; init; }
    public required double Yield { get; init; }
    /// <summary>Working hours per good unit: 1 / (rate * yield).</summary>
    public double HoursPerUnit => 1.0 / (Rate * Yield);
    public required double MinRun { get; init; }
    /// <summary>The least lot a changeover obliges: min_run_quantity rounded up to whole batches.</summary>
    public double EffectiveMinRun => BatchSize > 0 && MinRun > 0 ? Math.Ceiling(MinRun / BatchSize - 1e-9) * BatchSize : MinRun;
    public required double BatchSize { get; init; }
    public required double VariableCost { get; init; }
    /// <summary>Material inputs: (material index, units per good unit = qty_per_unit / yield).</summary>
    public required (int Material, double PerUnit)[] MaterialInputs { get; init; }
    /// <summary>Product inputs (intermediates): (product index, units per good unit).</summary>
    public required (int Product, double PerUnit)[] ProductInputs { get; init; }
}

internal sealed record MaterialInfo(string Id, Material Source)
{
    public TimeSpan LeadTime => Source.LeadTime?.ToTimeSpan() ?? TimeSpan.Zero;
}

internal sealed class LaneInfo
{
    public required string Id { get; init; }
    public required int From { get; init; }
    public required int To { get; init; }
    public required TimeSpan LeadTime { get; init; }
    public required double CostPerUnit { get; init; }
    public required double? CapacityPerDay { get; init; }
    /// <summary>Allowed products, null = all.</summary>
    public required HashSet<int>? Products { get; init; }
    public bool Allows(int p) => Products is null || Products.Contains(p);
}

internal sealed record OrderInfo(int Index, string Id, string Customer, int Product, int Site, double Quantity, DateTime Due, int DueBucket, int Priority);

internal sealed record FrozenRunInfo(int Line, int Product, int Recipe, DateTime Start, DateTime End, double Quantity, int Bucket, FrozenRun Source);
