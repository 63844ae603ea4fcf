using System.Collections.Immutable;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Compilation;

// The compiled model's entities. All references are dense indices into the CompiledModel's
// arrays (-1 = none); times are UTC DateTime; "unlimited" is double.PositiveInfinity.

public sealed class CompiledSite
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public string Name { get; internal init; } = "";
    /// <summary>Most total end-of-bucket stock of all products (units); +inf = unlimited.</summary>
    public double WarehouseCapacity { get; internal init; }
    public ImmutableArray<int> Lines { get; internal init; }
    public ImmutableArray<int> Tanks { get; internal init; }
    /// <summary>Assets of this site (assets with no site are in none).</summary>
    public ImmutableArray<int> Assets { get; internal init; }
}

public sealed class CompiledLine
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public string Name { get; internal init; } = "";
    public int Site { get; internal init; }
    /// <summary>Model product index the line is set up for at horizon start, or -1 (clean).</summary>
    public int InitialProduct { get; internal init; }
    /// <summary>
    /// Line-local index (in <see cref="Changeovers"/>) of the state before the first run:
    /// the initial product, or <see cref="ChangeoverMatrix.Clean"/> when the line is clean or
    /// loses its set-up at every bucket boundary.
    /// </summary>
    public int InitialLocalProduct { get; internal init; }
    /// <summary>True: set-up state is lost at every bucket boundary (first run of a bucket starts from Clean).</summary>
    public bool SetupPerBucket { get; internal init; }
    /// <summary>Most runs that may start in one bucket; int.MaxValue = unlimited.</summary>
    public int MaxRunsPerBucket { get; internal init; }
    public WorkingCalendar Calendar { get; internal init; } = null!;
    /// <summary>Working hours per bucket (calendar minus downtime).</summary>
    public ImmutableArray<double> AvailableHours { get; internal init; }
    public ChangeoverMatrix Changeovers { get; internal init; } = null!;
    /// <summary>Recipes that run on this line.</summary>
    public ImmutableArray<int> Recipes { get; internal init; }
}

public sealed class CompiledProduct
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public string Name { get; internal init; } = "";
    /// <summary>Index into <see cref="CompiledModel.Families"/>, or -1 when the product has no family.</summary>
    public int Family { get; internal init; }
    public double HoldingCost { get; internal init; }
    public double BacklogCost { get; internal init; }
    public double LostSaleCost { get; internal init; }
    public double Price { get; internal init; }
    public double UnitValue { get; internal init; }
    public double SafetyStock { get; internal init; }
    public double SafetyStockCost { get; internal init; }
    public DemandPolicy DemandPolicy { get; internal init; }
    public bool Intermediate { get; internal init; }
    public string Unit { get; internal init; } = "";
    /// <summary>Recipes that make this product (on any line).</summary>
    public ImmutableArray<int> Recipes { get; internal init; }
}

public sealed class CompiledMaterial
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public string Name { get; internal init; } = "";
    public string Unit { get; internal init; } = "";
    public bool Purchasable { get; internal init; }
    public double PurchaseCost { get; internal init; }
    public TimeSpan LeadTime { get; internal init; }
    public double HoldingCost { get; internal init; }
    /// <summary>Units per day and site; +inf = unlimited.</summary>
    public double MaxPurchasePerDay { get; internal init; }
}

/// <summary>What one good unit of a recipe's output consumes of one input.</summary>
public readonly record struct RecipeInputUse(bool IsMaterial, int Item, double PerGoodUnit)
{
    /// <summary>Product index when this is a product input, else -1.</summary>
    public int Product => IsMaterial ? -1 : Item;

    /// <summary>Material index when this is a material input, else -1.</summary>
    public int Material => IsMaterial ? Item : -1;
}

public sealed class CompiledRecipe
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public int Product { get; internal init; }
    public int Line { get; internal init; }
    /// <summary>The product's index in the line's <see cref="ChangeoverMatrix"/>.</summary>
    public int LocalProduct { get; internal init; }
    /// <summary>Units processed per working hour.</summary>
    public double Rate { get; internal init; }
    /// <summary>Good output per unit processed, in (0, 1].</summary>
    public double Yield { get; internal init; }
    /// <summary>Working hours per good unit = 1 / (rate * yield).</summary>
    public double HoursPerUnit { get; internal init; }
    public double MinRunQuantity { get; internal init; }
    /// <summary>Run quantities are multiples of this; 0 = any quantity.</summary>
    public double BatchSize { get; internal init; }
    public double VariableCost { get; internal init; }
    /// <summary>Inputs per good unit (quantity_per_unit / yield).</summary>
    public ImmutableArray<RecipeInputUse> Inputs { get; internal init; }
    public ImmutableArray<int> Assets { get; internal init; }
    /// <summary>Tank the output flows into, or -1 (site inventory).</summary>
    public int OutputTank { get; internal init; }
    /// <summary>Tank product inputs are drawn from, or -1 (site inventory).</summary>
    public int InputTank { get; internal init; }
}

/// <summary>A changeover rule, kept for the assets it occupies (rows of a <see cref="ChangeoverMatrix"/> name rules by index).</summary>
public sealed class CompiledChangeoverRule
{
    public int Index { get; internal init; }
    /// <summary>-1 = all lines.</summary>
    public int Line { get; internal init; }
    public double Hours { get; internal init; }
    public double Cost { get; internal init; }
    public bool Forbidden { get; internal init; }
    public ImmutableArray<int> Assets { get; internal init; }
}

public sealed class CompiledTank
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public int Site { get; internal init; }
    public double Capacity { get; internal init; }
    /// <summary>Allowed products; empty = any.</summary>
    public ImmutableArray<int> AllowedProducts { get; internal init; }
    public double CleanHours { get; internal init; }
    public int InitialProduct { get; internal init; }
    public double InitialLevel { get; internal init; }

    public bool Allows(int product) => AllowedProducts.IsEmpty || AllowedProducts.Contains(product);
}

public sealed class CompiledAsset
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public string Name { get; internal init; } = "";
    /// <summary>-1 = not tied to a site.</summary>
    public int Site { get; internal init; }
    /// <summary>Concurrent uses allowed (>= 1).</summary>
    public int Capacity { get; internal init; }
    public WorkingCalendar Calendar { get; internal init; } = null!;
    /// <summary>Working hours per bucket (of one unit of capacity).</summary>
    public ImmutableArray<double> AvailableHours { get; internal init; }
}

public sealed class CompiledLane
{
    private readonly bool[]? _allowed;

    internal CompiledLane(bool[]? allowed) => _allowed = allowed;

    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public int FromSite { get; internal init; }
    public int ToSite { get; internal init; }
    public TimeSpan LeadTime { get; internal init; }
    public double CostPerUnit { get; internal init; }
    /// <summary>Units per day over all products; +inf = unlimited.</summary>
    public double CapacityPerDay { get; internal init; }
    /// <summary>Allowed products; empty = all.</summary>
    public ImmutableArray<int> AllowedProducts { get; internal init; }

    public bool Allows(int product) => _allowed is null || _allowed[product];
}

public sealed class CompiledOrder
{
    public int Index { get; internal init; }
    public string Id { get; internal init; } = "";
    public string Customer { get; internal init; } = "";
    public int Product { get; internal init; }
    public int Site { get; internal init; }
    public double Quantity { get; internal init; }
    public DateTime Due { get; internal init; }
    /// <summary>The bucket containing <see cref="Due"/>.</summary>
    public int DueBucket { get; internal init; }
    public int Priority { get; internal init; }
}

/// <summary>A scheduled material receipt.</summary>
public sealed class CompiledSupply
{
    public int Material { get; internal init; }
    public int Site { get; internal init; }
    public double Quantity { get; internal init; }
    public DateTime Arrival { get; internal init; }
    /// <summary>Bucket it counts in: arrivals before the horizon count in bucket 0; -1 = after the horizon (ignored).</summary>
    public int Bucket { get; internal init; }
}

public sealed class CompiledFrozenRun
{
    public int Index { get; internal init; }
    public int Line { get; internal init; }
    public int Product { get; internal init; }
    public int Recipe { get; internal init; }
    public DateTime Start { get; internal init; }
    public DateTime End { get; internal init; }
    public double Quantity { get; internal init; }
    /// <summary>Bucket containing Start (clamped to the horizon).</summary>
    public int Bucket { get; internal init; }
}

/// <summary>
/// Demand of one product at one site, per bucket: the forecast prorated by time overlap, the
/// orders due in the bucket, and the demand signal max(forecast, orders).
/// </summary>
public sealed class DemandSeries
{
    public int Product { get; internal init; }
    public int Site { get; internal init; }
    public ImmutableArray<double> Forecast { get; internal init; }
    public ImmutableArray<double> Orders { get; internal init; }
    public ImmutableArray<double> Demand { get; internal init; }
    /// <summary>Orders of this product and site, by due time.</summary>
    public ImmutableArray<int> OrderIndices { get; internal init; }
}

/// <summary>Scheduled receipts of one material at one site, per bucket.</summary>
public sealed class SupplySeries
{
    public int Material { get; internal init; }
    public int Site { get; internal init; }
    public ImmutableArray<double> Quantity { get; internal init; }
}
