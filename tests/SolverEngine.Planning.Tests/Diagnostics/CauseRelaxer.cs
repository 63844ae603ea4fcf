using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Tests.Diagnostics;

/// <summary>
/// Lifts the model constraint an <see cref="AlertCause"/> names, in the model itself, so that a
/// test can re-solve with the real engine: unlimited hours of a line (a twin line with the same
/// recipes, at a huge rate, and changeover rules that works only in the named buckets), material arriving from
/// nowhere, a lane without a capacity limit, a shared asset with a thousand concurrent uses round the
/// clock, or a tank a hundred times larger that needs no cleaning and takes any product (assets
/// and tanks over the whole horizon: the model has no per-bucket capacity for them).
/// </summary>
internal static class CauseRelaxer
{
    public const double Plenty = 1e6;

    /// <summary>True when the cause says lifting its limit in every bucket up to the last useful one together is what works.</summary>
    public static bool IsGroup(AlertCause cause) => cause.Description.Contains("in every bucket up to bucket", StringComparison.Ordinal);

    public static bool SaysSufficient(AlertCause cause) => cause.Description.Contains("lets the plan serve the demand in time", StringComparison.Ordinal);

    /// <summary>The constraints this class can lift in the model.</summary>
    public static bool CanLift(AlertCause cause) => cause.Constraint is "LINE_CAPACITY" or "MATERIAL" or "LANE" or "ASSET_CAPACITY" or "TANK";

    /// <summary>
    /// A copy of <paramref name="model"/> with the cause's limit lifted: in the cause's bucket, or in
    /// buckets 0..<paramref name="lastBucket"/> when the cause says only that works (or
    /// <paramref name="group"/> asks for it).
    /// </summary>
    public static PlanningModel Lift(PlanningModel model, Plan plan, AlertCause cause, int lastBucket, bool? group = null)
    {
        var m = model.Clone();
        var all = group ?? IsGroup(cause);
        var first = all ? 0 : (int)cause.BucketIndex;
        var last = all ? lastBucket : (int)cause.BucketIndex;
        var from = plan.Buckets[first].Start;
        var to = plan.Buckets[last].End;
        switch (cause.Constraint)
        {
            case "LINE_CAPACITY":
            {
                var line = m.Lines.Single(l => l.Id == cause.EntityId);
                var twin = new Line { Id = line.Id + "~twin", SiteId = line.SiteId, SetupPerBucket = line.SetupPerBucket, Calendar = new Calendar() };
                if (line.HasMaxRunsPerBucket) twin.MaxRunsPerBucket = line.MaxRunsPerBucket;
                var hStart = plan.Buckets[0].Start;
                var hEnd = plan.Buckets[^1].End;
                if (from.ToDateTime() > hStart.ToDateTime()) twin.Calendar.Downtimes.Add(new Downtime { Start = hStart, End = from, Reason = "test: outside the lifted buckets" });
                if (to.ToDateTime() < hEnd.ToDateTime()) twin.Calendar.Downtimes.Add(new Downtime { Start = to, End = hEnd, Reason = "test: outside the lifted buckets" });
                m.Lines.Add(twin);
                foreach (var r in model.Recipes.Where(r => r.LineId == line.Id))
                {
                    var copy = r.Clone();
                    copy.Id = r.Id + "~twin";
                    copy.LineId = twin.Id;
                    copy.Rate = r.Rate * 100; // a hundred times the hours: the line's hours are no longer a limit
                    m.Recipes.Add(copy);
                }
                foreach (var c in model.Changeovers.Where(c => c.LineId == line.Id))
                {
                    var copy = c.Clone();
                    copy.LineId = twin.Id;
                    m.Changeovers.Add(copy);
                }
                break;
            }
            case "MATERIAL":
            {
                // the cause names the material; the alert's site is where it is short
                foreach (var site in SitesUsing(model, cause.EntityId))
                    m.Supplies.Add(new Supply { MaterialId = cause.EntityId, SiteId = site, Quantity = Plenty, Arrival = from });
                break;
            }
            case "LANE":
                m.Lanes.Single(l => l.Id == cause.EntityId).ClearCapacityPerDay();
                break;
            case "ASSET_CAPACITY":
            {
                var asset = m.SharedAssets.Single(a => a.Id == cause.EntityId);
                asset.Capacity = 1000; // more concurrent uses than lines
                asset.Calendar = null; // works round the clock
                break;
            }
            case "TANK":
            {
                var tank = m.Tanks.Single(t => t.Id == cause.EntityId);
                tank.Capacity *= 100;
                tank.CleanHours = 0;
                tank.AllowedProductIds.Clear();
                break;
            }
            default:
                throw new ArgumentException($"The test cannot lift a '{cause.Constraint}' cause in the model.", nameof(cause));
        }
        return m;
    }

    private static IEnumerable<string> SitesUsing(PlanningModel model, string material) =>
        model.Recipes.Where(r => r.Inputs.Any(i => i.MaterialId == material))
            .Select(r => model.Lines.Single(l => l.Id == r.LineId).SiteId)
            .Distinct();

    /// <summary>True when the plan delivers the whole order by its due time.</summary>
    public static bool OnTime(PlanningModel model, Plan plan, string orderId)
    {
        var order = model.Orders.Single(o => o.Id == orderId);
        var byDue = plan.Deliveries.Where(d => d.OrderId == orderId && (d.Lateness is null || d.Lateness.ToTimeSpan() <= TimeSpan.Zero)).Sum(d => d.Quantity);
        return byDue >= order.Quantity * (1 - 1e-6) - 1e-9;
    }

    /// <summary>True when the plan delivers the whole order by the horizon end.</summary>
    public static bool InFull(PlanningModel model, Plan plan, string orderId)
    {
        var order = model.Orders.Single(o => o.Id == orderId);
        return plan.Deliveries.Where(d => d.OrderId == orderId).Sum(d => d.Quantity) >= order.Quantity * (1 - 1e-6) - 1e-9;
    }
}
