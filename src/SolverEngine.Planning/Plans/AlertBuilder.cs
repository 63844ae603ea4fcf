using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans.Internal;

namespace SolverEngine.Planning.Plans;

/// <summary>
/// Alerts of a plan: late and short orders (with the binding constraint found from the plan:
/// full lines that make the product, or no recipe at all), overloaded lines (full while demand
/// of their products goes unmet), and stock-outs now or within two weeks.
/// </summary>
internal static class AlertBuilder
{
    private const double FullLine = 0.999;

    public static void Add(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc, double[][] lineBucketUsed)
    {
        bool Full(int l, int t)
        {
            var avail = inst.Lines[l].WorkingTime.Hours(inst.Buckets[t].Start, inst.Buckets[t].End);
            return avail > 0 && lineBucketUsed[l][t] >= FullLine * avail;
        }

        IEnumerable<AlertCause> Causes(int product, int site, int upToBucket)
        {
            var lines = inst.Recipes.Where(r => r.Product == product).Select(r => r.Line).Distinct().ToList();
            if (lines.Count == 0)
            {
                yield return new AlertCause { Constraint = "NO_RECIPE", EntityId = inst.Products[product].Id, Description = $"No recipe makes '{inst.Products[product].Id}'; it can only come from stock, transfers or purchases." };
                yield break;
            }
            foreach (var l in lines)
                for (var t = 0; t <= upToBucket && t < inst.T; t++)
                    if (Full(l, t))
                        yield return new AlertCause
                        {
                            Constraint = "LINE_CAPACITY",
                            EntityId = inst.Lines[l].Id,
                            BucketIndex = (uint)t,
                            Description = $"Line '{inst.Lines[l].Id}' is fully used in bucket {t} (production and changeovers).",
                        };
        }

        // orders: late or short
        foreach (var chunk in alloc.Chunks.Where(c => c.Order >= 0).OrderByDescending(c => inst.Orders[c.Order].Priority))
        {
            var o = inst.Orders[chunk.Order];
            var delivered = plan.Deliveries.Where(d => d.OrderId == o.Id).Sum(d => d.Quantity);
            var last = plan.Deliveries.Where(d => d.OrderId == o.Id).Select(d => d.Time.ToDateTime()).DefaultIfEmpty(o.Due).Max();
            if (delivered < o.Quantity * (1 - 1e-6) - 1e-9)
            {
                var alert = new Alert
                {
                    Severity = Alert.Types.Severity.Critical,
                    Kind = "SHORT_ORDER",
                    Message = $"Order '{o.Id}' ({Fmt(o.Quantity)} of '{inst.Products[o.Product].Id}', due {o.Due:yyyy-MM-dd HH:mm}) gets only {Fmt(delivered)} by horizon end.",
                    ProductId = inst.Products[o.Product].Id,
                    SiteId = inst.Sites[o.Site].Id,
                    OrderId = o.Id,
                    Time = Timestamp.FromDateTime(o.Due),
                };
                alert.Causes.AddRange(Causes(o.Product, o.Site, inst.T - 1).Take(5));
                plan.Alerts.Add(alert);
            }
            else if (chunk.ByDue < o.Quantity * (1 - 1e-6) - 1e-9)
            {
                var alert = new Alert
                {
                    Severity = Alert.Types.Severity.Warning,
                    Kind = "LATE_ORDER",
                    Message = $"Order '{o.Id}' ({Fmt(o.Quantity)} of '{inst.Products[o.Product].Id}') is due {o.Due:yyyy-MM-dd HH:mm} and completes {last:yyyy-MM-dd HH:mm}, {(last - o.Due).TotalDays:0.#} days late.",
                    ProductId = inst.Products[o.Product].Id,
                    SiteId = inst.Sites[o.Site].Id,
                    OrderId = o.Id,
                    Time = Timestamp.FromDateTime(o.Due),
                };
                alert.Causes.AddRange(Causes(o.Product, o.Site, o.DueBucket).Take(5));
                plan.Alerts.Add(alert);
            }
        }

        // overloaded lines: full while their products' demand goes unmet in the bucket
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            for (var t = 0; t < inst.T; t++)
            {
                if (!Full(l, t)) continue;
                var s = line.Site;
                var unmet = line.Products.Where(p => inst.Demand[s][p][t] - alloc.Constrained[s][p][t] > 1e-6).ToList();
                if (unmet.Count == 0) continue;
                plan.Alerts.Add(new Alert
                {
                    Severity = Alert.Types.Severity.Warning,
                    Kind = "OVERLOADED_LINE",
                    Message = $"Line '{line.Id}' is fully used in bucket {t} ({inst.Buckets[t].Start:yyyy-MM-dd}) and demand of {string.Join(", ", unmet.Select(p => $"'{inst.Products[p].Id}'"))} is not met there.",
                    LineId = line.Id,
                    SiteId = inst.Sites[s].Id,
                    Time = Timestamp.FromDateTime(inst.Buckets[t].Start),
                    Causes = { new AlertCause { Constraint = "LINE_CAPACITY", EntityId = line.Id, BucketIndex = (uint)t, Description = $"Working time of line '{line.Id}' in bucket {t} is used up." } },
                });
            }
        }

        // stock-outs: backlog at the end of the first bucket (now) or within two weeks (soon)
        var soon = inst.HorizonStart.AddDays(14);
        foreach (var level in plan.Inventory.Where(i => i.ProductId.Length > 0 && i.Backlog > 1e-6).GroupBy(i => (i.SiteId, i.ProductId)))
        {
            var first = level.OrderBy(i => i.BucketIndex).First();
            var bucket = inst.Buckets[(int)first.BucketIndex];
            if (bucket.Start >= soon) continue;
            var now = first.BucketIndex == 0;
            plan.Alerts.Add(new Alert
            {
                Severity = now ? Alert.Types.Severity.Critical : Alert.Types.Severity.Warning,
                Kind = now ? "OUT_OF_STOCK_NOW" : "OUT_OF_STOCK_SOON",
                Message = $"'{first.ProductId}' at '{first.SiteId}' runs short in bucket {first.BucketIndex} ({bucket.Start:yyyy-MM-dd}): {Fmt(first.Backlog)} units of demand are not met.",
                ProductId = first.ProductId,
                SiteId = first.SiteId,
                Time = Timestamp.FromDateTime(bucket.Start),
            });
        }
    }

    private static string Fmt(double q) => q.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
