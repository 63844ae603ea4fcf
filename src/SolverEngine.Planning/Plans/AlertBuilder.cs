using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Plans.Internal;

namespace SolverEngine.Planning.Plans;

/// <summary>
/// Alerts of a plan, read from the plan itself (kinds as plan.proto names them):
/// <list type="bullet">
/// <item><b>SHORT_ORDER</b> (CRITICAL): an order not delivered in full by horizon end (under
/// LOST_SALES / MUST_MEET: in its due bucket). <b>LATE_ORDER</b> (WARNING): delivered in full, but
/// not all by its due time. Higher priority first.</item>
/// <item><b>OUT_OF_STOCK_NOW</b> (CRITICAL): a (site, product) whose demand due in the first bucket
/// (initial backlog included) is not all delivered in it: backlog at the end of bucket 0, or
/// delivered less than that bucket's demand.</item>
/// <item><b>OUT_OF_STOCK_SOON</b> (WARNING): not out of stock now, but the first bucket starting
/// within 14 days of the horizon start whose demand is not all delivered in it (backlog at its end
/// or lost sales). (INFO): all demand of those 14 days is met, but some end-of-bucket stock among
/// them is below the product's safety_stock where it has demand (a stock-out risk).</item>
/// <item><b>OVERLOADED_LINE</b> (WARNING): production + changeover hours reach 99.9% of the
/// line's available hours in a bucket in which demand of a product it makes at its site is not
/// met; one alert per line and stretch of consecutive such buckets.</item>
/// <item><b>OVERLOADED_ASSET</b> (WARNING): a shared asset's occupied hours reach 99.9% of
/// capacity x working hours in a bucket (see <see cref="AssetHours"/>); one alert per asset and
/// stretch of consecutive buckets.</item>
/// </list>
/// Causes here are facts of the plan (no recipe; full lines up to the due bucket; the full line or
/// asset itself). On the final plan, Diagnostics.LateOrderDiagnosis replaces the causes of late and
/// short orders and stock-outs with the constraints found from the aggregate LP, and adds
/// MATERIAL_SHORTAGE alerts from its duals.
/// </summary>
internal static class AlertBuilder
{
    private const double FullShare = 0.999;
    private const double Eps = 1e-6;
    private static readonly TimeSpan Soon = TimeSpan.FromDays(14);

    public static void Add(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc, double[][] lineBucketUsed)
    {
        bool Full(int l, int t)
        {
            var avail = inst.Lines[l].WorkingTime.Hours(inst.Buckets[t].Start, inst.Buckets[t].End);
            return avail > 0 && lineBucketUsed[l][t] >= FullShare * avail;
        }

        Orders(inst, plan, alloc, Full);
        StockOuts(inst, plan, alloc);
        OverloadedLines(inst, plan, alloc, Full);
        OverloadedAssets(inst, plan);
    }

    // ------------------------------------------------------------------ orders

    private static void Orders(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc, Func<int, int, bool> full)
    {
        IEnumerable<AlertCause> Causes(int product, int site, int upToBucket)
        {
            var lines = inst.Recipes.Where(r => r.Product == product).Select(r => r.Line).Distinct().ToList();
            if (lines.Count == 0)
            {
                yield return new AlertCause { Constraint = "NO_RECIPE", EntityId = inst.Products[product].Id, Description = $"No recipe makes '{inst.Products[product].Id}'; it can only come from stock or transfers." };
                yield break;
            }
            foreach (var l in lines)
                for (var t = Math.Min(upToBucket, inst.T - 1); t >= 0; t--)
                    if (full(l, t))
                        yield return new AlertCause
                        {
                            Constraint = "LINE_CAPACITY",
                            EntityId = inst.Lines[l].Id,
                            BucketIndex = (uint)t,
                            Description = $"Line '{inst.Lines[l].Id}' is fully used in bucket {t} (production and changeovers).",
                        };
        }

        foreach (var chunk in alloc.Chunks.Where(c => c.Order >= 0).OrderByDescending(c => inst.Orders[c.Order].Priority).ThenBy(c => inst.Orders[c.Order].Due))
        {
            var o = inst.Orders[chunk.Order];
            var delivered = chunk.Quantity - chunk.Open;
            var last = plan.Deliveries.Where(d => d.OrderId == o.Id).Select(d => d.Time.ToDateTime()).DefaultIfEmpty(o.Due).Max();
            var product = inst.Products[o.Product].Id;
            if (delivered < o.Quantity * (1 - Eps) - 1e-9)
            {
                var alert = new Alert
                {
                    Severity = Alert.Types.Severity.Critical,
                    Kind = "SHORT_ORDER",
                    Message = $"Order '{o.Id}' ({F(o.Quantity)} of '{product}', due {o.Due:yyyy-MM-dd HH:mm}) gets only {F(delivered)}; {F(o.Quantity - delivered)} are never delivered.",
                    ProductId = product,
                    SiteId = inst.Sites[o.Site].Id,
                    OrderId = o.Id,
                    Time = Timestamp.FromDateTime(o.Due),
                };
                alert.Causes.AddRange(Causes(o.Product, o.Site, inst.T - 1).Take(5));
                plan.Alerts.Add(alert);
            }
            else if (chunk.ByDue < o.Quantity * (1 - Eps) - 1e-9)
            {
                var alert = new Alert
                {
                    Severity = Alert.Types.Severity.Warning,
                    Kind = "LATE_ORDER",
                    Message = $"Order '{o.Id}' ({F(o.Quantity)} of '{product}') is due {o.Due:yyyy-MM-dd HH:mm} and completes {last:yyyy-MM-dd HH:mm}, {(last - o.Due).TotalDays:0.#} days late; {F(chunk.ByDue)} are on time.",
                    ProductId = product,
                    SiteId = inst.Sites[o.Site].Id,
                    OrderId = o.Id,
                    Time = Timestamp.FromDateTime(o.Due),
                };
                alert.Causes.AddRange(Causes(o.Product, o.Site, o.DueBucket).Take(5));
                plan.Alerts.Add(alert);
            }
        }
    }

    // ------------------------------------------------------------------ stock-outs

    private static void StockOuts(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc)
    {
        var levels = plan.Inventory.Where(i => i.ProductId.Length > 0).ToDictionary(i => (i.SiteId, i.ProductId, (int)i.BucketIndex));
        var horizon = inst.HorizonStart + Soon;
        for (var s = 0; s < inst.Sites.Length; s++)
        {
            for (var p = 0; p < inst.Products.Length; p++)
            {
                var site = inst.Sites[s].Id;
                var prod = inst.Products[p];
                if (prod.Source.Intermediate && !inst.HasDemand[s][p]) continue;
                double Unmet(int t)
                {
                    var backlog = levels.TryGetValue((site, prod.Id, t), out var lv) ? lv.Backlog : 0;
                    return Math.Max(backlog, inst.Demand[s][p][t] - alloc.Constrained[s][p][t]);
                }
                var soonBuckets = inst.Buckets.Where(b => b.Start < horizon).Select(b => b.Index).ToList();
                var first = soonBuckets.FirstOrDefault(t => Unmet(t) > Eps * Math.Max(1, inst.Demand[s][p][t]), -1);
                if (first >= 0)
                {
                    var now = first == 0;
                    var bucket = inst.Buckets[first];
                    plan.Alerts.Add(new Alert
                    {
                        Severity = now ? Alert.Types.Severity.Critical : Alert.Types.Severity.Warning,
                        Kind = now ? "OUT_OF_STOCK_NOW" : "OUT_OF_STOCK_SOON",
                        Message = now
                            ? $"'{prod.Id}' at '{site}' is out of stock now: {F(Unmet(0))} units of demand due in bucket 0 ({bucket.Start:yyyy-MM-dd}) are not delivered in it."
                            : $"'{prod.Id}' at '{site}' runs out in bucket {first} ({bucket.Start:yyyy-MM-dd}): {F(Unmet(first))} units of demand due by then are not delivered in it.",
                        ProductId = prod.Id,
                        SiteId = site,
                        Time = Timestamp.FromDateTime(bucket.Start),
                    });
                    continue;
                }
                var safety = prod.Source.SafetyStock;
                if (safety <= 0 || !inst.HasDemand[s][p]) continue;
                var low = soonBuckets.FirstOrDefault(t => levels.TryGetValue((site, prod.Id, t), out var lv) && lv.Quantity < safety - Eps * Math.Max(1, safety), -1);
                if (low < 0) continue;
                var lowBucket = inst.Buckets[low];
                plan.Alerts.Add(new Alert
                {
                    Severity = Alert.Types.Severity.Info,
                    Kind = "OUT_OF_STOCK_SOON",
                    Message = $"'{prod.Id}' at '{site}' ends bucket {low} ({lowBucket.Start:yyyy-MM-dd}) with {F(levels[(site, prod.Id, low)].Quantity)} in stock, below its safety stock of {F(safety)}; demand is still met.",
                    ProductId = prod.Id,
                    SiteId = site,
                    Time = Timestamp.FromDateTime(lowBucket.Start),
                });
            }
        }
    }

    // ------------------------------------------------------------------ overloads

    private static void OverloadedLines(PlanningInstance inst, Plan plan, DeliveryAllocator.Allocation alloc, Func<int, int, bool> full)
    {
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            var s = line.Site;
            List<int> Unmet(int t) => line.Products.Where(p => inst.Demand[s][p][t] - alloc.Constrained[s][p][t] > Eps * Math.Max(1, inst.Demand[s][p][t])).ToList();
            var buckets = Enumerable.Range(0, inst.T).Where(t => full(l, t) && Unmet(t).Count > 0).ToList();
            foreach (var stretch in Stretches(buckets))
            {
                var products = stretch.SelectMany(Unmet).Distinct().Order().Select(p => $"'{inst.Products[p].Id}'");
                var alert = StretchWarning(inst, stretch, "OVERLOADED_LINE",
                    $"Line '{line.Id}' is fully used in {Span(inst, stretch)} and demand of {string.Join(", ", products)} is not met there.",
                    inst.Sites[s].Id, "LINE_CAPACITY", line.Id,
                    t => $"Working time of line '{line.Id}' in bucket {t} ({inst.Buckets[t].Start:yyyy-MM-dd}) is used up.");
                alert.LineId = line.Id;
                plan.Alerts.Add(alert);
            }
        }
    }

    private static void OverloadedAssets(PlanningInstance inst, Plan plan)
    {
        if (inst.Model.SharedAssets.Count == 0) return;
        var hours = AssetHours.Of(inst, plan);
        for (var a = 0; a < inst.Model.SharedAssets.Count; a++)
        {
            var asset = inst.Model.SharedAssets[a];
            var buckets = Enumerable.Range(0, inst.T)
                .Where(t => hours.Used[a][t] > Eps && hours.Used[a][t] >= FullShare * hours.Available[a][t]).ToList();
            foreach (var stretch in Stretches(buckets))
            {
                var alert = StretchWarning(inst, stretch, "OVERLOADED_ASSET",
                    $"Shared asset '{asset.Id}' is fully occupied in {Span(inst, stretch)} ({F(stretch.Sum(t => hours.Used[a][t]))} of {F(stretch.Sum(t => hours.Available[a][t]))} hours).",
                    asset.SiteId, "ASSET_CAPACITY", asset.Id,
                    t => $"Shared asset '{asset.Id}' is occupied {F(hours.Used[a][t])} of {F(hours.Available[a][t])} hours in bucket {t} ({inst.Buckets[t].Start:yyyy-MM-dd}).");
                alert.AssetId = asset.Id;
                plan.Alerts.Add(alert);
            }
        }
    }

    /// <summary>A warning over a stretch of full buckets, at the stretch's start, with one cause per bucket.</summary>
    private static Alert StretchWarning(PlanningInstance inst, List<int> stretch, string kind, string message, string siteId,
        string constraint, string entityId, Func<int, string> describe)
    {
        var alert = new Alert
        {
            Severity = Alert.Types.Severity.Warning,
            Kind = kind,
            Message = message,
            SiteId = siteId,
            Time = Timestamp.FromDateTime(inst.Buckets[stretch[0]].Start),
        };
        alert.Causes.AddRange(stretch.Select(t => new AlertCause
        {
            Constraint = constraint,
            EntityId = entityId,
            BucketIndex = (uint)t,
            Description = describe(t),
        }));
        return alert;
    }

    /// <summary>Consecutive runs of bucket indices (input ascending).</summary>
    private static IEnumerable<List<int>> Stretches(List<int> buckets)
    {
        var current = new List<int>();
        foreach (var t in buckets)
        {
            if (current.Count > 0 && t != current[^1] + 1)
            {
                yield return current;
                current = [];
            }
            current.Add(t);
        }
        if (current.Count > 0) yield return current;
    }

    private static string Span(PlanningInstance inst, List<int> stretch) => stretch.Count == 1
        ? $"bucket {stretch[0]} ({inst.Buckets[stretch[0]].Start:yyyy-MM-dd})"
        : $"buckets {stretch[0]}-{stretch[^1]} ({inst.Buckets[stretch[0]].Start:yyyy-MM-dd} to {inst.Buckets[stretch[^1]].End:yyyy-MM-dd})";

    private static string F(double q) => q.ToString("0.###", CultureInfo.InvariantCulture);
}
