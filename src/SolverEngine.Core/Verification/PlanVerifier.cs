using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification.Internal;
using SolverEngine.Core.Verification.Internal.Checks;

namespace SolverEngine.Core.Verification;

/// <summary>
/// The independent plan verifier: checks a plan against the model and recomputes its cost,
/// written from the semantics in model.proto and plan.proto alone. It shares no code with the
/// solver or the model compiler, so that a bug there cannot hide a bug here.
/// </summary>
/// <remarks>
/// Readings of points the contract leaves open (the solver follows the same ones):
/// <list type="bullet">
/// <item>Tolerances: times 1 ms; quantities and hours 1e-6 relative (absolute below 1); the
/// reported objective 1e-6 relative.</item>
/// <item>A run's output and inputs count in the bucket of its start, at its line's site; all
/// balances are end-of-bucket (the order of events inside a bucket is not checked).</item>
/// <item>Calendars: day D's window is [D + shift_start, + hours of D's weekday), possibly past
/// midnight, minus downtime. Production hours are q / (rate x yield).</item>
/// <item>Changeovers: from a clean line the first run needs none. On a setup_per_bucket line the
/// state is lost at horizon start and at every bucket start (only rules with an empty "from"
/// apply, even for the same product) and the changeover is made inside that bucket. A
/// changeover takes working time between the previous run's end (horizon start for the first
/// run) and the run's start; its hours count in the buckets where they fall: the reported
/// ChangeoverInfo interval when given, else the latest working time before the run.
/// ChangeoverInfo is required when the rule costs hours or money, and must be absent when the
/// line is already set up for the product.</item>
/// <item>Lots: consecutive runs of one product on a line (idle gaps allowed) are one lot; a new
/// bucket starts a new lot only on a setup_per_bucket line. min_run_quantity applies to lots whose
/// first run needs a changeover (a product switch or a lost state; a rule matching nothing still
/// counts, a clean line's first lot does not), summed over the lot's runs in its start bucket.
/// max_runs_per_bucket counts lot starts.</item>
/// <item>Frozen zone: runs starting in [start, start + frozen) must be frozen runs; frozen runs
/// match on line, product, start, end, quantity (and recipe when the frozen run names one).</item>
/// <item>Lane capacity and max_purchase_per_day are per UTC calendar day of departure / order
/// time (a transfer is one shipment at its departure time). Arrivals after horizon end are in
/// transit; supplies that arrived before horizon start count in the first bucket.</item>
/// <item>Demand: forecasts are prorated by time overlap; orders count in the bucket of their due
/// time; demand = max of the two; initial backlog is extra demand of the first bucket.
/// Deliveries of a (product, site) are pooled over orders and forecast. BACKLOG: deliveries
/// never run ahead of cumulative demand. LOST_SALES and MUST_MEET: a bucket's deliveries never
/// exceed its demand; MUST_MEET shortfalls are violations and are costed as lost sales.</item>
/// <item>Costs: holding on stock above zero, products and materials (tank contents are not site
/// stock and cost nothing to hold); safety stock for (site, product) pairs with positive demand in
/// the horizon; stability = stability_cost x runs moved, added or removed (Policy).</item>
/// <item>Timed zone: a run in a DAY bucket, and its reported changeover interval, hold no
/// non-working time of the line. A changeover without a reported interval is placed in the latest
/// working time before its run, and that interval is what occupies shared assets.</item>
/// <item>Shared assets: a changeover, and its asset occupation, belongs to the bucket of its run;
/// DAY buckets are swept for overlaps and checked against the asset calendar, WEEK and MONTH
/// buckets sum hours.</item>
/// <item>Tanks: the level is checked at every instant of DAY buckets and at the end of every
/// bucket; inside WEEK and MONTH buckets campaigns are not timed across lines (plan.proto), so
/// only their end-of-bucket level counts. The one-product and clean-time rules follow the runs'
/// times everywhere.</item>
/// <item>plan.bucket_quantities, when reported, equal the runs' output per recipe and bucket.</item>
/// </list>
/// </remarks>
public static class PlanVerifier
{
    /// <summary>
    /// Checks <paramref name="plan"/> against <paramref name="model"/>.
    /// </summary>
    /// <param name="model">A model that passes validation (the verifier does not repeat validation:
    /// it needs a horizon with at least one bucket and skips model entries it cannot resolve).</param>
    /// <param name="plan">The plan to check.</param>
    /// <param name="reportedObjective">The objective the solver reported; when given, a recomputed
    /// total that differs by more than 1e-6 relative is a violation.</param>
    /// <exception cref="ArgumentNullException">model or plan is null.</exception>
    /// <exception cref="ArgumentException">The model has no usable horizon.</exception>
    public static VerificationReport Verify(PlanningModel model, Plan plan, double? reportedObjective = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        if (model.Horizon?.Start is null)
        {
            throw new ArgumentException("The model has no horizon start; a plan can only be verified against a valid model (run validation first).", nameof(model));
        }

        var ctx = new VerificationContext(model, plan);
        if (ctx.Buckets.Count == 0)
        {
            throw new ArgumentException("The model's horizon has no buckets (every band needs count > 0); run validation first.", nameof(model));
        }

        foreach (var check in Checks(reportedObjective))
        {
            check.Check(ctx);
        }

        return new VerificationReport(ctx.Violations, ctx.Costs, reportedObjective);
    }

    // One check per rule family, in the order they must run: later checks read what earlier ones
    // recorded (resolved runs, changeover hours). The objective check runs last.
    private static IEnumerable<IPlanCheck> Checks(double? reportedObjective) =>
    [
        new BucketGridCheck(),
        new RunCheck(),
        new ChangeoverCheck(),
        new LotCheck(),
        new BucketQuantityCheck(),
        new CapacityCheck(),
        new FrozenRunCheck(),
        // Process physics: the timed zone, shared assets and tanks read the runs and the
        // changeover rules and intervals recorded above.
        new TimedZoneCheck(),
        new SharedAssetCheck(),
        new TankCheck(),
        new LaneCheck(),
        new PurchaseCheck(),
        new DemandCheck(),
        new InventoryCheck(),
        new StabilityCheck(),
        new ObjectiveCheck(reportedObjective),
    ];
}
