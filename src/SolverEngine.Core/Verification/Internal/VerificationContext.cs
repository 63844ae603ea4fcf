using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Verification.Internal;

/// <summary>
/// What every check reads (the model indexed by id, the recomputed bucket grid, calendars) and
/// what they write (violations, cost terms, and facts later checks build on, such as resolved
/// runs and changeover hours per line and bucket).
/// </summary>
internal sealed class VerificationContext
{
    private readonly Dictionary<string, WorkingTime> _lineCalendars = [];
    private readonly Dictionary<string, WorkingTime> _assetCalendars = [];
    private readonly List<Violation> _violations = [];
    private DemandTable? _demand;

    public VerificationContext(PlanningModel model, Plan plan)
    {
        Model = model;
        Plan = plan;
        Grid = new BucketGrid(model.Horizon);
        Sites = ById(model.Sites, s => s.Id);
        Lines = ById(model.Lines, l => l.Id);
        Products = ById(model.Products, p => p.Id);
        Recipes = ById(model.Recipes, r => r.Id);
        Materials = ById(model.Materials, m => m.Id);
        Lanes = ById(model.Lanes, l => l.Id);
        Orders = ById(model.Orders, o => o.Id);
        Tanks = ById(model.Tanks, t => t.Id);
        Assets = ById(model.SharedAssets, a => a.Id);
        ChangeoverRules = new ChangeoverRules(model.Changeovers, id => Products.TryGetValue(id, out var p) ? p.Family : "");
        RecipesFor = model.Recipes.ToLookup(r => (r.ProductId, r.LineId));
    }

    /// <summary>Recipes by (product, line).</summary>
    public ILookup<(string ProductId, string LineId), Recipe> RecipesFor { get; }

    public PlanningModel Model { get; }

    public Plan Plan { get; }

    public BucketGrid Grid { get; }

    public IReadOnlyList<BucketSpan> Buckets => Grid.Buckets;

    public IReadOnlyDictionary<string, Site> Sites { get; }

    public IReadOnlyDictionary<string, Line> Lines { get; }

    public IReadOnlyDictionary<string, Product> Products { get; }

    public IReadOnlyDictionary<string, Recipe> Recipes { get; }

    public IReadOnlyDictionary<string, Material> Materials { get; }

    public IReadOnlyDictionary<string, Lane> Lanes { get; }

    public IReadOnlyDictionary<string, Order> Orders { get; }

    public IReadOnlyDictionary<string, Tank> Tanks { get; }

    public IReadOnlyDictionary<string, SharedAsset> Assets { get; }

    public ChangeoverRules ChangeoverRules { get; }

    public CostBreakdown Costs { get; } = new();

    public IReadOnlyList<Violation> Violations => _violations;

    /// <summary>Runs whose line, product and recipe resolved (filled by the run check), in plan order.</summary>
    public List<ResolvedRun> Runs { get; } = [];

    /// <summary>Changeover working hours per (line, bucket), from the rules (filled by the changeover check).</summary>
    public Dictionary<(string LineId, int Bucket), double> ChangeoverHours { get; } = [];

    /// <summary>Demand per (product, site, bucket), built on first use.</summary>
    public DemandTable Demand => _demand ??= new DemandTable(this);

    public void Add(string code, string path, string message) => _violations.Add(new Violation(code, path, message));

    public WorkingTime CalendarOf(Line line)
    {
        if (!_lineCalendars.TryGetValue(line.Id, out var wt))
        {
            wt = new WorkingTime(line.Calendar);
            _lineCalendars[line.Id] = wt;
        }

        return wt;
    }

    public WorkingTime CalendarOf(SharedAsset asset)
    {
        if (!_assetCalendars.TryGetValue(asset.Id, out var wt))
        {
            wt = new WorkingTime(asset.Calendar);
            _assetCalendars[asset.Id] = wt;
        }

        return wt;
    }

    /// <summary>True when the run lies in a DAY bucket (the timed zone: exact times, coordinated across lines).</summary>
    public bool IsTimed(ResolvedRun run) => run.Bucket >= 0 && Buckets[run.Bucket].Granularity == Granularity.Day;

    /// <summary>A timestamp as UTC time; a missing one is <see cref="DateTime.MinValue"/> (outside any horizon).</summary>
    public static DateTime Time(Timestamp? ts) => ts is null ? DateTime.MinValue : ts.ToDateTime();

    /// <summary>
    /// The site an order, forecast or delivery refers to: its own, or the model's only site when
    /// empty (model.proto allows empty only then). Null when it cannot be resolved.
    /// </summary>
    public string? SiteOrOnly(string siteId) =>
        siteId.Length > 0 ? (Sites.ContainsKey(siteId) ? siteId : null) : Sites.Count == 1 ? Sites.Keys.First() : null;

    /// <summary>Runs of each line in time order (start, then end, then plan position).</summary>
    public IEnumerable<(Line Line, List<ResolvedRun> Runs)> RunsByLine() =>
        Runs.GroupBy(r => r.Line.Id)
            .Select(g => (g.First().Line, g.OrderBy(r => r.Start).ThenBy(r => r.End).ThenBy(r => r.Index).ToList()));

    private static Dictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var d = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            d.TryAdd(id(item), item); // duplicate ids are a validation error; the first one counts
        }

        return d;
    }
}

/// <summary>A plan run whose line, product and recipe are known, with what the checks derive for it.</summary>
internal sealed class ResolvedRun
{
    public required int Index { get; init; }

    public required Run Run { get; init; }

    public required Line Line { get; init; }

    public required Product Product { get; init; }

    public required Recipe Recipe { get; init; }

    public required DateTime Start { get; init; }

    public required DateTime End { get; init; }

    /// <summary>Bucket containing the start (where its output and inputs count), -1 outside the horizon.</summary>
    public required int Bucket { get; init; }

    public string Path => $"runs[{Index}]";

    public double Yield => Recipe.HasYield ? Recipe.Yield : 1.0;

    public double Quantity => Run.Quantity;

    /// <summary>Working hours the quantity needs: q / (rate x yield).</summary>
    public double ProductionHours => Recipe.Rate > 0 ? Quantity / (Recipe.Rate * Yield) : 0.0;

    /// <summary>True when the line switches set-up before this run (from another product, or from the lost state of a setup_per_bucket line).</summary>
    public bool NeedsChangeover { get; set; }

    /// <summary>The changeover rule that applies before this run (set by the changeover check; null when none applies or it is forbidden).</summary>
    public Changeover? ChangeoverRule { get; set; }

    /// <summary>
    /// Wall-clock interval of the changeover before this run (set by the changeover check): the
    /// reported ChangeoverInfo [start, end) when it lies in its window, else the latest working
    /// time before the run that holds the rule's hours. Null when no changeover takes time.
    /// </summary>
    public (DateTime Start, DateTime End)? ChangeoverSpan { get; set; }
}
