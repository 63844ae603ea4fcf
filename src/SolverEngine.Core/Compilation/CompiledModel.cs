using System.Collections.Immutable;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Compilation;

/// <summary>
/// A validated planning model in the form the solver works on: dense integer indices instead of
/// ids, arrays instead of dictionaries, the bucket grid, per-line calendars and changeover
/// matrices, demand and supply per bucket. Built by <see cref="ModelCompiler.Compile"/>;
/// immutable and safe to share read-only across threads.
/// </summary>
public sealed class CompiledModel
{
    private readonly Dictionary<(int Product, int Site), int> _demandIndex;
    private readonly Dictionary<(int Material, int Site), int> _supplyIndex;
    private readonly double[] _initialStock;     // [site * products + product]
    private readonly double[] _initialBacklog;   // [site * products + product]
    private readonly double[] _initialMaterial;  // [site * materials + material]
    private readonly Dictionary<(int Site, int Product), double> _holdingOverrides;

    internal CompiledModel(
        Dictionary<(int, int), int> demandIndex, Dictionary<(int, int), int> supplyIndex,
        double[] initialStock, double[] initialBacklog, double[] initialMaterial,
        Dictionary<(int, int), double> holdingOverrides)
    {
        _demandIndex = demandIndex;
        _supplyIndex = supplyIndex;
        _initialStock = initialStock;
        _initialBacklog = initialBacklog;
        _initialMaterial = initialMaterial;
        _holdingOverrides = holdingOverrides;
    }

    public string Name { get; internal init; } = "";

    /// <summary>A private copy of the model this was compiled from (previous plan, names). Do not modify.</summary>
    public PlanningModel Source { get; internal init; } = null!;

    /// <summary>Warnings the validator found (errors prevent compilation).</summary>
    public ImmutableArray<ValidationIssue> Warnings { get; internal init; }

    public BucketGrid Buckets { get; internal init; } = null!;

    public IdMap SiteIds { get; internal init; } = null!;
    public IdMap LineIds { get; internal init; } = null!;
    public IdMap ProductIds { get; internal init; } = null!;
    public IdMap MaterialIds { get; internal init; } = null!;
    public IdMap RecipeIds { get; internal init; } = null!;
    public IdMap TankIds { get; internal init; } = null!;
    public IdMap AssetIds { get; internal init; } = null!;
    public IdMap LaneIds { get; internal init; } = null!;
    public IdMap OrderIds { get; internal init; } = null!;
    /// <summary>Product families (names), indexed by <see cref="CompiledProduct.Family"/>.</summary>
    public IdMap Families { get; internal init; } = null!;

    public ImmutableArray<CompiledSite> Sites { get; internal init; }
    public ImmutableArray<CompiledLine> Lines { get; internal init; }
    public ImmutableArray<CompiledProduct> Products { get; internal init; }
    public ImmutableArray<CompiledMaterial> Materials { get; internal init; }
    public ImmutableArray<CompiledRecipe> Recipes { get; internal init; }
    public ImmutableArray<CompiledChangeoverRule> ChangeoverRules { get; internal init; }
    public ImmutableArray<CompiledTank> Tanks { get; internal init; }
    public ImmutableArray<CompiledAsset> Assets { get; internal init; }
    public ImmutableArray<CompiledLane> Lanes { get; internal init; }
    public ImmutableArray<CompiledOrder> Orders { get; internal init; }
    public ImmutableArray<CompiledSupply> Supplies { get; internal init; }
    public ImmutableArray<CompiledFrozenRun> FrozenRuns { get; internal init; }

    /// <summary>Demand per (product, site) that has any forecast, order or initial backlog.</summary>
    public ImmutableArray<DemandSeries> Demand { get; internal init; }

    /// <summary>Scheduled receipts per (material, site) that has any.</summary>
    public ImmutableArray<SupplySeries> MaterialSupply { get; internal init; }

    public double StabilityCost { get; internal init; }

    /// <summary>The demand series of a product at a site, or null when it has no demand there.</summary>
    public DemandSeries? DemandOf(int product, int site) => _demandIndex.TryGetValue((product, site), out var i) ? Demand[i] : null;

    /// <summary>Demand of a product at a site in one bucket (0 when none).</summary>
    public double DemandIn(int product, int site, int bucket) => DemandOf(product, site)?.Demand[bucket] ?? 0;

    /// <summary>Scheduled receipts of a material at a site, or null when none.</summary>
    public SupplySeries? SupplyOf(int material, int site) => _supplyIndex.TryGetValue((material, site), out var i) ? MaterialSupply[i] : null;

    /// <summary>Stock of a product at a site at horizon start (tank contents not included).</summary>
    public double InitialStock(int site, int product) => _initialStock[site * Products.Length + product];

    /// <summary>Demand already late at horizon start (due at start).</summary>
    public double InitialBacklog(int site, int product) => _initialBacklog[site * Products.Length + product];

    public double InitialMaterialStock(int site, int material) => _initialMaterial[site * Materials.Length + material];

    /// <summary>
    /// Holding cost of a product at a site (currency per unit per day): the site's
    /// <c>SiteProduct.holding_cost</c> where it has one, else <see cref="CompiledProduct.HoldingCost"/>.
    /// </summary>
    public double HoldingCost(int site, int product)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(site);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(site, Sites.Length);
        return _holdingOverrides.TryGetValue((site, product), out var h) ? h : Products[product].HoldingCost;
    }

    /// <summary>Recipes that make a product on a line (usually one).</summary>
    public IEnumerable<int> RecipesOn(int line, int product)
    {
        foreach (var r in Lines[line].Recipes)
        {
            if (Recipes[r].Product == product)
                yield return r;
        }
    }

    /// <summary>Shared assets occupied by the changeover from -> to on a line (line-local indices; from may be Clean).</summary>
    public ImmutableArray<int> ChangeoverAssets(int line, int from, int to)
    {
        var rule = Lines[line].Changeovers.RuleIndex(from, to);
        return rule < 0 ? ImmutableArray<int>.Empty : ChangeoverRules[rule].Assets;
    }

    /// <summary>Working hours of a line in [from, to) (calendar minus downtime), exact.</summary>
    public double WorkingHours(int line, DateTime from, DateTime to) => Lines[line].Calendar.WorkingHours(from, to);

    /// <summary>When a line that starts at <paramref name="from"/> has worked <paramref name="hours"/> hours.</summary>
    public DateTime AdvanceWorkingTime(int line, DateTime from, double hours) => Lines[line].Calendar.AdvanceWorkingTime(from, hours);
}
