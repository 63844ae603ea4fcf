using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Diagnostics;

/// <summary>
/// Confirms a "lifting this limit serves the demand" claim the way a planner would check it: the
/// limit is lifted in the model itself and the real engine solves it again (sequencing, minimum
/// runs and the timed schedule included, none of which the aggregate LP sees). A claim stands only
/// when that plan serves the demand.
/// <para>Lifting, in model terms (what a test can do too):</para>
/// <list type="bullet">
/// <item>ASSET_CAPACITY: the shared asset with <see cref="AssetUses"/> concurrent uses and no
/// calendar (round the clock), over the whole horizon (the model has no per-bucket capacity for it);</item>
/// <item>LANE: the lane without a daily capacity;</item>
/// <item>LINE_CAPACITY: a twin line at the same site, working round the clock only in the lifted
/// buckets, with the line's recipes at a hundred times their rate and its changeover rules (so
/// the hours that changeovers take on the line are lifted too);</item>
/// <item>MATERIAL: 1e6 units of the material arriving at the first lifted bucket's start at every
/// site whose recipes use it;</item>
/// <item>TANK: the tank with a hundred times its capacity, no cleaning time and any product
/// allowed, over the whole horizon (the model has no per-bucket capacity for it).</item>
/// </list>
/// Several limits are lifted in one canonical order (constraint name, entity id: ASSET_CAPACITY,
/// LANE, LINE_CAPACITY, MATERIAL, TANK), so that the same set always gives the same model.
/// </summary>
internal sealed class CauseConfirmation(PlanningInstance inst, Func<PlanningModel, TimeSpan, Plan?> resolve)
{
    /// <summary>Units of material a MATERIAL lift brings.</summary>
    public const double Plenty = 1e6;

    /// <summary>Rate factor of a lifted line's twin, and capacity factor of a lifted tank.</summary>
    public const double TwinRateFactor = 100;

    /// <summary>Concurrent uses of a lifted shared asset (more than any model has lines).</summary>
    public const uint AssetUses = 1000;

    private readonly Dictionary<string, Plan?> _plans = [];

    /// <summary>One limit to lift: a row family's entity over buckets [First, Last].</summary>
    public readonly record struct Limit(RowFamily Family, int Entity, int First, int Last);

    /// <summary>Re-solves done so far (each a full engine solve).</summary>
    public int Solves { get; private set; }

    /// <summary>True for the families a model-level lift exists for.</summary>
    public static bool CanLift(RowFamily family) =>
        family is RowFamily.LineCapacity or RowFamily.MaterialBalance or RowFamily.LaneCapacity or RowFamily.AssetCapacity or RowFamily.TankCapacity;

    /// <summary>True for the families whose lift covers the whole horizon whatever buckets are asked (assets, tanks).</summary>
    public static bool LiftsWholeHorizon(RowFamily family) => family is RowFamily.AssetCapacity or RowFamily.TankCapacity;

    /// <summary>True when the re-solve of these limits was already done (it costs nothing to ask again).</summary>
    public bool Known(IReadOnlyList<Limit> limits) => _plans.ContainsKey(Key(limits));

    /// <summary>The engine's plan with every limit lifted (cached), solved within <paramref name="timeLeft"/>; null when it has none.</summary>
    public Plan? Resolve(IReadOnlyList<Limit> limits, TimeSpan timeLeft)
    {
        var key = Key(limits);
        if (_plans.TryGetValue(key, out var cached)) return cached;
        Solves++;
        var plan = resolve(Lift(limits), timeLeft);
        _plans[key] = plan;
        return plan;
    }

    private string Key(IReadOnlyList<Limit> limits) =>
        string.Join(";", Canonical(limits).Select(l => $"{l.Family}:{l.Entity}:{l.First}:{l.Last}"));

    private IEnumerable<Limit> Canonical(IReadOnlyList<Limit> limits) =>
        limits.Select(l => LiftsWholeHorizon(l.Family) ? l with { First = 0, Last = inst.T - 1 } : l)
            .DistinctBy(l => (l.Family, l.Entity)).OrderBy(l => Name(l.Family), StringComparer.Ordinal).ThenBy(l => EntityId(l), StringComparer.Ordinal);

    private static string Name(RowFamily f) => f switch
    {
        RowFamily.LineCapacity => "LINE_CAPACITY",
        RowFamily.MaterialBalance => "MATERIAL",
        RowFamily.LaneCapacity => "LANE",
        RowFamily.AssetCapacity => "ASSET_CAPACITY",
        RowFamily.TankCapacity => "TANK",
        _ => f.ToString(),
    };

    private string EntityId(Limit l) => l.Family switch
    {
        RowFamily.LineCapacity => inst.Lines[l.Entity].Id,
        RowFamily.MaterialBalance => inst.Materials[l.Entity].Id,
        RowFamily.LaneCapacity => inst.Lanes[l.Entity].Id,
        RowFamily.AssetCapacity => inst.Model.SharedAssets[l.Entity].Id,
        RowFamily.TankCapacity => inst.Model.Tanks[l.Entity].Id,
        _ => "",
    };

    /// <summary>A copy of the model with every limit lifted.</summary>
    public PlanningModel Lift(IReadOnlyList<Limit> limits)
    {
        var source = inst.Model;
        var m = source.Clone();
        foreach (var limit in Canonical(limits))
        {
            var from = Timestamp.FromDateTime(inst.Buckets[limit.First].Start);
            var to = Timestamp.FromDateTime(inst.Buckets[limit.Last].End);
            switch (limit.Family)
            {
                case RowFamily.LineCapacity:
                {
                    var line = source.Lines.Single(l => l.Id == inst.Lines[limit.Entity].Id);
                    var twin = new Line { Id = line.Id + "~twin", SiteId = line.SiteId, SetupPerBucket = line.SetupPerBucket, Calendar = new Calendar() };
                    if (line.HasMaxRunsPerBucket) twin.MaxRunsPerBucket = line.MaxRunsPerBucket;
                    var hStart = Timestamp.FromDateTime(inst.Buckets[0].Start);
                    var hEnd = Timestamp.FromDateTime(inst.Buckets[^1].End);
                    if (from.ToDateTime() > hStart.ToDateTime()) twin.Calendar.Downtimes.Add(new Downtime { Start = hStart, End = from, Reason = "diagnosis: outside the lifted buckets" });
                    if (to.ToDateTime() < hEnd.ToDateTime()) twin.Calendar.Downtimes.Add(new Downtime { Start = to, End = hEnd, Reason = "diagnosis: outside the lifted buckets" });
                    m.Lines.Add(twin);
                    foreach (var r in source.Recipes.Where(r => r.LineId == line.Id))
                    {
                        var copy = r.Clone();
                        copy.Id = r.Id + "~twin";
                        copy.LineId = twin.Id;
                        copy.Rate = r.Rate * TwinRateFactor;
                        m.Recipes.Add(copy);
                    }
                    foreach (var c in source.Changeovers.Where(c => c.LineId == line.Id))
                    {
                        var copy = c.Clone();
                        copy.LineId = twin.Id;
                        m.Changeovers.Add(copy);
                    }
                    break;
                }
                case RowFamily.MaterialBalance:
                {
                    var material = inst.Materials[limit.Entity].Id;
                    var sites = source.Recipes.Where(r => r.Inputs.Any(i => i.MaterialId == material))
                        .Select(r => source.Lines.Single(l => l.Id == r.LineId).SiteId)
                        .Distinct();
                    foreach (var site in sites)
                        m.Supplies.Add(new Supply { MaterialId = material, SiteId = site, Quantity = Plenty, Arrival = from });
                    break;
                }
                case RowFamily.LaneCapacity:
                    m.Lanes.Single(l => l.Id == inst.Lanes[limit.Entity].Id).ClearCapacityPerDay();
                    break;
                case RowFamily.AssetCapacity:
                {
                    var asset = m.SharedAssets.Single(a => a.Id == source.SharedAssets[limit.Entity].Id);
                    asset.Capacity = AssetUses;
                    asset.Calendar = null; // round the clock
                    break;
                }
                case RowFamily.TankCapacity:
                {
                    var tank = m.Tanks.Single(t => t.Id == source.Tanks[limit.Entity].Id);
                    tank.Capacity *= TwinRateFactor;
                    tank.CleanHours = 0;
                    tank.AllowedProductIds.Clear(); // any product
                    break;
                }
                default:
                    throw new ArgumentException($"No model-level lift for {limit.Family}.", nameof(limits));
            }
        }
        return m;
    }

    /// <summary>True when <paramref name="plan"/> delivers the whole order by its due time.</summary>
    public static bool OnTime(Plan plan, OrderInfo order) =>
        plan.Deliveries.Where(d => d.OrderId == order.Id && (d.Lateness is null || d.Lateness.ToTimeSpan() <= TimeSpan.Zero)).Sum(d => d.Quantity)
        >= order.Quantity * (1 - 1e-6) - 1e-9;

    /// <summary>True when <paramref name="plan"/> delivers the whole order by the horizon end.</summary>
    public static bool InFull(Plan plan, OrderInfo order) =>
        plan.Deliveries.Where(d => d.OrderId == order.Id).Sum(d => d.Quantity) >= order.Quantity * (1 - 1e-6) - 1e-9;

    /// <summary>True when <paramref name="plan"/> has no stock-out warning of the product at the site up to <paramref name="time"/>.</summary>
    public static bool InStock(Plan plan, string siteId, string productId, DateTime time) =>
        !plan.Alerts.Any(a => a.Kind is "OUT_OF_STOCK_NOW" or "OUT_OF_STOCK_SOON" && a.Severity != Alert.Types.Severity.Info
                              && a.SiteId == siteId && a.ProductId == productId && a.Time is not null && a.Time.ToDateTime() <= time);
}
