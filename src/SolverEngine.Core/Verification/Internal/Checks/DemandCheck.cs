using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Deliveries against demand (see <see cref="DemandTable"/> for demand per bucket):
/// <list type="bullet">
/// <item>Each delivery: known product, site (empty = the only site) and order; quantity &gt;= 0;
/// time in the horizon; bucket_index = bucket containing time; an order delivery has the order's
/// product and site and lateness = max(0, time - due); a forecast delivery has zero lateness.
/// Per order, total delivered &lt;= order quantity.</item>
/// <item>Per (product, site), deliveries are pooled (the demand signal is max(forecast, orders)):
/// BACKLOG: backlog_b = initial backlog + cumulative demand - cumulative deliveries, never
/// negative (delivering more than demanded, or ahead of demand, is a violation); backlog cost on
/// end-of-bucket backlog x bucket days; what is left at horizon end is lost. LOST_SALES: demand
/// not delivered in its bucket is lost; deliveries in a bucket may not exceed that bucket's demand.
/// MUST_MEET: deliveries equal demand in every bucket; a shortfall is a violation and (so that
/// the cost stays meaningful) is charged as lost sales.</item>
/// <item>Reported backlog (InventoryLevel.backlog of a product) equals the recomputed one.</item>
/// </list>
/// </summary>
internal sealed class DemandCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var n = ctx.Buckets.Count;
        var delivered = new Dictionary<(string Product, string Site), double[]>();
        var perOrder = new Dictionary<string, (double Quantity, List<int> Deliveries)>();
        for (var i = 0; i < ctx.Plan.Deliveries.Count; i++)
        {
            var d = ctx.Plan.Deliveries[i];
            var path = $"deliveries[{i}]";
            if (!ctx.Products.ContainsKey(d.ProductId))
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".product_id", $"Delivery {i} ships product '{d.ProductId}', which the model does not have.");
                continue;
            }

            var site = ctx.SiteOrOnly(d.SiteId);
            if (site is null)
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".site_id", $"Delivery {i} ships from site '{d.SiteId}', which the model does not have (empty is allowed only with one site).");
                continue;
            }

            Order? order = null;
            if (d.OrderId.Length > 0 && !ctx.Orders.TryGetValue(d.OrderId, out order))
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".order_id", $"Delivery {i} is for order '{d.OrderId}', which the model does not have.");
                continue;
            }

            var time = VerificationContext.Time(d.Time);
            var desc = $"Delivery {i} ({Q(d.Quantity)} of '{d.ProductId}' from '{site}' at {T(time)}{(order is null ? "" : $", order '{order.Id}'")})";
            if (Tolerance.Negative(d.Quantity))
            {
                ctx.Add(ViolationCodes.NegativeQuantity, path + ".quantity", $"{desc} has a negative quantity.");
            }

            var b = ctx.Grid.IndexOf(time);
            if (b < 0)
            {
                ctx.Add(ViolationCodes.OutsideHorizon, path + ".time", $"{desc} ships outside the horizon [{T(ctx.Grid.Start)}, {T(ctx.Grid.End)}).");
                continue;
            }

            if (d.BucketIndex != b)
            {
                ctx.Add(ViolationCodes.DeliveryBucketMismatch, path + ".bucket_index", $"{desc} has bucket_index {d.BucketIndex}; its time lies in bucket {b}.");
            }

            var lateness = TimeSpan.Zero;
            if (order is not null)
            {
                if (order.ProductId != d.ProductId || ctx.SiteOrOnly(order.SiteId) != site)
                {
                    ctx.Add(ViolationCodes.DeliveryOrderMismatch, path,
                        $"{desc}: order '{order.Id}' is for '{order.ProductId}' from site '{ctx.SiteOrOnly(order.SiteId)}'.");
                }

                var due = VerificationContext.Time(order.Due);
                lateness = time > due ? time - due : TimeSpan.Zero;
                var (total, list) = perOrder.GetValueOrDefault(order.Id, (0.0, new List<int>()));
                list.Add(i);
                perOrder[order.Id] = (total + d.Quantity, list);
            }

            var reported = d.Lateness?.ToTimeSpan() ?? TimeSpan.Zero;
            if ((reported - lateness).Duration() > Tolerance.Time)
            {
                ctx.Add(ViolationCodes.DeliveryLatenessMismatch, path + ".lateness",
                    $"{desc} reports lateness {reported}; expected {lateness}{(order is null ? " (forecast deliveries are never late)" : $" (due {T(VerificationContext.Time(order.Due))})")}.");
            }

            if (!delivered.TryGetValue((d.ProductId, site), out var row))
            {
                row = new double[n];
                delivered[(d.ProductId, site)] = row;
            }

            row[b] += d.Quantity;
        }

        foreach (var (orderId, (total, list)) in perOrder)
        {
            var order = ctx.Orders[orderId];
            if (!Tolerance.Le(total, order.Quantity))
            {
                ctx.Add(ViolationCodes.OrderOverDelivered, $"deliveries[{list[^1]}]",
                    $"Order '{orderId}' ({Q(order.Quantity)} of '{order.ProductId}') gets {Q(total)} in deliveries {string.Join(", ", list)}.");
            }
        }

        var backlog = new Dictionary<(string, string), double[]>();
        foreach (var key in ctx.Demand.Keys.Union(delivered.Keys).OrderBy(k => k.Product, StringComparer.Ordinal).ThenBy(k => k.Site, StringComparer.Ordinal))
        {
            var product = ctx.Products[key.Product];
            var demand = ctx.Demand.Of(key.Product, key.Site) ?? new double[n];
            var shipped = delivered.GetValueOrDefault(key) ?? new double[n];
            backlog[key] = Balance(ctx, product, key.Site, demand, shipped);
        }

        for (var i = 0; i < ctx.Plan.Inventory.Count; i++)
        {
            var level = ctx.Plan.Inventory[i];
            if (level.ProductId.Length == 0 || !ctx.Products.ContainsKey(level.ProductId) || !ctx.Sites.ContainsKey(level.SiteId) || level.BucketIndex >= n)
            {
                continue; // unknown references are reported by the inventory check
            }

            var expected = backlog.GetValueOrDefault((level.ProductId, level.SiteId))?[level.BucketIndex] ?? 0.0;
            if (!Tolerance.Eq(level.Backlog, expected))
            {
                ctx.Add(ViolationCodes.BacklogMismatch, $"inventory[{i}].backlog",
                    $"Reported end-of-bucket backlog of '{level.ProductId}' at '{level.SiteId}' in bucket {level.BucketIndex} is {Q(level.Backlog)}; recomputed {Q(expected)}.");
            }
        }
    }

    // Returns end-of-bucket backlog; adds backlog and lost-sales cost.
    private static double[] Balance(VerificationContext ctx, Product product, string site, double[] demand, double[] shipped)
    {
        var n = demand.Length;
        var backlog = new double[n];
        var name = $"'{product.Id}' at '{site}'";
        switch (product.DemandPolicy)
        {
            case DemandPolicy.LostSales:
            case DemandPolicy.MustMeet:
                for (var b = 0; b < n; b++)
                {
                    if (!Tolerance.Le(shipped[b], demand[b]))
                    {
                        ctx.Add(ViolationCodes.DeliveryExceedsDemand, $"buckets[{b}]",
                            $"Delivery more than ordered: {Q(shipped[b])} of {name} delivered in bucket {b}, demand there is {Q(demand[b])} ({product.DemandPolicy}: demand of other buckets cannot be served here).");
                    }

                    var lost = Math.Max(0.0, demand[b] - shipped[b]);
                    if (product.DemandPolicy == DemandPolicy.MustMeet && !Tolerance.Le(demand[b], shipped[b]))
                    {
                        ctx.Add(ViolationCodes.DemandNotMet, $"buckets[{b}]",
                            $"MUST_MEET demand of {name} in bucket {b} is {Q(demand[b])}; only {Q(shipped[b])} delivered.");
                    }

                    ctx.Costs.LostSales += lost * product.LostSaleCost;
                }

                return backlog;

            default:
                var open = 0.0;
                var demanded = 0.0;
                var shippedSoFar = 0.0;
                for (var b = 0; b < n; b++)
                {
                    open += demand[b] - shipped[b];
                    demanded += demand[b];
                    shippedSoFar += shipped[b];
                    if (open < -Tolerance.Relative * Math.Max(1.0, demanded))
                    {
                        ctx.Add(ViolationCodes.DeliveryExceedsDemand, $"buckets[{b}]",
                            $"Delivery more than ordered: by the end of bucket {b}, {Q(shippedSoFar)} of {name} is delivered against {Q(demanded)} demanded (initial backlog included).");
                        open = 0.0; // report the surplus once, then carry on from zero
                    }

                    backlog[b] = Math.Max(0.0, open);
                    ctx.Costs.Backlog += backlog[b] * product.BacklogCost * ctx.Buckets[b].Days;
                }

                if (n > 0)
                {
                    ctx.Costs.LostSales += backlog[n - 1] * product.LostSaleCost;
                }

                return backlog;
        }
    }
}
