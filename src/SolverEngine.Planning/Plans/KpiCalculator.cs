using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans.Internal;

namespace SolverEngine.Planning.Plans;

/// <summary>The plan's KPIs, computed from the plan's own elements and the demand they serve.</summary>
internal static class KpiCalculator
{
    public static Kpis Compute(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc, CostBreakdown costs,
        double[] lineProduction, double[] lineChangeover, double endStockValue, double stockUnitDays)
    {
        var kpis = new Kpis { Costs = costs, Stability = new PlanStability() };

        // service: OTIF over orders, fill rate over all demand (delivered in its own bucket)
        var orderChunks = alloc.Chunks.Where(c => c.Order >= 0).ToList();
        kpis.OnTimeInFull = orderChunks.Count == 0 ? 1.0 : orderChunks.Count(c => c.ByDue >= c.Quantity * (1 - 1e-6) - 1e-9) / (double)orderChunks.Count;
        var demanded = alloc.Chunks.Sum(c => c.Quantity);
        kpis.FillRate = demanded <= 0 ? 1.0 : Math.Min(1.0, alloc.Chunks.Sum(c => c.OnTime) / demanded);
        foreach (var group in orderChunks.GroupBy(c => inst.Orders[c.Order].Customer).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var q = group.Sum(c => c.Quantity);
            kpis.Customers.Add(new CustomerService
            {
                Customer = group.Key,
                OnTimeInFull = group.Count(c => c.ByDue >= c.Quantity * (1 - 1e-6) - 1e-9) / (double)group.Count(),
                FillRate = q <= 0 ? 1.0 : Math.Min(1.0, group.Sum(c => c.ByDue) / q),
            });
        }

        // lines
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            var available = line.WorkingTime.Hours(inst.HorizonStart, inst.HorizonEnd);
            kpis.Lines.Add(new LineUtilisation
            {
                LineId = line.Id,
                AvailableHours = available,
                ProductionHours = lineProduction[l],
                ChangeoverHours = lineChangeover[l],
                Utilisation = available <= 0 ? 0 : Math.Min(1.0, (lineProduction[l] + lineChangeover[l]) / available),
            });
        }
        kpis.ChangeoverHours = lineChangeover.Sum();
        kpis.ChangeoverCost = costs.Changeover;

        // stock and demand
        var horizonDays = (inst.HorizonEnd - inst.HorizonStart).TotalDays;
        kpis.InventoryValue = endStockValue;
        var avgStock = horizonDays > 0 ? stockUnitDays / horizonDays : 0;
        var totalDemand = alloc.Chunks.Where(c => !c.Initial).Sum(c => c.Quantity);
        var dailyDemand = horizonDays > 0 ? totalDemand / horizonDays : 0;
        kpis.DaysOfCover = dailyDemand > 0 ? avgStock / dailyDemand : 0;
        var delivered = plan.Deliveries.Sum(d => d.Quantity);
        kpis.InventoryTurns = avgStock > 0 && horizonDays > 0 ? delivered / avgStock * (365.0 / horizonDays) : 0;
        kpis.Backlog = Math.Max(0, alloc.Chunks.Sum(c => c.Open));
        var price = inst.Products.ToDictionary(p => p.Id, p => p.Source.Price);
        kpis.Revenue = plan.Deliveries.Sum(d => d.Quantity * price[d.ProductId]);
        return kpis;
    }
}
