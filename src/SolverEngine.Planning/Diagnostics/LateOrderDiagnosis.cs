using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans.Internal;
using SolverEngine.Planning.Sequencing;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Diagnostics;

/// <summary>
/// Finds, from the aggregate LP, the constraints that make a plan's late and short orders and its
/// stock-outs happen, and writes them into those alerts' <see cref="AlertCause"/>s; adds a
/// MATERIAL_SHORTAGE alert for every material that limits the plan.
/// <para>Method (run on the final plan only: it costs LP solves):</para>
/// <list type="number">
/// <item>Solve the plan's fixed set-up LP (its set-ups and sequenced changeovers fixed): its duals
/// price every row. A <b>candidate</b> is a row of a cause family (line capacity, material balance,
/// lane, shared asset, tank; see <see cref="RowFamily"/>) whose entity lies on the demand's
/// <see cref="DemandPath"/>, in a bucket up to the last bucket that can still serve the demand,
/// that is binding (at its bound) and whose dual says one more unit of it is worth something
/// (for a purchasable material: more than buying it).</item>
/// <item><b>Targeted re-solve</b>: for the candidates nearest the due bucket (then by value) lift that one
/// constraint (unlimited overtime on the line in that bucket, its set-up links and batch counts
/// included, free material arriving in that
/// bucket, unlimited lane/asset/tank capacity in that bucket), solve the fixed set-up LP again and,
/// when set-ups are what still stop it, the LP relaxation with free set-ups; allocate the
/// deliveries as the plan does. The LP does not see sequences, minimum runs or the timed schedule,
/// so an LP "yes" is only a candidate: <see cref="CauseConfirmation"/> lifts the limit in the model
/// and re-solves with the real engine, and only a cause whose re-solved plan serves the demand is
/// reported first and says "lets the plan serve the demand in time"; one the re-solve refutes says
/// it is not enough, one no re-solve could check says it is not known to be enough. When no single bucket is enough, the entity is lifted in every bucket up to
/// the last useful one, and then together with the next limit that binds once it is lifted.</item>
/// <item>When no limit is enough but the LP with free set-ups serves the demand, the plan's set-up
/// pattern is named too (SETUP: a path product not set up where an hour of it is worth something),
/// and what binds behind it is found as a scheduler would: the hours of the lines that miss those
/// set-ups, changeovers included (then with the strongest other limit on the path), are lifted in
/// the model and the engine re-solves; a lift whose plan serves the demand becomes the first causes
/// (LINE_CAPACITY naming the changeover hours, see <c>SetupLineCapacity</c>).</item>
/// <item>With no candidate: no recipe on the path (NO_RECIPE); the path's lines have no working time
/// up to the due bucket because of the frozen zone (FROZEN_RUNS) or their calendars (LINE_CAPACITY,
/// zero hours); or the relaxation, where sequences are free, serves the demand while the
/// sequenced plan cannot and a path line forbids a transition of the product (FORBIDDEN_SEQUENCE).</item>
/// </list>
/// </summary>
internal sealed class LateOrderDiagnosis
{
    private const double Tol = 1e-6;
    private const int MaxCauses = 5;
    private const int MaxTestsPerAlert = 6;

    private readonly PlanningInstance _inst;
    private readonly AggregateModel _model;
    private readonly ILpSolver _lp;
    private readonly Candidate _best;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _budget;
    private readonly long _maxSolves; // deterministic mode: a count of LP solves instead of the clock
    private long _solves;
    private readonly CancellationToken _ct;
    private readonly Dictionary<(string Keys, bool Relaxation), DeliveryAllocator.Allocation?> _tests = [];
    private DeliveryAllocator.Allocation? _relaxation;
    private bool _relaxationSolved;
    private readonly CauseConfirmation? _confirm;
    private Plan _plan = new();

    /// <summary>
    /// Engine re-solves that may confirm the claims of one alert, and of the whole diagnosis
    /// (deterministic mode: fewer, as each runs its full work budget). Late and short orders come
    /// first; stock-out warnings may only use re-solves while fewer than
    /// <see cref="MaxConfirmsDeterministicStockOuts"/> were made.
    /// </summary>
    private const int MaxConfirmsPerAlert = 3;
    private const int MaxConfirms = 8;
    private const int MaxConfirmsDeterministic = 6;
    private const int MaxConfirmsDeterministicStockOuts = 2;

    /// <summary>Lines whose twins (their hours lifted up to the last useful bucket) are re-solved together when the plan's set-ups are the cause.</summary>
    private const int MaxSetupLines = 3;
    /// <summary>Wall time spent in re-solves; deterministic mode leaves it out of the budget so that it cannot change which LP tests run.</summary>
    private TimeSpan _confirmTime;
    private readonly bool _deterministic;

    /// <summary>Least time worth starting a confirming re-solve with (outside deterministic mode).</summary>
    private static readonly TimeSpan MinConfirmTime = TimeSpan.FromSeconds(1);

    private const string Unconfirmed = " In the LP lifting this limit alone serves the demand in time; no re-solve of the plan confirmed it (time, or no model-level lift for it), so it is not known to be enough alone.";
    private const string Refuted = " Lifting this limit alone is not enough: the LP would then serve the demand in time, but the engine's plan re-solved with it lifted still does not (sequences, minimum runs, timing within the day).";

    private LateOrderDiagnosis(PlanningInstance inst, AggregateModel model, ILpSolver lp, Candidate best, TimeSpan budget, CauseConfirmation? confirm, bool deterministic, long maxSolves, CancellationToken ct)
    {
        _maxSolves = maxSolves;
        _deterministic = deterministic;
        _confirm = confirm;
        _inst = inst;
        _model = model;
        _lp = lp;
        _best = best;
        _budget = budget;
        _ct = ct;
    }

    /// <summary>What must hold for an alert's demand to count as served.</summary>
    /// <param name="LiftLast">Last bucket a lift over every bucket reaches (LATE: the due bucket; SHORT: the horizon end).</param>
    /// <param name="Confirmed">Whether an engine plan (re-solved with a limit lifted) serves the demand.</param>
    private sealed record Target(Alert Alert, int Product, int Site, int LastBucket, Func<DeliveryAllocator.Allocation, bool> Met, int LiftLast, Func<Plan, bool> Confirmed)
    {
        /// <summary>A late or short order (its re-solves come before those of stock-out warnings).</summary>
        public bool IsOrder => Alert.Kind is "LATE_ORDER" or "SHORT_ORDER";

        public int ConfirmsUsed { get; set; }
    }

    /// <summary>A binding row on a demand's path: its key, row, value of one more unit, and how full it is.</summary>
    private sealed record Binding(RowKey Key, int Row, double Value, double Activity, double Bound);

    /// <summary>
    /// Explains the alerts of <paramref name="plan"/> (made from <paramref name="best"/>) from the
    /// aggregate LP. Re-solves stop once <paramref name="timeLeft"/> (what is left of the solve's time
    /// limit; at least 0.5 s, at most 30 s) is spent; causes found from the duals alone are still written then.
    /// In deterministic mode the clock plays no part (the alerts must not depend on the machine's
    /// speed): the re-solves are counted instead, as many as about 30 s of calibrated work allows.
    /// </summary>
    /// <param name="resolve">
    /// Solves a model with limits lifted by the real engine within the time given (null: claims
    /// stay unconfirmed); a cause says "lifting it lets the plan serve the demand" only when that
    /// plan does (see <see cref="CauseConfirmation"/>).
    /// </param>
    /// <param name="deterministic">
    /// Deterministic mode: whether a claim is re-solved depends on counts only, never on the clock, so
    /// the same request gets the same alert text (the re-solves use the caller's work budget).
    /// </param>
    public static void Explain(PlanningInstance inst, AggregateModel model, ILpSolver lp, Candidate best, Plan plan, TimeSpan timeLeft,
        Func<PlanningModel, TimeSpan, Plan?>? resolve, bool deterministic, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return;
        var budget = TimeSpan.FromTicks(Math.Clamp(timeLeft.Ticks, TimeSpan.FromSeconds(0.5).Ticks, TimeSpan.FromSeconds(30).Ticks));
        var confirm = resolve is null ? null : new CauseConfirmation(inst, resolve);
        var maxSolves = deterministic
            ? Math.Max(4, (long)(DeterministicSeconds * SequencingOptions.WorkUnitsPerSecond) / SolveBudget.LpChargeOf(inst))
            : long.MaxValue;
        new LateOrderDiagnosis(inst, model, lp, best, deterministic ? TimeSpan.MaxValue : budget, confirm, deterministic, maxSolves, ct).Run(plan);
    }

    /// <summary>Calibrated work the diagnosis' LP tests may spend in deterministic mode, in seconds at the reference speed.</summary>
    private const double DeterministicSeconds = 30;

    /// <summary>
    /// Lifts <paramref name="limits"/> in the model and re-solves with the engine: true when its plan
    /// serves the target, false when it does not, null when no re-solve could be made (no model-level
    /// lift, no budget or re-solves left).
    /// </summary>
    private bool? Confirm(IReadOnlyList<CauseConfirmation.Limit> limits, Target target)
    {
        if (_confirm is null || limits.Any(l => !CauseConfirmation.CanLift(l.Family))) return null;
        if (!_confirm.Known(limits))
        {
            if (_ct.IsCancellationRequested || target.ConfirmsUsed >= MaxConfirmsPerAlert) return null;
            if (_deterministic ? _confirm.Solves >= (target.IsOrder ? MaxConfirmsDeterministic : MaxConfirmsDeterministicStockOuts) || _inst.Lines.Sum(l => l.Products.Length) * _inst.T > MaxSetupsDeterministicConfirm
                    : OutOfBudget || _confirm.Solves >= MaxConfirms || _budget - _clock.Elapsed < MinConfirmTime) return null;
            target.ConfirmsUsed++;
        }
        // one re-solve takes at most a quarter of the budget (deterministic mode: its own work budget)
        var share = TimeSpan.FromTicks(Math.Max(MinConfirmTime.Ticks, _budget.Ticks / 4));
        var left = _budget - _clock.Elapsed;
        var started = _clock.Elapsed;
        var plan = _confirm.Resolve(limits, left < share ? left : share);
        _confirmTime += _clock.Elapsed - started;
        return plan is null ? null : target.Confirmed(plan); // no plan: the re-solve was not made (or had none), nothing is known
    }

    private static CauseConfirmation.Limit Single(RowKey key) => new(key.Family, key.Entity, key.Bucket, key.Bucket);

    private static CauseConfirmation.Limit Through(RowKey key, int last) => new(key.Family, key.Entity, 0, last);

    private bool OutOfBudget => Spent >= _budget || _solves >= _maxSolves || _ct.IsCancellationRequested;

    /// <summary>Budget spent (deterministic mode: without the re-solves, so that they cannot change which LP tests run or how long they may take).</summary>
    private TimeSpan Spent => _deterministic ? _clock.Elapsed - _confirmTime : _clock.Elapsed;

    /// <summary>Set-up variables up to which deterministic mode re-solves (each re-solve runs the caller's whole work budget).</summary>
    private const int MaxSetupsDeterministicConfirm = 1000;

    private void Run(Plan plan)
    {
        _plan = plan;
        var fixedLp = _model.Build(_best.Fixing, Array.Empty<SetupCut>());
        var rows = _model.Rows;
        var baseline = Solve(fixedLp);
        if (baseline is null || !baseline.HasSolution) return;

        var bindings = Bindings(fixedLp, rows, baseline);
        AddMaterialShortages(plan, bindings);
        var setups = UnusedSetups(rows, baseline);

        // late and short orders first: they get the re-solves before stock-out warnings do
        foreach (var target in Targets(plan).OrderBy(t => t.IsOrder ? 0 : 1).ToList())
        {
            var causes = Diagnose(target, bindings, setups);
            if (causes.Count == 0) continue;
            target.Alert.Causes.Clear();
            target.Alert.Causes.AddRange(causes);
        }
    }

    // ------------------------------------------------------------------ targets

    private IEnumerable<Target> Targets(Plan plan)
    {
        var orders = _inst.Orders.ToDictionary(o => o.Id);
        foreach (var alert in plan.Alerts)
        {
            switch (alert.Kind)
            {
                case "LATE_ORDER" when orders.TryGetValue(alert.OrderId, out var o):
                    yield return new Target(alert, o.Product, o.Site, o.DueBucket, a => Served(a, o.Index, byDue: true), o.DueBucket, p => CauseConfirmation.OnTime(p, o));
                    break;
                case "SHORT_ORDER" when orders.TryGetValue(alert.OrderId, out var o):
                    // BACKLOG demand can still be served up to the horizon end; other policies only in the due bucket
                    var last = _inst.Products[o.Product].Policy == DemandPolicy.Backlog ? _inst.T - 1 : o.DueBucket;
                    yield return new Target(alert, o.Product, o.Site, last, a => Served(a, o.Index, byDue: false), _inst.T - 1, p => CauseConfirmation.InFull(p, o));
                    break;
                case "OUT_OF_STOCK_NOW" or "OUT_OF_STOCK_SOON" when alert.Severity != Alert.Types.Severity.Info:
                {
                    var s = _inst.SiteIndex(alert.SiteId);
                    var p = _inst.ProductIndex(alert.ProductId);
                    var b = BucketOf(alert.Time.ToDateTime());
                    if (s < 0 || p < 0 || b < 0) break;
                    var time = alert.Time.ToDateTime();
                    yield return new Target(alert, p, s, b, a => a.Chunks
                        .Where(c => c.Bucket <= b && c.Site == s && c.Product == p)
                        .All(c => c.OnTime >= c.Quantity * (1 - Tol) - 1e-9), b, plan => CauseConfirmation.InStock(plan, alert.SiteId, alert.ProductId, time));
                    break;
                }
            }
        }
    }

    private static bool Served(DeliveryAllocator.Allocation a, int order, bool byDue)
    {
        var c = a.Chunks.FirstOrDefault(x => x.Order == order);
        if (c is null) return false;
        var got = byDue ? c.ByDue : c.Quantity - c.Open;
        return got >= c.Quantity * (1 - Tol) - 1e-9;
    }

    private int BucketOf(DateTime t)
    {
        foreach (var b in _inst.Buckets)
            if (t >= b.Start && t < b.End) return b.Index;
        return -1;
    }

    // ------------------------------------------------------------------ candidates from duals

    /// <summary>Rows of the cause families that are binding in the fixed set-up LP and worth relaxing.</summary>
    private List<Binding> Bindings(LinearModel lm, AggregateRows rows, LpResult res)
    {
        var list = new List<Binding>();
        foreach (var (key, row) in rows.All)
        {
            if (ConstraintName(key.Family) is null) continue;
            var c = new Constraint(row);
            var activity = res.RowActivities[row];
            var dual = res.Duals[row];
            double value, bound;
            if (key.Family == RowFamily.MaterialBalance)
            {
                // MI[t-1] + arrivals - used - MI[t] = -(supply): one more unit arriving moves the bound by -1
                value = dual;
                bound = lm.UpperBound(c);
                // worth no more than buying it: one more unit only displaces a purchase, it does not limit the plan
                var mat = _inst.Materials[key.Entity].Source;
                if (mat.Purchasable && value <= mat.PurchaseCost + Tol * Math.Max(1, mat.PurchaseCost)) continue;
            }
            else
            {
                bound = lm.UpperBound(c);
                if (!double.IsFinite(bound) || activity < bound - Tol * Math.Max(1, Math.Abs(bound))) continue;
                value = -dual; // d objective / d upper bound <= 0 for a limit that costs
                if (key.Family == RowFamily.LineCapacity) value += LineLimitsBeyondTheRow(rows, res, key);
            }
            if (value <= Tol) continue;
            list.Add(new Binding(key, row, value, activity, bound));
        }
        return list;
    }

    /// <summary>
    /// A full line's hours are also bounded by its set-up links and its production bounds (each at
    /// most the bucket's hours); in a degenerate optimum the price may sit there rather than on the
    /// capacity row. Lifting the line lifts them together, so their best price per hour counts too.
    /// </summary>
    private double LineLimitsBeyondTheRow(AggregateRows rows, LpResult res, RowKey key)
    {
        var best = 0.0;
        var line = _inst.Lines[key.Entity];
        for (var i = 0; i < line.Products.Length; i++)
        {
            var link = rows.Find(new RowKey(RowFamily.SetupLink, key.Entity, key.Bucket, Item: i));
            if (link >= 0) best = Math.Max(best, -res.Duals[link]);
        }
        foreach (var r in _inst.Recipes)
        {
            if (r.Line != key.Entity) continue;
            var x = _model.X[r.Index][key.Bucket];
            if (x < 0 || res.Values[x] < line.AvailableHours[key.Bucket] / r.HoursPerUnit * (1 - Tol)) continue;
            best = Math.Max(best, -res.ReducedCosts[x] / r.HoursPerUnit);
        }
        return best;
    }

    /// <summary>Set-up links of products the plan does not set up (fixed to 0) where one more hour of the product would be worth something.</summary>
    private List<Binding> UnusedSetups(AggregateRows rows, LpResult res)
    {
        var list = new List<Binding>();
        foreach (var (key, row) in rows.Of(RowFamily.SetupLink))
        {
            if (_best.Fixing.Setup[key.Entity][key.Item][key.Bucket]) continue;
            var value = -res.Duals[row];
            if (value > Tol) list.Add(new Binding(key, row, value, res.RowActivities[row], 0));
        }
        return list;
    }

    private static string? ConstraintName(RowFamily f) => f switch
    {
        RowFamily.LineCapacity => "LINE_CAPACITY",
        RowFamily.MaterialBalance => "MATERIAL",
        RowFamily.LaneCapacity => "LANE",
        RowFamily.AssetCapacity => "ASSET_CAPACITY",
        RowFamily.TankCapacity => "TANK",
        _ => null, // set-up links follow their line's capacity; the contract names no warehouse cause
    };

    private static bool OnPath(RowKey key, DemandPath path) => key.Family switch
    {
        RowFamily.LineCapacity => path.Lines.Contains(key.Entity),
        RowFamily.MaterialBalance => path.Materials.Contains((key.Site, key.Entity)),
        RowFamily.LaneCapacity => path.Lanes.Contains(key.Entity),
        RowFamily.AssetCapacity => path.Assets.Contains(key.Entity),
        RowFamily.TankCapacity => path.Tanks.Contains(key.Entity),
        _ => false,
    };

    // ------------------------------------------------------------------ diagnosis of one target

    private List<AlertCause> Diagnose(Target target, List<Binding> bindings, List<Binding> setups)
    {
        var path = DemandPath.Of(_inst, target.Product, target.Site);
        var candidates = bindings
            .Where(b => b.Key.Bucket <= target.LastBucket && OnPath(b.Key, path))
            // nearest the due first (the limit a scheduler would lift), then by value
            .OrderByDescending(b => b.Key.Bucket)
            .ThenByDescending(b => b.Value)
            .ToList();

        if (candidates.Count == 0) return Fallback(target, path, setups);

        var verdicts = new Dictionary<RowKey, string>();
        var sufficient = new HashSet<RowKey>();
        var tested = 0;
        foreach (var b in candidates)
        {
            if (tested >= MaxTestsPerAlert || OutOfBudget) break;
            tested++;
            if (!Lifts([b.Key], target))
            {
                verdicts[b.Key] = " Lifting this limit alone is not enough.";
                continue;
            }
            // the LP says so; the claim stands only when the engine's plan with the limit lifted serves the demand too
            // (one confirmed limit names the cause: the others are not re-solved unless that is free)
            if (sufficient.Count > 0 && _confirm?.Known([Single(b.Key)]) != true)
            {
                verdicts[b.Key] = Unconfirmed;
                continue;
            }
            switch (Confirm([Single(b.Key)], target))
            {
                case true:
                    verdicts[b.Key] = CauseConfirmation.LiftsWholeHorizon(b.Key.Family)
                        ? " Lifting this limit alone, over the whole horizon (the model gives it no per-bucket capacity), lets the plan serve the demand in time (confirmed by re-solving with it lifted)."
                        : " Lifting this limit alone lets the plan serve the demand in time (confirmed by re-solving with it lifted).";
                    sufficient.Add(b.Key);
                    break;
                case false:
                    verdicts[b.Key] = Refuted;
                    break;
                default:
                    verdicts[b.Key] = Unconfirmed;
                    break;
            }
        }
        if (sufficient.Count == 0)
        {
            // No single bucket is enough: lift the entity's limit in every bucket up to the last useful one.
            foreach (var group in candidates.GroupBy(b => (b.Key.Family, b.Key.Entity, b.Key.Site)).OrderByDescending(g => g.Max(b => b.Value)))
            {
                if (OutOfBudget) break;
                var keys = _model.Rows.All.Select(r => r.Key)
                    .Where(k => k.Family == group.Key.Family && k.Entity == group.Key.Entity && k.Site == group.Key.Site && k.Bucket <= target.LastBucket)
                    .ToList();
                var whole = Through(keys.Count > 0 ? keys[0] : group.First().Key, target.LiftLast);
                if (keys.Count > 1 && Lifts(keys, target) && Confirm([whole], target) == true)
                {
                    foreach (var b in group)
                    {
                        verdicts[b.Key] = $" Lifting this limit in every bucket up to bucket {target.LiftLast} together lets the plan serve the demand in time (confirmed by re-solving with it lifted).";
                        sufficient.Add(b.Key);
                    }
                    break;
                }
                // Still not enough: with this entity lifted, another limit on the path binds; lift both.
                if (OutOfBudget) break;
                var partner = NextLimit(keys, target, path);
                if (partner is null) continue;
                var both = keys.Concat(partner.Value.Keys).ToList();
                var served = Test(both, relaxation: false);
                if (served is null || !target.Met(served)) continue;
                if (Confirm([whole, Through(partner.Value.Keys[0], target.LiftLast)], target) != true) continue;
                var names = $"{EntityName(group.First().Key)} and {EntityName(partner.Value.Shown[0].Key)}";
                foreach (var b in group.Concat(partner.Value.Shown))
                {
                    verdicts[b.Key] = $" Lifting {names} in every bucket up to bucket {target.LiftLast} together lets the plan serve the demand in time (confirmed by re-solving with it lifted).";
                    sufficient.Add(b.Key);
                }
                candidates.AddRange(partner.Value.Shown.Where(b => !candidates.Any(c => c.Key == b.Key)));
                break;
            }
        }
        var causes = candidates
            .OrderByDescending(b => sufficient.Contains(b.Key))
            .Take(MaxCauses)
            .Select(b => Describe(b, verdicts.GetValueOrDefault(b.Key, " Not tested alone (test limit or time); not known to be enough alone.")))
            .ToList();
        // Binding limits none of which is enough while free set-ups serve the demand: the set-up pattern is part of the cause.
        if (sufficient.Count == 0 && !OutOfBudget && RelaxationAllocation() is { } free && target.Met(free))
        {
            var setupCauses = SetupCauses(target, path, setups, 2);
            if (setupCauses.Count > 0)
            {
                // the confirmed limits all stay (a caller lifts them together), then the set-ups, then the other limits
                var capacity = SetupLineCapacity(target, path, setups, setupCauses, candidates);
                var shown = setupCauses.Take(Math.Max(0, MaxCauses - capacity.Count)).ToList();
                var rest = causes.Where(c => !capacity.Any(k => k.Constraint == c.Constraint && k.EntityId == c.EntityId && k.BucketIndex == c.BucketIndex));
                causes = [.. capacity, .. rest.Take(Math.Max(0, MaxCauses - capacity.Count - shown.Count)), .. shown];
            }
        }
        return causes;
    }

    /// <summary>True when lifting the rows serves the target (fixed set-ups first, then free set-ups).</summary>
    private bool Lifts(IReadOnlyList<RowKey> keys, Target target)
    {
        var fixedResult = Test(keys, relaxation: false);
        if (fixedResult is not null && target.Met(fixedResult)) return true;
        // set-ups may be what stops it: try with free set-ups, unless they serve the demand anyway
        var free = RelaxationAllocation();
        if (free is null || target.Met(free) || OutOfBudget) return false;
        var relaxed = Test(keys, relaxation: true);
        return relaxed is not null && target.Met(relaxed);
    }

    /// <summary>
    /// With <paramref name="lifted"/> lifted in the fixed set-up LP, the strongest other entity on
    /// the path that binds (its rows up to the last useful bucket, and the binding ones to show).
    /// </summary>
    private (List<RowKey> Keys, List<Binding> Shown)? NextLimit(List<RowKey> lifted, Target target, DemandPath path)
    {
        var lm = _model.Build(_best.Fixing, Array.Empty<SetupCut>());
        var rows = _model.Rows;
        foreach (var key in lifted) Lift(lm, rows, key);
        var res = Solve(lm);
        if (res is not { HasSolution: true }) return null;
        var first = lifted[0];
        var next = Bindings(lm, rows, res)
            .Where(b => b.Key.Bucket <= target.LastBucket && OnPath(b.Key, path)
                        && !(b.Key.Family == first.Family && b.Key.Entity == first.Entity && b.Key.Site == first.Site))
            .GroupBy(b => (b.Key.Family, b.Key.Entity, b.Key.Site))
            .OrderByDescending(g => g.Max(b => b.Value))
            .FirstOrDefault();
        if (next is null) return null;
        var keys = rows.All.Select(r => r.Key)
            .Where(k => k.Family == next.Key.Family && k.Entity == next.Key.Entity && k.Site == next.Key.Site && k.Bucket <= target.LastBucket)
            .ToList();
        return (keys, next.OrderByDescending(b => b.Key.Bucket).ToList());
    }

    private string EntityName(RowKey key) => key.Family switch
    {
        RowFamily.LineCapacity => $"line '{_inst.Lines[key.Entity].Id}'",
        RowFamily.MaterialBalance => $"material '{_inst.Materials[key.Entity].Id}'",
        RowFamily.LaneCapacity => $"lane '{_inst.Lanes[key.Entity].Id}'",
        RowFamily.AssetCapacity => $"asset '{_inst.Model.SharedAssets[key.Entity].Id}'",
        RowFamily.TankCapacity => $"tank '{_inst.Model.Tanks[key.Entity].Id}'",
        _ => key.Family.ToString(),
    };

    private DeliveryAllocator.Allocation? Test(IReadOnlyList<RowKey> keys, bool relaxation)
    {
        var id = (string.Join(";", keys), relaxation);
        if (_tests.TryGetValue(id, out var cached)) return cached;
        var lm = _model.Build(relaxation ? null : _best.Fixing, Array.Empty<SetupCut>());
        foreach (var key in keys) Lift(lm, _model.Rows, key);
        var res = Solve(lm);
        var alloc = res is { HasSolution: true } ? Allocate(res.Values) : null;
        _tests[id] = alloc;
        return alloc;
    }

    private DeliveryAllocator.Allocation? RelaxationAllocation()
    {
        if (_relaxationSolved) return _relaxation;
        _relaxationSolved = true;
        var res = Solve(_model.Build(null, Array.Empty<SetupCut>()));
        _relaxation = res is { HasSolution: true } ? Allocate(res.Values) : null;
        return _relaxation;
    }

    /// <summary>
    /// Lifts one row: a free, unbounded column that absorbs it (overtime hours on a line, which
    /// also frees the line's set-up links and production bounds in that bucket; material arriving
    /// from nowhere; extra lane, asset or tank capacity).
    /// </summary>
    private void Lift(LinearModel lm, AggregateRows rows, RowKey key)
    {
        var row = rows.Find(key);
        if (row < 0) return;
        var entries = new List<(int Row, double Value)>();
        switch (key.Family)
        {
            case RowFamily.MaterialBalance:
                entries.Add((row, 1.0));
                break;
            case RowFamily.LineCapacity:
            {
                entries.Add((row, -1.0));
                var line = _inst.Lines[key.Entity];
                for (var i = 0; i < line.Products.Length; i++)
                {
                    var link = rows.Find(new RowKey(RowFamily.SetupLink, key.Entity, key.Bucket, Item: i));
                    if (link >= 0) entries.Add((link, -1.0));
                }
                foreach (var r in _inst.Recipes)
                {
                    if (r.Line != key.Entity) continue;
                    var x = _model.X[r.Index][key.Bucket];
                    if (x >= 0) lm.SetBounds(new Variable(x), lm.LowerBound(new Variable(x)), double.PositiveInfinity);
                    // whole batches are bounded by the bucket's hours too: overtime may make a part batch
                    var batch = rows.Find(new RowKey(RowFamily.BatchMultiple, r.Index, key.Bucket));
                    if (batch >= 0) entries.Add((batch, -1.0));
                }
                break;
            }
            default:
                entries.Add((row, -1.0));
                break;
        }
        lm.AddColumns([0, entries.Count], entries.Select(e => e.Row).ToArray(), entries.Select(e => e.Value).ToArray(),
            [0.0], [double.PositiveInfinity], [0.0]);
    }

    private LpResult? Solve(LinearModel lm)
    {
        _solves++;
        var remaining = _budget == TimeSpan.MaxValue ? (TimeSpan?)null : _budget - Spent;
        var options = new SolverOptions
        {
            TimeLimit = remaining is null ? null : remaining > TimeSpan.FromSeconds(0.2) ? remaining : TimeSpan.FromSeconds(0.2),
        };
        try
        {
            return LanesClosedFirst.Solve(_lp, lm, _model.TransferColumns(lm), options, _ct, guide: _best.Values);
        }
        catch (SolverException)
        {
            return null; // a diagnosis never fails a solve; the alert keeps the causes it had
        }
    }

    private DeliveryAllocator.Allocation Allocate(IReadOnlyList<double> values)
    {
        return DeliveryAllocator.Allocate(_inst, (s, p, t) =>
        {
            if (!_model.ProductAtSite[s][p]) return 0;
            var d = _model.Del[s][p][t];
            return d < 0 ? 0 : Math.Max(0, values[d]);
        });
    }

    // ------------------------------------------------------------------ words

    private AlertCause Describe(Binding b, string verdict)
    {
        var t = b.Key.Bucket;
        var bucket = _inst.Buckets[t];
        var when = $"bucket {t} ({bucket.Start:yyyy-MM-dd})";
        var cause = new AlertCause { Constraint = ConstraintName(b.Key.Family)!, BucketIndex = (uint)t };
        switch (b.Key.Family)
        {
            case RowFamily.LineCapacity:
                cause.EntityId = _inst.Lines[b.Key.Entity].Id;
                cause.Description = $"Line '{cause.EntityId}' is fully used in {when}: {F(b.Activity)} of {F(b.Bound)} working hours (production and changeovers); one more hour is worth {F(b.Value)}.{verdict}";
                break;
            case RowFamily.MaterialBalance:
                cause.EntityId = _inst.Materials[b.Key.Entity].Id;
                cause.Description = $"Material '{cause.EntityId}' at '{_inst.Sites[b.Key.Site].Id}' is used up in {when}; one more unit there is worth {F(b.Value)}.{verdict}";
                break;
            case RowFamily.LaneCapacity:
                cause.EntityId = _inst.Lanes[b.Key.Entity].Id;
                cause.Description = $"Lane '{cause.EntityId}' ships its full capacity in {when} ({F(b.Bound)} units); one more unit of capacity is worth {F(b.Value)}.{verdict}";
                break;
            case RowFamily.AssetCapacity:
                cause.EntityId = _inst.Model.SharedAssets[b.Key.Entity].Id;
                cause.Description = $"Shared asset '{cause.EntityId}' is fully occupied in {when} ({F(b.Activity)} of {F(b.Bound)} hours); one more hour is worth {F(b.Value)}.{verdict}";
                break;
            case RowFamily.TankCapacity:
                cause.EntityId = _inst.Model.Tanks[b.Key.Entity].Id;
                cause.Description = $"Tank '{cause.EntityId}' is full at the end of {when} ({F(b.Bound)} units); one more unit of room is worth {F(b.Value)}.{verdict}";
                break;
        }
        return cause;
    }

    /// <summary>Causes when no row on the path binds: no recipe, no working time (frozen zone or calendar), forbidden transitions.</summary>
    private List<AlertCause> Fallback(Target target, DemandPath path, List<Binding> setups)
    {
        var causes = new List<AlertCause>();
        var product = _inst.Products[target.Product].Id;
        if (!path.Lines.Any(l => _inst.Recipes.Any(r => r.Line == l && r.Product == target.Product)) && !path.Lanes.Any())
        {
            causes.Add(new AlertCause
            {
                Constraint = "NO_RECIPE",
                EntityId = product,
                Description = $"No recipe makes '{product}' at '{_inst.Sites[target.Site].Id}' and no lane brings it there; it can only come from stock.",
            });
            return causes;
        }
        foreach (var l in path.Lines.Order())
        {
            var line = _inst.Lines[l];
            var buckets = Enumerable.Range(0, target.LastBucket + 1).ToList();
            if (buckets.Any(t => line.AvailableHours[t] > Tol)) continue;
            var frozen = buckets.Where(t => _inst.Buckets[t].Start < _inst.FrozenEnd).ToList();
            if (frozen.Count > 0)
                causes.Add(new AlertCause
                {
                    Constraint = "FROZEN_RUNS",
                    EntityId = line.Id,
                    BucketIndex = (uint)frozen[^1],
                    Description = $"Up to bucket {target.LastBucket} line '{line.Id}' is inside the frozen zone (until {_inst.FrozenEnd:yyyy-MM-dd HH:mm}) or has no working time; only its frozen runs produce there.",
                });
            else
                causes.Add(new AlertCause
                {
                    Constraint = "LINE_CAPACITY",
                    EntityId = line.Id,
                    BucketIndex = (uint)target.LastBucket,
                    Description = $"Line '{line.Id}' has no working time up to bucket {target.LastBucket} (calendar and downtime).",
                });
        }
        if (causes.Count > 0) return causes;

        // The relaxation (sequences free) serves it while the sequenced plan does not: the order of runs is what costs.
        var free = OutOfBudget ? null : RelaxationAllocation();
        if (free is not null && target.Met(free))
        {
            foreach (var l in path.Lines.Order())
            {
                var line = _inst.Lines[l];
                var made = line.Products.Where(q => path.Items.Contains((line.Site, q))).ToList();
                var pairs = (from a in made
                             from q in line.Products
                             where q != a && (line.Into(q, a) is { Forbidden: true } || line.Into(a, q) is { Forbidden: true })
                             select (a, q)).ToList();
                if (pairs.Count == 0) continue;
                causes.Add(new AlertCause
                {
                    Constraint = "FORBIDDEN_SEQUENCE",
                    EntityId = line.Id,
                    Description = $"Line '{line.Id}' makes {string.Join(", ", made.Select(q => $"'{_inst.Products[q].Id}'"))} for this demand and forbids some transitions between them and "
                        + $"{string.Join(", ", pairs.Select(x => x.q).Distinct().Select(q => $"'{_inst.Products[q].Id}'"))}; the LP with free set-ups and run orders serves the demand in time, the sequenced plan does not.",
                });
            }
            var setupCauses = SetupCauses(target, path, setups, Math.Max(2, MaxCauses - causes.Count - 1));
            causes.InsertRange(0, SetupLineCapacity(target, path, setups, setupCauses, []));
            causes.AddRange(setupCauses);
        }
        return causes;
    }

    /// <summary>
    /// The plan's set-up pattern as a cause: products on the demand's path that the plan does not
    /// set up in a bucket up to the last useful one, where one more hour of them would be worth
    /// something (best first), each tested by freeing that set-up in the fixed set-up LP.
    /// </summary>
    private List<AlertCause> SetupCauses(Target target, DemandPath path, List<Binding> setups, int max)
    {
        var causes = new List<AlertCause>();
        var tested = 0;
        foreach (var b in setups
                     .Where(b => b.Key.Bucket <= target.LastBucket && path.Lines.Contains(b.Key.Entity)
                                 && path.Items.Contains((_inst.Lines[b.Key.Entity].Site, _inst.Lines[b.Key.Entity].Products[b.Key.Item])))
                     .OrderByDescending(b => b.Value).ThenByDescending(b => b.Key.Bucket))
        {
            if (causes.Count >= max) break;
            var verdict = "";
            if (tested++ < MaxTestsPerAlert && !OutOfBudget)
            {
                var fixedResult = Test([b.Key], relaxation: false);
                verdict = fixedResult is not null && target.Met(fixedResult)
                    ? " In the LP with the plan's other set-ups, running it there (capacity allowing) alone serves the demand in time."
                    : " Running it there alone is not enough.";
            }
            var line = _inst.Lines[b.Key.Entity];
            var p = _inst.Products[line.Products[b.Key.Item]].Id;
            causes.Add(new AlertCause
            {
                Constraint = "SETUP",
                EntityId = line.Id,
                BucketIndex = (uint)b.Key.Bucket,
                Description = $"The plan does not set line '{line.Id}' up for '{p}' in bucket {b.Key.Bucket} ({_inst.Buckets[b.Key.Bucket].Start:yyyy-MM-dd}): the set-up pattern the plan chose (sequence, changeovers, minimum lots) leaves it out; one more hour of '{p}' there is worth {F(b.Value)}.{verdict}",
            });
        }
        return causes;
    }

    /// <summary>
    /// When the plan's set-ups are the cause, what binds as a scheduler sees it: a product left out of
    /// a line because the line's hours, changeovers included, are spent elsewhere. The engine
    /// re-solves with, in turn (each lift in every bucket up to the last useful one, see
    /// <see cref="CauseConfirmation"/>): the hours of the line whose missing set-up is worth most (a
    /// twin of the line, its changeover rules included); the hours of every path line that misses a
    /// set-up (at most <see cref="MaxSetupLines"/>); those lines together with the strongest other
    /// limit binding on the path (e.g. a material the set-up would consume). The first lift whose plan
    /// serves the demand is the cause (LINE_CAPACITY per line, naming the changeover hours the plan
    /// spends there, and that other limit); a lift that does not is written into the SETUP causes of
    /// its lines. Nothing is claimed without that re-solve.
    /// </summary>
    private List<AlertCause> SetupLineCapacity(Target target, DemandPath path, List<Binding> setups, List<AlertCause> setupCauses, IReadOnlyList<Binding> candidates)
    {
        if (setupCauses.Count == 0) return [];
        // the line's most valuable missing set-up on the path, per line, best line first
        var lines = setups
            .Where(b => b.Key.Bucket <= target.LastBucket && path.Lines.Contains(b.Key.Entity)
                        && path.Items.Contains((_inst.Lines[b.Key.Entity].Site, _inst.Lines[b.Key.Entity].Products[b.Key.Item])))
            .GroupBy(b => b.Key.Entity)
            .Select(g => g.OrderByDescending(b => b.Value).ThenByDescending(b => b.Key.Bucket).First())
            .OrderByDescending(b => b.Value).ThenBy(b => b.Key.Entity)
            .Take(MaxSetupLines)
            .ToList();
        if (lines.Count == 0) return [];
        // the strongest other limit on the path (not the hours of a line lifted anyway), nearest the due bucket shown
        var other = candidates
            .Where(b => CauseConfirmation.CanLift(b.Key.Family) && !(b.Key.Family == RowFamily.LineCapacity && lines.Any(l => l.Key.Entity == b.Key.Entity)))
            .GroupBy(b => (b.Key.Family, b.Key.Entity, b.Key.Site))
            .OrderByDescending(g => g.Max(b => b.Value))
            .Select(g => g.MaxBy(b => b.Key.Bucket))
            .FirstOrDefault();
        var tries = new List<(List<Binding> Lines, Binding? Other)> { (lines.Take(1).ToList(), null) };
        if (lines.Count > 1) tries.Add((lines, null));
        if (other is not null) tries.Add((lines, other));
        foreach (var (lifted, with) in tries)
        {
            var limits = lifted.Select(b => new CauseConfirmation.Limit(RowFamily.LineCapacity, b.Key.Entity, 0, target.LiftLast)).ToList();
            if (with is not null) limits.Add(Through(with.Key, target.LiftLast));
            var names = Names(lifted) + (with is null ? "" : $" and {EntityName(with.Key)}");
            switch (Confirm(limits, target))
            {
                case true:
                {
                    var what = lifted.Count == 1 && with is null ? "this limit" : names;
                    var words = $" Lifting {what} in every bucket up to bucket {target.LiftLast} together lets the plan serve the demand in time "
                                + "(confirmed by re-solving with it lifted: a twin of each line, its changeover rules included, working round the clock in those buckets).";
                    var causes = lifted.Select(b => DescribeSetupCapacity(b, target.LiftLast, words)).ToList();
                    if (with is not null) causes.Add(Describe(with, words));
                    return causes;
                }
                case false:
                    foreach (var c in setupCauses.Where(c => lifted.Any(b => _inst.Lines[b.Key.Entity].Id == c.EntityId)))
                        c.Description += $" Lifting {names} in every bucket up to bucket {target.LiftLast} is not enough either (re-solved with that lifted).";
                    break;
                default:
                    return []; // no re-solve left: nothing is claimed
            }
        }
        return [];
    }

    private string Names(List<Binding> lines) =>
        lines.Count == 1 ? $"line '{_inst.Lines[lines[0].Key.Entity].Id}'"
        : "lines " + string.Join(", ", lines.Take(lines.Count - 1).Select(b => $"'{_inst.Lines[b.Key.Entity].Id}'")) + $" and '{_inst.Lines[lines[^1].Key.Entity].Id}'";

    /// <summary>LINE_CAPACITY cause of a line whose hours (changeovers included) leave a product of the demand out.</summary>
    private AlertCause DescribeSetupCapacity(Binding setup, int last, string verdict)
    {
        var line = _inst.Lines[setup.Key.Entity];
        var product = _inst.Products[line.Products[setup.Key.Item]].Id;
        var from = _inst.Buckets[0].Start;
        var to = _inst.Buckets[last].End;
        var hours = Enumerable.Range(0, last + 1).Sum(t => line.AvailableHours[t]);
        var changeovers = _plan.Runs
            .Where(r => r.LineId == line.Id && r.Changeover is { Hours: > 0 } c && c.Start is not null && c.Start.ToDateTime() < to && c.End.ToDateTime() > from)
            .ToList();
        return new AlertCause
        {
            Constraint = "LINE_CAPACITY",
            EntityId = line.Id,
            BucketIndex = (uint)setup.Key.Bucket,
            Description = $"Line '{line.Id}' has {F(hours)} working hours up to bucket {last} ({_inst.Buckets[last].Start:yyyy-MM-dd}), "
                + $"{F(changeovers.Sum(r => r.Changeover.Hours))} of them spent on {changeovers.Count} changeover(s) in the plan; the plan leaves '{product}' out of it in bucket {setup.Key.Bucket} "
                + $"(one more hour of it there is worth {F(setup.Value)}).{verdict}",
        };
    }

    // ------------------------------------------------------------------ material shortages

    /// <summary>
    /// One MATERIAL_SHORTAGE alert per (site, material) whose balance binds in some bucket with a
    /// value above its purchase cost: the plan would make more or sooner with more of it.
    /// </summary>
    private void AddMaterialShortages(Plan plan, List<Binding> bindings)
    {
        foreach (var group in bindings.Where(b => b.Key.Family == RowFamily.MaterialBalance)
                     .GroupBy(b => (b.Key.Site, b.Key.Entity)).OrderBy(g => g.Key.Site).ThenBy(g => g.Key.Entity))
        {
            var first = group.MinBy(b => b.Key.Bucket)!;
            var material = _inst.Materials[group.Key.Entity].Id;
            var site = _inst.Sites[group.Key.Site].Id;
            var buckets = group.Select(b => b.Key.Bucket).Order().ToList();
            var bucket = _inst.Buckets[first.Key.Bucket];
            var alert = new Alert
            {
                Severity = Alert.Types.Severity.Warning,
                Kind = "MATERIAL_SHORTAGE",
                Message = $"Material '{material}' at '{site}' runs out in {buckets.Count} bucket(s) from bucket {first.Key.Bucket} ({bucket.Start:yyyy-MM-dd}); the plan would make more with more of it (up to {F(group.Max(b => b.Value))} per unit).",
                MaterialId = material,
                SiteId = site,
                Time = Timestamp.FromDateTime(bucket.Start),
            };
            alert.Causes.AddRange(group.OrderBy(b => b.Key.Bucket).Take(MaxCauses).Select(b => Describe(b, "")));
            plan.Alerts.Add(alert);
        }
    }

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
