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
/// <item>Time comparisons allow 1 ms; quantities and hours 1e-6 relative (absolute below 1).</item>
/// <item>A run's output and inputs count in the bucket of its start; balances are end-of-bucket.</item>
/// <item>Changeover: from a clean line nothing is needed; on a setup_per_bucket line the state is
/// lost at every bucket start (only "any"-from rules apply) and the changeover happens inside the
/// bucket. The changeover takes working time between the previous run's end and the run's start;
/// its hours count in the buckets where they fall (the reported interval, else the latest working
/// time before the run).</item>
/// <item>Lots: consecutive runs of one product on a line (gaps allowed) are one lot; a new bucket
/// starts a new lot only on a setup_per_bucket line. min_run_quantity applies to lots whose first
/// run needs a changeover (not the first lot of a clean line); max_runs_per_bucket counts lot starts.</item>
/// <item>Lane capacity and max_purchase_per_day are per UTC calendar day of departure / order time.</item>
/// <item>Demand: initial backlog is demand of the first bucket. Under BACKLOG deliveries may not run
/// ahead of cumulative demand. MUST_MEET shortfalls are violations and are costed as lost sales.</item>
/// <item>Safety stock applies to (site, product) pairs with positive demand in the horizon.</item>
/// <item>Holding cost counts stock above zero only.</item>
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
        new CapacityCheck(),
        new FrozenRunCheck(),
        // Process physics (issue "process physics"): tank levels and clean times, shared-asset
        // overlaps, and the calendars of tanks and assets register here, after the run checks.
        new LaneCheck(),
        new PurchaseCheck(),
        new DemandCheck(),
        new InventoryCheck(),
        new ObjectiveCheck(reportedObjective),
    ];
}
