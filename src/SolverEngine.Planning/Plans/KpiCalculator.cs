using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans.Internal;

namespace SolverEngine.Planning.Plans;

/// <summary>
/// The plan's KPIs (<see cref="Kpis"/>), computed from the plan's own runs, inventory and
/// deliveries and the demand they serve, so that they always describe the plan as written.
/// Definitions where the contract leaves room:
/// <list type="bullet">
/// <item>On time: an order by its due time; forecast demand (and initial backlog) in its own bucket.
/// Fill rate = on-time units / demanded units, overall over all demand, per customer over orders.</item>
/// <item>Line hours: available = the line's working time over the horizon (calendar minus
/// downtime, summed per bucket); production = run quantity / (rate x yield); changeover = the hours
/// of the changeover before each run (frozen runs included).</item>
/// <item>Shared assets: available = capacity x the asset's working hours; used = occupied hours as
/// the SharedAsset comment counts them: in DAY buckets the asset's working hours inside
/// [start, end) of each run and changeover that lists it, in WEEK and MONTH buckets the run's
/// production hours and the changeover's hours.</item>
/// <item>Days of cover = average finished-goods stock (end-of-bucket stock weighted by bucket
/// length) / average daily demand. Inventory turns = deliveries / average stock, per year (365 days),
/// both valued at unit_value when any product has one, else in units.</item>
/// <item>Backlog = units of demand (orders, forecast, initial backlog) not delivered by horizon
/// end, lost sales included.</item>
/// <item>Plan stability: the counts of <c>Policy.stability_cost</c>'s comment, against
/// <c>previous_plan</c> (all zero without one).</item>
/// </list>
/// </summary>
internal static class KpiCalculator
{
    private const double Full = 1 - 1e-6;

    public static Kpis Compute(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc, CostBreakdown costs)
    {
        var kpis = new Kpis { Costs = costs, Stability = Stability(inst.Model, plan) };
        Service(inst, alloc, kpis);
        Lines(inst, plan, kpis);
        Assets(inst, plan, kpis);
        kpis.ChangeoverHours = kpis.Lines.Sum(l => l.ChangeoverHours);
        kpis.ChangeoverCost = costs.Changeover;
        Stock(inst, plan, alloc, kpis);
        return kpis;
    }

    // ------------------------------------------------------------------ service

    private static double OnTime(DeliveryAllocator.Chunk c) => c.Order >= 0 ? c.ByDue : c.OnTime;

    private static bool InFullOnTime(DeliveryAllocator.Chunk c) => c.ByDue >= c.Quantity * Full - 1e-9;

    private static void Service(PlanningInstance inst, DeliveryAllocator.Allocation alloc, Kpis kpis)
    {
        var orders = alloc.Chunks.Where(c => c.Order >= 0).ToList();
        kpis.OnTimeInFull = orders.Count == 0 ? 1.0 : orders.Count(InFullOnTime) / (double)orders.Count;
        var demanded = alloc.Chunks.Sum(c => c.Quantity);
        kpis.FillRate = demanded <= 0 ? 1.0 : Math.Clamp(alloc.Chunks.Sum(OnTime) / demanded, 0, 1);
        foreach (var group in orders.GroupBy(c => inst.Orders[c.Order].Customer).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var q = group.Sum(c => c.Quantity);
            kpis.Customers.Add(new CustomerService
            {
                Customer = group.Key,
                OnTimeInFull = group.Count(InFullOnTime) / (double)group.Count(),
                FillRate = q <= 0 ? 1.0 : Math.Clamp(group.Sum(c => c.ByDue) / q, 0, 1),
            });
        }
    }

    // ------------------------------------------------------------------ lines and assets

    private static void Lines(PlanningInstance inst, Plan plan, Kpis kpis)
    {
        var byId = inst.Recipes.ToDictionary(r => r.Id);
        foreach (var line in inst.Lines)
        {
            var available = inst.Buckets.Sum(b => line.WorkingTime.Hours(b.Start, b.End));
            var production = 0.0;
            var changeover = 0.0;
            foreach (var run in plan.Runs)
            {
                if (run.LineId != line.Id) continue;
                if (AssetHours.RecipeOf(inst, run, byId) is { } r) production += run.Quantity * r.HoursPerUnit;
                if (run.Changeover is { } c) changeover += c.Hours;
            }
            kpis.Lines.Add(new LineUtilisation
            {
                LineId = line.Id,
                AvailableHours = available,
                ProductionHours = production,
                ChangeoverHours = changeover,
                Utilisation = available > 0 ? (production + changeover) / available : 0,
            });
        }
    }

    private static void Assets(PlanningInstance inst, Plan plan, Kpis kpis)
    {
        var hours = AssetHours.Of(inst, plan);
        for (var a = 0; a < inst.Model.SharedAssets.Count; a++)
        {
            var available = hours.Available[a].Sum();
            var used = hours.Used[a].Sum();
            kpis.Assets.Add(new AssetUtilisation
            {
                AssetId = inst.Model.SharedAssets[a].Id,
                AvailableHours = available,
                UsedHours = used,
                Utilisation = available > 0 ? used / available : 0,
            });
        }
    }

    // ------------------------------------------------------------------ stock and demand

    private static void Stock(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc, Kpis kpis)
    {
        var horizonDays = (inst.HorizonEnd - inst.HorizonStart).TotalDays;
        var products = inst.Products.ToDictionary(p => p.Id, p => p.Source);
        var last = (uint)(inst.T - 1);
        var anyValue = inst.Products.Any(p => p.Source.UnitValue > 0);
        double Worth(Product p, double q) => anyValue ? q * p.UnitValue : q;

        var endValue = 0.0;
        var stockDays = 0.0;      // finished goods, units x days
        var stockWorthDays = 0.0; // all products, value (or units) x days
        foreach (var level in plan.Inventory)
        {
            if (level.ProductId.Length == 0 || !products.TryGetValue(level.ProductId, out var p)) continue;
            var days = inst.Buckets[(int)level.BucketIndex].Days;
            if (level.BucketIndex == last) endValue += level.Quantity * p.UnitValue;
            if (!p.Intermediate) stockDays += level.Quantity * days;
            stockWorthDays += Worth(p, level.Quantity) * days;
        }
        kpis.InventoryValue = endValue;

        var demand = 0.0;
        for (var s = 0; s < inst.Sites.Length; s++)
            for (var p = 0; p < inst.Products.Length; p++)
                if (!inst.Products[p].Source.Intermediate) demand += inst.Demand[s][p].Sum();
        var avgStock = horizonDays > 0 ? stockDays / horizonDays : 0;
        var dailyDemand = horizonDays > 0 ? demand / horizonDays : 0;
        kpis.DaysOfCover = dailyDemand > 0 ? avgStock / dailyDemand : 0;

        var avgWorth = horizonDays > 0 ? stockWorthDays / horizonDays : 0;
        var shipped = plan.Deliveries.Sum(d => products.TryGetValue(d.ProductId, out var p) ? Worth(p, d.Quantity) : 0);
        kpis.InventoryTurns = avgWorth > 0 && horizonDays > 0 ? shipped / avgWorth * (365.0 / horizonDays) : 0;

        kpis.Revenue = plan.Deliveries.Sum(d => products.TryGetValue(d.ProductId, out var p) ? d.Quantity * p.Price : 0);
        kpis.Backlog = Math.Max(0, alloc.Chunks.Sum(c => c.Open));
    }

    // ------------------------------------------------------------------ plan stability

    /// <summary>Runs moved, added and removed in the slushy zone against <c>previous_plan</c> (see <see cref="Scheduling.PlanStabilityCounter"/>).</summary>
    internal static PlanStability Stability(PlanningModel model, Plan plan)
    {
        var (moved, added, removed) = new Scheduling.PlanStabilityCounter(model).Count(plan.Runs);
        return new PlanStability { RunsMoved = (uint)moved, RunsAdded = (uint)added, RunsRemoved = (uint)removed };
    }
}
