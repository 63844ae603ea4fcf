using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// End-of-bucket stock per (site, product or material), recomputed from the model and the plan's
/// flows, each counted in one bucket:
/// initial inventory; + good output of a run (bucket of its start, at its line's site);
/// - inputs of a run (q / yield x quantity_per_unit, same bucket and site); - transfers at the
/// lane's origin (departure bucket); + transfers at its destination (bucket of departure + lane
/// lead time); + purchases (bucket of order_time + material lead time); + supplies (bucket of
/// arrival; an arrival before the horizon counts in the first bucket); - deliveries (bucket of
/// time). Arrivals after horizon end are in transit and not counted. The balance is per bucket:
/// order inside a bucket is not checked. Tank contents are not site stock (model.proto, Tank): the
/// output of a recipe with output_tank_id goes into its tank, and the product inputs of a recipe
/// with input_tank_id come out of its tank (its material inputs still come from site stock); the
/// tank check follows those flows.
/// Checks: no negative stock (first bucket per item reported), warehouse capacity (sum of product
/// stock), reported InventoryLevel.quantity equals the recomputed stock. Adds holding cost
/// (stock x holding_cost x bucket days, products and materials) and safety-stock cost
/// (max(0, safety_stock - stock) x safety_stock_cost x bucket days, for (site, product) pairs
/// with positive demand in the horizon).
/// </summary>
internal sealed class InventoryCheck : IPlanCheck
{
    private readonly record struct Item(bool IsMaterial, string Id)
    {
        public override string ToString() => IsMaterial ? $"material '{Id}'" : $"product '{Id}'";
    }

    public void Check(VerificationContext ctx)
    {
        var n = ctx.Buckets.Count;
        var initial = new Dictionary<(string Site, Item Item), double>();
        var flows = new Dictionary<(string Site, Item Item), double[]>();
        void Flow(string site, Item item, int bucket, double quantity)
        {
            if (bucket < 0)
            {
                return;
            }

            if (!flows.TryGetValue((site, item), out var row))
            {
                row = new double[n];
                flows[(site, item)] = row;
            }

            row[bucket] += quantity;
        }

        foreach (var inv in ctx.Model.InitialInventory)
        {
            if (ResolveItem(ctx, inv.ProductId, inv.MaterialId) is { } item && ctx.Sites.ContainsKey(inv.SiteId))
            {
                initial[(inv.SiteId, item)] = initial.GetValueOrDefault((inv.SiteId, item)) + inv.Quantity;
            }
        }

        foreach (var r in ctx.Runs)
        {
            var site = r.Line.SiteId;
            if (r.Recipe.OutputTankId.Length == 0)
            {
                Flow(site, new Item(false, r.Product.Id), r.Bucket, r.Quantity);
            }

            foreach (var input in r.Recipe.Inputs)
            {
                var fromTank = input.ProductId.Length > 0 && r.Recipe.InputTankId.Length > 0;
                if (!fromTank && ResolveItem(ctx, input.ProductId, input.MaterialId) is { } item)
                {
                    Flow(site, item, r.Bucket, -r.Quantity / r.Yield * input.QuantityPerUnit);
                }
            }
        }

        foreach (var t in ctx.Plan.Transfers)
        {
            if (ctx.Lanes.TryGetValue(t.LaneId, out var lane) && ctx.Products.ContainsKey(t.ProductId) && t.Departure is not null)
            {
                var departure = t.Departure.ToDateTime();
                var item = new Item(false, t.ProductId);
                Flow(lane.FromSiteId, item, ctx.Grid.IndexOf(departure), -t.Quantity);
                Flow(lane.ToSiteId, item, ctx.Grid.IndexOf(departure + (lane.LeadTime?.ToTimeSpan() ?? TimeSpan.Zero)), t.Quantity);
            }
        }

        foreach (var p in ctx.Plan.Purchases)
        {
            if (ctx.Materials.TryGetValue(p.MaterialId, out var material) && ctx.Sites.ContainsKey(p.SiteId) && p.OrderTime is not null)
            {
                var arrival = p.OrderTime.ToDateTime() + (material.LeadTime?.ToTimeSpan() ?? TimeSpan.Zero);
                Flow(p.SiteId, new Item(true, p.MaterialId), ctx.Grid.IndexOf(arrival), p.Quantity);
            }
        }

        foreach (var s in ctx.Model.Supplies)
        {
            if (ctx.Materials.ContainsKey(s.MaterialId) && ctx.Sites.ContainsKey(s.SiteId) && n > 0)
            {
                var arrival = VerificationContext.Time(s.Arrival);
                Flow(s.SiteId, new Item(true, s.MaterialId), arrival < ctx.Grid.Start ? 0 : ctx.Grid.IndexOf(arrival), s.Quantity);
            }
        }

        foreach (var d in ctx.Plan.Deliveries)
        {
            if (ctx.Products.ContainsKey(d.ProductId) && ctx.SiteOrOnly(d.SiteId) is { } site)
            {
                Flow(site, new Item(false, d.ProductId), ctx.Grid.IndexOf(VerificationContext.Time(d.Time)), -d.Quantity);
            }
        }

        var keys = initial.Keys.Union(flows.Keys)
            .Union(ctx.Demand.Keys.Select(k => (k.Site, new Item(false, k.Product))))
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2.IsMaterial).ThenBy(k => k.Item2.Id, StringComparer.Ordinal)
            .ToList();
        // SiteProduct.holding_cost overrides Product.holding_cost at one site (last entry wins; the
        // validator rejects repeated pairs).
        var holdingAtSite = new Dictionary<(string Site, string Product), double>();
        foreach (var sp in ctx.Model.SiteProducts.Where(sp => sp.HasHoldingCost))
            holdingAtSite[(sp.SiteId, sp.ProductId)] = sp.HoldingCost;
        var stock = new Dictionary<(string Site, Item Item), double[]>();
        var productStockPerSite = new Dictionary<string, double[]>();
        foreach (var key in keys)
        {
            var (site, item) = key;
            var level = initial.GetValueOrDefault(key);
            var net = flows.GetValueOrDefault(key);
            var ends = new double[n];
            var negative = new List<int>();
            var product = item.IsMaterial ? null : ctx.Products[item.Id];
            var holding = product is null ? ctx.Materials[item.Id].HoldingCost
                : holdingAtSite.TryGetValue((site, item.Id), out var atSite) ? atSite : product.HoldingCost;
            var safety = product is not null && product.SafetyStock > 0 && ctx.Demand.HasDemand(item.Id, site);
            for (var b = 0; b < n; b++)
            {
                level += net?[b] ?? 0.0;
                ends[b] = level;
                if (Tolerance.Negative(level))
                {
                    negative.Add(b);
                }

                var days = ctx.Buckets[b].Days;
                ctx.Costs.Holding += Math.Max(0.0, level) * holding * days;
                if (safety)
                {
                    ctx.Costs.SafetyStock += Math.Max(0.0, product!.SafetyStock - level) * product.SafetyStockCost * days;
                }

                if (product is not null)
                {
                    if (!productStockPerSite.TryGetValue(site, out var total))
                    {
                        total = new double[n];
                        productStockPerSite[site] = total;
                    }

                    total[b] += Math.Max(0.0, level);
                }
            }

            stock[key] = ends;
            if (negative.Count > 0)
            {
                var b = negative[0];
                ctx.Add(item.IsMaterial ? ViolationCodes.MaterialShortage : ViolationCodes.NegativeStock, $"buckets[{b}]",
                    $"End-of-bucket stock of {item} at site '{site}' in bucket {b} is {Q(ends[b])}"
                    + (negative.Count > 1 ? $" (negative in {negative.Count} buckets: {string.Join(", ", negative)})" : "")
                    + (item.IsMaterial ? "; more is consumed than initial stock, supplies and purchases bring." : "; more leaves than is made, held or received."));
            }
        }

        foreach (var (siteId, totals) in productStockPerSite.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var site = ctx.Sites[siteId];
            for (var b = 0; b < n && site.HasWarehouseCapacity; b++)
            {
                if (!Tolerance.Le(totals[b], site.WarehouseCapacity))
                {
                    ctx.Add(ViolationCodes.WarehouseCapacityExceeded, $"buckets[{b}]",
                        $"Site '{siteId}' holds {Q(totals[b])} units of products at the end of bucket {b}; warehouse_capacity is {Q(site.WarehouseCapacity)}.");
                }
            }
        }

        CheckReported(ctx, stock, initial);
    }

    private static void CheckReported(VerificationContext ctx, Dictionary<(string Site, Item Item), double[]> stock, Dictionary<(string Site, Item Item), double> initial)
    {
        for (var i = 0; i < ctx.Plan.Inventory.Count; i++)
        {
            var level = ctx.Plan.Inventory[i];
            var path = $"inventory[{i}]";
            var item = ResolveItem(ctx, level.ProductId, level.MaterialId);
            if (item is null || (level.ProductId.Length > 0 && level.MaterialId.Length > 0))
            {
                ctx.Add(ViolationCodes.UnknownReference, path,
                    $"Inventory level {i} names product '{level.ProductId}' and material '{level.MaterialId}'; exactly one known product or material is expected.");
                continue;
            }

            if (!ctx.Sites.ContainsKey(level.SiteId))
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".site_id", $"Inventory level {i} is at site '{level.SiteId}', which the model does not have.");
                continue;
            }

            if (level.BucketIndex >= ctx.Buckets.Count)
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".bucket_index", $"Inventory level {i} has bucket_index {level.BucketIndex}; the horizon has {ctx.Buckets.Count} bucket(s).");
                continue;
            }

            var key = (level.SiteId, item.Value);
            var expected = stock.TryGetValue(key, out var ends) ? ends[level.BucketIndex] : initial.GetValueOrDefault(key);
            if (!Tolerance.Eq(level.Quantity, expected))
            {
                ctx.Add(ViolationCodes.InventoryMismatch, path + ".quantity",
                    $"Reported end-of-bucket stock of {item} at '{level.SiteId}' in bucket {level.BucketIndex} is {Q(level.Quantity)}; recomputed {Q(expected)}.");
            }
        }
    }

    private static Item? ResolveItem(VerificationContext ctx, string productId, string materialId)
    {
        if (productId.Length > 0)
        {
            return ctx.Products.ContainsKey(productId) ? new Item(false, productId) : null;
        }

        return materialId.Length > 0 && ctx.Materials.ContainsKey(materialId) ? new Item(true, materialId) : null;
    }
}
