using SolverEngine.Contracts.V1;
using SolverEngine.Core.Views.Internal;

namespace SolverEngine.Core.Views;

/// <summary>
/// A plan at DAY, WEEK or MONTH resolution, always summed from the plan's runs and flows, so that
/// one plan gives any zoom (the CLI's <c>solverengine view</c> and the server's GetPlanView both
/// use this one implementation).
/// <para>Periods: calendar days (00:00 UTC), ISO weeks (Monday 00:00 UTC) or calendar months,
/// from the one containing the horizon start to the one containing its end, clipped to the
/// horizon.</para>
/// <para>What straddles periods is split pro rata by time:
/// a run's quantity, its production hours (quantity / (rate x yield)) and its product flows (inputs
/// drawn, output stored) by the working hours of the line's calendar that [run.start, run.end)
/// holds in each period; a changeover's hours the same way over [changeover.start, changeover.end);
/// the demand of a plan bucket by wall-clock time over the periods the bucket overlaps (a WEEK
/// bucket that spans a month end gives each month its share of days). Deliveries and transfers are
/// instants and count whole in the period of their time.</para>
/// <para>Demand follows model.proto: per (product, site) and plan bucket, max(forecast spread by
/// overlap, orders due in the bucket), as Plan.constrained_demand reports it. Inventory is the
/// site stock at the period's end: initial inventory + output of runs at the site (not into a
/// tank) - product inputs (not from a tank) - deliveries - transfers departing + transfers
/// arrived (at departure + lane lead time; after the horizon: in transit). Backlog (BACKLOG
/// products) is max(0, initial backlog + cumulative demand - cumulative deliveries) at the
/// period's end (initial backlog is demand already late at the start, not demand of a period). Available
/// hours are the line's calendar minus downtime; utilisation = (production + changeover hours) /
/// available hours (0 when none are available).</para>
/// <para>Filters: a site keeps its lines and its products; a line keeps its own rows and, at its
/// site, the balance of the products it has recipes or runs for (still the site's balance).</para>
/// </summary>
public static class PlanViews
{
    /// <summary>Sums a solve result's plan. See <see cref="Build(PlanningModel, Plan, Granularity, string?, string?)"/>.</summary>
    /// <exception cref="ArgumentException">The result has no plan, or as for the plan overload.</exception>
    public static PlanViewTable Build(PlanningModel model, SolveResult result, Granularity granularity, string? siteId = null, string? lineId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Plan is null)
            throw new ArgumentException($"The result (status {result.Status}) has no plan; there is nothing to view.", nameof(result));
        return Build(model, result.Plan, granularity, siteId, lineId);
    }

    /// <summary>Sums <paramref name="plan"/> of <paramref name="model"/> per period of <paramref name="granularity"/>.</summary>
    /// <param name="siteId">Only this site (null or empty = all).</param>
    /// <param name="lineId">Only this line (null or empty = all).</param>
    /// <exception cref="ArgumentException">Granularity unspecified; the model has no valid horizon;
    /// an unknown site or line (the message lists the known ones); a line that is not at the given site.</exception>
    public static PlanViewTable Build(PlanningModel model, Plan plan, Granularity granularity, string? siteId = null, string? lineId = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        if (granularity is not (Granularity.Day or Granularity.Week or Granularity.Month))
            throw new ArgumentException($"granularity is {granularity}; use DAY, WEEK or MONTH.", nameof(granularity));
        return new ViewSums(model, plan, granularity, NullIfEmpty(siteId), NullIfEmpty(lineId)).Build();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
