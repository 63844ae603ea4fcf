using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Internal.Instance;

/// <summary>
/// Turns a validated <see cref="PlanningModel"/> into a <see cref="PlanningInstance"/>: the bucket
/// grid, working time per line, changeover matrices by the contract's precedence, demand per
/// bucket (forecasts prorated in time, max with orders), receipts per bucket.
/// </summary>
internal static class InstanceBuilder
{
    public static PlanningInstance Build(PlanningModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var buckets = BuildBuckets(model.Horizon, out var frozenEnd);
        var T = buckets.Length;
        var horizonStart = buckets[0].Start;
        var horizonEnd = buckets[^1].End;

        var sites = model.Sites.Select(s => new SiteInfo(s.Id, s.HasWarehouseCapacity ? s.WarehouseCapacity : null)).ToArray();
        var siteIndex = Index(model.Sites.Select(s => s.Id));
        var products = model.Products.Select(p => new ProductInfo(p.Id, p)).ToArray();
        var productIndex = Index(model.Products.Select(p => p.Id));
        var materials = model.Materials.Select(m => new MaterialInfo(m.Id, m)).ToArray();
        var materialIndex = Index(model.Materials.Select(m => m.Id));
        var lineIndex = Index(model.Lines.Select(l => l.Id));
        var S = sites.Length;
        var P = products.Length;
        var M = materials.Length;
        int SiteOf(string id) => string.IsNullOrEmpty(id) ? 0 : siteIndex[id];

        // ---- recipes ----
        var recipes = new RecipeInfo[model.Recipes.Count];
        for (var r = 0; r < recipes.Length; r++)
        {
            var src = model.Recipes[r];
            var yield = src.HasYield ? src.Yield : 1.0;
            recipes[r] = new RecipeInfo
            {
                Id = src.Id,
                Index = r,
                Product = productIndex[src.ProductId],
                Line = lineIndex[src.LineId],
                Rate = src.Rate,
                Yield = yield,
                MinRun = src.MinRunQuantity,
                BatchSize = src.BatchSize,
                VariableCost = src.VariableCost,
                MaterialInputs = src.Inputs.Where(i => !string.IsNullOrEmpty(i.MaterialId))
                    .Select(i => (materialIndex[i.MaterialId], i.QuantityPerUnit / yield)).ToArray(),
                ProductInputs = src.Inputs.Where(i => string.IsNullOrEmpty(i.MaterialId) && !string.IsNullOrEmpty(i.ProductId))
                    .Select(i => (productIndex[i.ProductId], i.QuantityPerUnit / yield)).ToArray(),
            };
        }

        // ---- frozen runs ----
        var frozen = new List<FrozenRunInfo>();
        var grid = new BucketLookup(buckets);
        foreach (var fr in model.FrozenRuns)
        {
            var l = lineIndex[fr.LineId];
            var p = productIndex[fr.ProductId];
            var r = !string.IsNullOrEmpty(fr.RecipeId)
                ? Array.FindIndex(recipes, x => x.Id == fr.RecipeId)
                : Array.FindIndex(recipes, x => x.Line == l && x.Product == p);
            var start = fr.Start.ToDateTime();
            frozen.Add(new FrozenRunInfo(l, p, r, start, fr.End.ToDateTime(), fr.Quantity, grid.ClampedIndexOf(start), fr));
        }
        frozen.Sort((a, b) => a.Start.CompareTo(b.Start));

        // ---- lines ----
        var lines = new LineInfo[model.Lines.Count];
        for (var l = 0; l < lines.Length; l++)
        {
            var src = model.Lines[l];
            var wt = WorkingTime.Create(src.Calendar, horizonStart, horizonEnd);
            var lineFrozen = frozen.Where(f => f.Line == l).ToList();
            var freeFromAll = frozenEnd;
            if (lineFrozen.Count > 0 && lineFrozen.Max(f => f.End) > freeFromAll) freeFromAll = lineFrozen.Max(f => f.End);
            var freeFrom = new DateTime[T];
            var avail = new double[T];
            for (var t = 0; t < T; t++)
            {
                freeFrom[t] = buckets[t].Start > freeFromAll ? buckets[t].Start : freeFromAll;
                avail[t] = freeFrom[t] >= buckets[t].End ? 0.0 : wt.Hours(freeFrom[t], buckets[t].End);
            }
            var lineProducts = recipes.Where(r => r.Line == l).Select(r => r.Product).Distinct().OrderBy(p => p).ToArray();
            var recipesOf = new int[P][];
            for (var p = 0; p < P; p++) recipesOf[p] = recipes.Where(r => r.Line == l && r.Product == p).Select(r => r.Index).ToArray();
            var initial = string.IsNullOrEmpty(src.InitialProductId) ? -1 : productIndex[src.InitialProductId];
            var (matrix, fromClean) = ResolveChangeovers(model, src.Id);
            lines[l] = new LineInfo
            {
                Id = src.Id,
                Site = siteIndex[src.SiteId],
                InitialProduct = initial,
                SetupPerBucket = src.SetupPerBucket,
                MaxRunsPerBucket = src.HasMaxRunsPerBucket ? (int)src.MaxRunsPerBucket : null,
                WorkingTime = wt,
                AvailableHours = avail,
                FreeFrom = freeFrom,
                Products = lineProducts,
                RecipesOfProduct = recipesOf,
                Changeover = matrix,
                FromClean = fromClean,
                StateAfterFrozen = lineFrozen.Count > 0 ? lineFrozen[^1].Product : initial,
            };
        }

        // ---- lanes ----
        var lanes = model.Lanes.Select(ln => new LaneInfo
        {
            Id = ln.Id,
            From = siteIndex[ln.FromSiteId],
            To = siteIndex[ln.ToSiteId],
            LeadTime = ln.LeadTime?.ToTimeSpan() ?? TimeSpan.Zero,
            CostPerUnit = ln.CostPerUnit,
            CapacityPerDay = ln.HasCapacityPerDay ? ln.CapacityPerDay : null,
            Products = ln.ProductIds.Count == 0 ? null : ln.ProductIds.Select(id => productIndex[id]).ToHashSet(),
        }).ToArray();

        // ---- stock, demand, receipts ----
        var initStock = Jagged(S, P);
        var initBacklog = Jagged(S, P);
        var initMat = Jagged(S, M);
        foreach (var ii in model.InitialInventory)
        {
            var s = SiteOf(ii.SiteId);
            if (!string.IsNullOrEmpty(ii.ProductId))
            {
                initStock[s][productIndex[ii.ProductId]] += ii.Quantity;
                initBacklog[s][productIndex[ii.ProductId]] += ii.Backlog;
            }
            else if (!string.IsNullOrEmpty(ii.MaterialId))
            {
                initMat[s][materialIndex[ii.MaterialId]] += ii.Quantity;
            }
        }

        var forecast = Jagged3(S, P, T);
        foreach (var f in model.Forecasts)
        {
            var s = SiteOf(f.SiteId);
            var p = productIndex[f.ProductId];
            var fs = f.Start.ToDateTime();
            var fe = f.End.ToDateTime();
            var len = (fe - fs).Ticks;
            if (len <= 0) continue;
            for (var t = 0; t < T; t++)
            {
                var a = Math.Max(fs.Ticks, buckets[t].Start.Ticks);
                var b = Math.Min(fe.Ticks, buckets[t].End.Ticks);
                if (b > a) forecast[s][p][t] += f.Quantity * (b - a) / len;
            }
        }

        var orderDemand = Jagged3(S, P, T);
        var orders = new OrderInfo[model.Orders.Count];
        for (var o = 0; o < orders.Length; o++)
        {
            var src = model.Orders[o];
            var s = SiteOf(src.SiteId);
            var p = productIndex[src.ProductId];
            var due = src.Due.ToDateTime();
            var t = grid.ClampedIndexOf(due);
            orders[o] = new OrderInfo(o, src.Id, src.Customer, p, s, src.Quantity, due, t, src.Priority);
            orderDemand[s][p][t] += src.Quantity;
        }

        var demand = Jagged3(S, P, T);
        var hasDemand = new bool[S][];
        for (var s = 0; s < S; s++)
        {
            hasDemand[s] = new bool[P];
            for (var p = 0; p < P; p++)
            {
                for (var t = 0; t < T; t++)
                {
                    demand[s][p][t] = Math.Max(forecast[s][p][t], orderDemand[s][p][t]);
                    if (demand[s][p][t] > 0) hasDemand[s][p] = true;
                }
            }
        }

        var supplies = Jagged3(S, M, T);
        foreach (var sup in model.Supplies)
        {
            var at = sup.Arrival.ToDateTime();
            if (at >= horizonEnd) continue; // arrives after the horizon: never usable inside it
            supplies[SiteOf(sup.SiteId)][materialIndex[sup.MaterialId]][grid.ClampedIndexOf(at)] += sup.Quantity;
        }

        var holding = new double[S][];
        for (var s = 0; s < S; s++)
        {
            holding[s] = new double[P];
            for (var p = 0; p < P; p++) holding[s][p] = products[p].Source.HoldingCost;
        }
        foreach (var sp in SiteProductOverrides(model))
            holding[siteIndex[sp.SiteId]][productIndex[sp.ProductId]] = sp.HoldingCost;

        return new PlanningInstance
        {
            Model = model,
            Buckets = buckets,
            FrozenEnd = frozenEnd,
            Sites = sites,
            Products = products,
            Lines = lines,
            Recipes = recipes,
            Materials = materials,
            Lanes = lanes,
            Orders = orders,
            FrozenRuns = frozen.ToArray(),
            InitialStock = initStock,
            InitialBacklog = initBacklog,
            InitialMaterial = initMat,
            Demand = demand,
            OrderDemand = orderDemand,
            SupplyArrivals = supplies,
            HoldingCost = holding,
            HasDemand = hasDemand,
        };
    }

    /// <summary>Per-site holding cost overrides (SiteProduct), where the contract has them.</summary>
    private static IEnumerable<(string SiteId, string ProductId, double HoldingCost)> SiteProductOverrides(PlanningModel model) =>
        model.SiteProducts.Where(sp => sp.HasHoldingCost).Select(sp => (sp.SiteId, sp.ProductId, sp.HoldingCost));

    private static BucketInfo[] BuildBuckets(Horizon horizon, out DateTime frozenEnd)
    {
        var start = horizon.Start.ToDateTime();
        var frozen = horizon.Frozen?.ToTimeSpan() ?? TimeSpan.Zero;
        var slushy = horizon.Slushy?.ToTimeSpan() ?? TimeSpan.Zero;
        if (slushy < frozen) slushy = frozen;
        frozenEnd = start + frozen;
        var slushyEnd = start + slushy;
        var list = new List<BucketInfo>();
        var t = start;
        foreach (var band in horizon.Bands)
        {
            for (var k = 0; k < band.Count; k++)
            {
                var end = band.Granularity switch
                {
                    Granularity.Day => t.AddDays(1),
                    Granularity.Week => t.AddDays(7),
                    Granularity.Month => t.AddMonths(1),
                    _ => throw new ArgumentException($"Resolution band {band.Granularity} has no length; use DAY, WEEK or MONTH."),
                };
                var fence = t < frozenEnd ? "FROZEN" : t < slushyEnd ? "SLUSHY" : "LIQUID";
                list.Add(new BucketInfo(list.Count, t, end, band.Granularity, fence));
                t = end;
            }
        }
        if (list.Count == 0) throw new ArgumentException("The horizon has no buckets; give at least one band with count > 0.");
        return list.ToArray();
    }

    /// <summary>Resolves the changeover rules of one line into a [from, to] matrix and a from-clean row.</summary>
    private static (ChangeoverEntry[,] Matrix, ChangeoverEntry[] FromClean) ResolveChangeovers(PlanningModel model, string lineId)
    {
        var P = model.Products.Count;
        var rules = model.Changeovers.Where(c => string.IsNullOrEmpty(c.LineId) || c.LineId == lineId).ToList();
        var matrix = new ChangeoverEntry[P, P];
        var clean = new ChangeoverEntry[P];
        for (var b = 0; b < P; b++)
        {
            var to = model.Products[b];
            clean[b] = Best(rules, to, from: null, lineId);
            for (var a = 0; a < P; a++)
                matrix[a, b] = a == b ? ChangeoverEntry.Free : Best(rules, to, model.Products[a], lineId);
        }
        return (matrix, clean);
    }

    private static ChangeoverEntry Best(List<Changeover> rules, Product to, Product? from, string lineId)
    {
        Changeover? best = null;
        var bestKey = -1;
        foreach (var c in rules)
        {
            int fromSpec;
            if (!string.IsNullOrEmpty(c.FromProductId))
            {
                if (from is null || c.FromProductId != from.Id) continue;
                fromSpec = 2;
            }
            else if (!string.IsNullOrEmpty(c.FromFamily))
            {
                if (from is null || c.FromFamily != from.Family) continue;
                fromSpec = 1;
            }
            else fromSpec = 0;

            int toSpec;
            if (!string.IsNullOrEmpty(c.ToProductId))
            {
                if (c.ToProductId != to.Id) continue;
                toSpec = 2;
            }
            else if (!string.IsNullOrEmpty(c.ToFamily))
            {
                if (c.ToFamily != to.Family) continue;
                toSpec = 1;
            }
            else toSpec = 0;

            var key = (c.LineId == lineId && !string.IsNullOrEmpty(c.LineId) ? 9 : 0) + fromSpec * 3 + toSpec;
            if (key > bestKey) { bestKey = key; best = c; }
        }
        return best is null ? ChangeoverEntry.Free : new ChangeoverEntry(best.Forbidden ? 0 : best.Hours, best.Forbidden ? 0 : best.Cost, best.Forbidden);
    }

    private static Dictionary<string, int> Index(IEnumerable<string> ids)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids) d[id] = i++;
        return d;
    }

    private static double[][] Jagged(int a, int b)
    {
        var r = new double[a][];
        for (var i = 0; i < a; i++) r[i] = new double[b];
        return r;
    }

    private static double[][][] Jagged3(int a, int b, int c)
    {
        var r = new double[a][][];
        for (var i = 0; i < a; i++)
        {
            r[i] = new double[b][];
            for (var j = 0; j < b; j++) r[i][j] = new double[c];
        }
        return r;
    }

    /// <summary>Bucket lookup by time.</summary>
    internal sealed class BucketLookup(BucketInfo[] buckets)
    {
        public int IndexOf(DateTime t)
        {
            if (t < buckets[0].Start || t >= buckets[^1].End) return -1;
            int lo = 0, hi = buckets.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (buckets[mid].Start <= t) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        public int ClampedIndexOf(DateTime t) => t < buckets[0].Start ? 0 : t >= buckets[^1].End ? buckets.Length - 1 : IndexOf(t);
    }
}
