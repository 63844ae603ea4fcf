using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans.Internal;

namespace SolverEngine.Planning.Plans;

/// <summary>
/// Turns an executable candidate (fixed set-up LP values + sequences) into the contract's
/// <see cref="Plan"/>: runs at the times <see cref="Scheduling.TimedScheduler"/> placed them
/// (changeover first, then production), bucket quantities, end-of-bucket
/// inventory and backlog, deliveries per order and forecast, transfers and purchases spread one
/// shipment per day, constrained demand, KPIs, alerts and the objective.
/// </summary>
internal sealed class PlanBuilder(PlanningInstance inst, AggregateModel model)
{
    private const double Eps = 1e-7;

    public Plan Build(Candidate cand)
    {
        var v = cand.Values;
        double Val(int idx) => idx < 0 ? 0.0 : Clean(v[idx]);
        var plan = new Plan();
        foreach (var b in inst.Buckets)
        {
            plan.Buckets.Add(new Bucket
            {
                Index = (uint)b.Index,
                Start = Timestamp.FromDateTime(b.Start),
                End = Timestamp.FromDateTime(b.End),
                Granularity = GranularityName(b.Granularity),
                Fence = b.Fence,
            });
        }

        var costs = new CostBreakdown();
        var lineProd = new double[inst.Lines.Length];
        var lineChange = new double[inst.Lines.Length];
        var lineBucketUsed = new double[inst.Lines.Length][];

        // ---- runs ----
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            lineBucketUsed[l] = new double[inst.T];
            var state = line.SetupPerBucket ? -1 : line.InitialProduct;
            var lastBucket = -1;
            foreach (var f in inst.FrozenRuns.Where(f => f.Line == l))
            {
                if (line.SetupPerBucket && f.Bucket != lastBucket) state = -1;
                var run = new Run
                {
                    LineId = line.Id,
                    ProductId = inst.Products[f.Product].Id,
                    Start = Timestamp.FromDateTime(f.Start),
                    End = Timestamp.FromDateTime(f.End),
                    Quantity = f.Quantity,
                    RecipeId = f.Recipe >= 0 ? inst.Recipes[f.Recipe].Id : "",
                    BucketIndex = (uint)f.Bucket,
                    Frozen = true,
                };
                if (ChangeoverBefore(line, state, f.Product) is { } e)
                {
                    // the changeover ends where the frozen run starts
                    run.Changeover = Info(line, state, e, null, f.Start);
                    costs.Changeover += e.Cost;
                    lineChange[l] += e.Hours;
                    lineBucketUsed[l][f.Bucket] += e.Hours;
                }
                var hpu = f.Recipe >= 0 ? inst.Recipes[f.Recipe].HoursPerUnit : 0;
                lineProd[l] += f.Quantity * hpu;
                lineBucketUsed[l][f.Bucket] += f.Quantity * hpu;
                plan.Runs.Add(run);
                state = f.Product;
                lastBucket = f.Bucket;
            }

            // planned runs, at the times the timed scheduler placed them
            foreach (var tr in cand.Timed!.RunsPerLine[l])
            {
                var recipe = inst.Recipes[tr.Recipe];
                var run = new Run
                {
                    LineId = line.Id,
                    ProductId = inst.Products[tr.Product].Id,
                    Start = Timestamp.FromDateTime(tr.Start),
                    End = Timestamp.FromDateTime(tr.End),
                    Quantity = tr.Quantity,
                    RecipeId = recipe.Id,
                    BucketIndex = (uint)tr.Bucket,
                };
                if (tr.Changeover is { } co)
                {
                    if (co.Reported) run.Changeover = Info(line, co.From, co.Entry, co.Start, co.End);
                    costs.Changeover += co.Entry.Cost;
                    lineChange[l] += co.Entry.Hours;
                    lineBucketUsed[l][tr.Bucket] += co.Entry.Hours;
                }
                var hours = tr.Quantity * recipe.HoursPerUnit;
                lineProd[l] += hours;
                lineBucketUsed[l][tr.Bucket] += hours;
                costs.Production += tr.Quantity * recipe.VariableCost;
                plan.Runs.Add(run);
            }
        }
        costs.Production += inst.FrozenRuns.Where(f => f.Recipe >= 0).Sum(f => f.Quantity * inst.Recipes[f.Recipe].VariableCost);

        // ---- bucket quantities ----
        foreach (var r in inst.Recipes)
        {
            for (var t = 0; t < inst.T; t++)
            {
                var q = Val(model.X[r.Index][t]) + inst.FrozenRuns.Where(f => f.Recipe == r.Index && f.Bucket == t).Sum(f => f.Quantity);
                if (q > Eps)
                    plan.BucketQuantities.Add(new BucketQuantity { RecipeId = r.Id, LineId = inst.Lines[r.Line].Id, ProductId = inst.Products[r.Product].Id, BucketIndex = (uint)t, Quantity = q });
            }
        }

        // ---- inventory (products with backlog, materials) and their costs ----
        var S = inst.Sites.Length;
        var endStock = 0.0;
        var stockDays = 0.0;
        for (var s = 0; s < S; s++)
        {
            for (var p = 0; p < inst.Products.Length; p++)
            {
                if (!model.ProductAtSite[s][p]) continue;
                var prod = inst.Products[p].Source;
                for (var t = 0; t < inst.T; t++)
                {
                    var days = inst.Buckets[t].Days;
                    var qty = Val(model.Inv[s][p][t]);
                    var back = Val(model.Back[s][p][t]);
                    plan.Inventory.Add(new InventoryLevel { SiteId = inst.Sites[s].Id, ProductId = prod.Id, BucketIndex = (uint)t, Quantity = qty, Backlog = back });
                    costs.Holding += qty * inst.HoldingCost[s][p] * days;
                    costs.Backlog += back * prod.BacklogCost * days;
                    costs.LostSales += Val(model.Lost[s][p][t]) * prod.LostSaleCost;
                    if (model.Short[s][p][t] >= 0) costs.SafetyStock += Val(model.Short[s][p][t]) * prod.SafetyStockCost * days;
                    if (t == inst.T - 1)
                    {
                        costs.LostSales += back * prod.LostSaleCost;
                        endStock += qty * prod.UnitValue;
                    }
                    stockDays += qty * days;
                }
            }
            for (var m = 0; m < inst.Materials.Length; m++)
            {
                if (!model.MaterialAtSite[s][m]) continue;
                for (var t = 0; t < inst.T; t++)
                {
                    var qty = Val(model.MatInv[s][m][t]);
                    plan.Inventory.Add(new InventoryLevel { SiteId = inst.Sites[s].Id, MaterialId = inst.Materials[m].Id, BucketIndex = (uint)t, Quantity = qty });
                    costs.Holding += qty * inst.Materials[m].Source.HoldingCost * inst.Buckets[t].Days;
                }
            }
        }

        // ---- deliveries, constrained demand ----
        var alloc = DeliveryAllocator.Allocate(inst, (s, p, t) => model.ProductAtSite[s][p] ? Val(model.Del[s][p][t]) : 0);
        foreach (var piece in alloc.Pieces)
        {
            if (piece.Quantity <= Eps) continue;
            plan.Deliveries.Add(new Delivery
            {
                OrderId = piece.Order >= 0 ? inst.Orders[piece.Order].Id : "",
                ProductId = inst.Products[piece.Product].Id,
                SiteId = inst.Sites[piece.Site].Id,
                Quantity = piece.Quantity,
                Time = Timestamp.FromDateTime(piece.Time),
                BucketIndex = (uint)piece.Bucket,
                Lateness = Duration.FromTimeSpan(piece.Lateness),
            });
        }
        for (var s = 0; s < S; s++)
            for (var p = 0; p < inst.Products.Length; p++)
                for (var t = 0; t < inst.T; t++)
                    if (inst.Demand[s][p][t] > Eps)
                        plan.ConstrainedDemand.Add(new ConstrainedDemand
                        {
                            ProductId = inst.Products[p].Id,
                            SiteId = inst.Sites[s].Id,
                            BucketIndex = (uint)t,
                            Unconstrained = inst.Demand[s][p][t],
                            Constrained = Math.Min(inst.Demand[s][p][t], alloc.Constrained[s][p][t]),
                        });

        // ---- transfers and purchases: one shipment per day of the bucket ----
        for (var k = 0; k < inst.Lanes.Length; k++)
        {
            var lane = inst.Lanes[k];
            for (var p = 0; p < inst.Products.Length; p++)
                for (var t = 0; t < inst.T; t++)
                {
                    var q = Val(model.Move[k][p][t]);
                    if (q <= Eps) continue;
                    costs.Transport += q * lane.CostPerUnit;
                    var days = model.DaysOf(t);
                    for (var d = 0; d < days; d++)
                    {
                        var dep = inst.Buckets[t].Start.AddDays(d);
                        plan.Transfers.Add(new Transfer
                        {
                            LaneId = lane.Id,
                            ProductId = inst.Products[p].Id,
                            Quantity = q / days,
                            Departure = Timestamp.FromDateTime(dep),
                            Arrival = Timestamp.FromDateTime(dep + lane.LeadTime),
                        });
                    }
                }
        }
        for (var s = 0; s < S; s++)
            for (var m = 0; m < inst.Materials.Length; m++)
                for (var t = 0; t < inst.T; t++)
                {
                    var q = model.MaterialAtSite[s][m] ? Val(model.Buy[s][m][t]) : 0;
                    if (q <= Eps) continue;
                    costs.Purchasing += q * inst.Materials[m].Source.PurchaseCost;
                    var days = model.DaysOf(t);
                    for (var d = 0; d < days; d++)
                    {
                        var at = inst.Buckets[t].Start.AddDays(d);
                        plan.Purchases.Add(new Purchase
                        {
                            MaterialId = inst.Materials[m].Id,
                            SiteId = inst.Sites[s].Id,
                            Quantity = q / days,
                            OrderTime = Timestamp.FromDateTime(at),
                            Arrival = Timestamp.FromDateTime(at + inst.Materials[m].LeadTime),
                        });
                    }
                }

        // ---- plan stability against the previous plan (Policy.stability_cost) ----
        var stability = new Scheduling.PlanStabilityCounter(inst);
        var moves = stability.Count(plan.Runs);
        costs.Stability = stability.Cost(moves);

        costs.Total = costs.Production + costs.Changeover + costs.Holding + costs.Backlog + costs.LostSales
                      + costs.Transport + costs.Purchasing + costs.SafetyStock + costs.Stability;
        plan.Objective = costs.Total;
        plan.Kpis = KpiCalculator.Compute(inst, plan, alloc, costs);
        AlertBuilder.Add(inst, plan, alloc, lineBucketUsed);
        return plan;
    }

    private static double Clean(double x) => Math.Abs(x) < 1e-9 ? 0.0 : x;

    /// <summary>The changeover a run needs after <paramref name="state"/>, or null when none happens (same product, clean line).</summary>
    private static ChangeoverEntry? ChangeoverBefore(LineInfo line, int state, int product)
    {
        if (state == product) return null;
        if (state < 0 && !line.SetupPerBucket) return null;
        return line.Into(state, product);
    }

    private ChangeoverInfo Info(LineInfo line, int state, ChangeoverEntry e, DateTime? start, DateTime end)
    {
        var info = new ChangeoverInfo
        {
            FromProductId = state >= 0 ? inst.Products[state].Id : "",
            Hours = e.Hours,
            Cost = e.Cost,
        };
        if (start is { } s)
        {
            info.Start = Timestamp.FromDateTime(s);
            info.End = Timestamp.FromDateTime(end);
        }
        _ = line;
        return info;
    }


    internal static string GranularityName(Granularity g) => g switch
    {
        Granularity.Day => "DAY",
        Granularity.Week => "WEEK",
        Granularity.Month => "MONTH",
        _ => "GRANULARITY_UNSPECIFIED",
    };
}
