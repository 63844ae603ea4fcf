using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Internal;
using Severity = SolverEngine.Contracts.V1.ValidationIssue.Types.Severity;

namespace SolverEngine.Core.Compilation.Internal;

/// <summary>One compilation of one validated model (the validator guarantees every reference resolves).</summary>
internal sealed class CompilerPass
{
    // Calendars precompute working intervals a little beyond the horizon, where runs may end.
    private static readonly TimeSpan CalendarMarginBefore = TimeSpan.FromDays(1);
    private static readonly TimeSpan CalendarMarginAfter = TimeSpan.FromDays(35);

    private readonly PlanningModel _m;
    private readonly ValidationReport _report;
    private BucketGrid _grid = null!;
    private IdMap _sites = null!, _lines = null!, _products = null!, _materials = null!, _recipes = null!,
        _tanks = null!, _assets = null!, _lanes = null!, _orders = null!, _families = null!;

    public CompilerPass(PlanningModel model, ValidationReport report)
    {
        _m = model;
        _report = report;
    }

    public CompiledModel Run()
    {
        _grid = BucketGrid.Create(_m.Horizon);
        _sites = new IdMap(_m.Sites.Select(x => x.Id));
        _lines = new IdMap(_m.Lines.Select(x => x.Id));
        _products = new IdMap(_m.Products.Select(x => x.Id));
        _materials = new IdMap(_m.Materials.Select(x => x.Id));
        _recipes = new IdMap(_m.Recipes.Select(x => x.Id));
        _tanks = new IdMap(_m.Tanks.Select(x => x.Id));
        _assets = new IdMap(_m.SharedAssets.Select(x => x.Id));
        _lanes = new IdMap(_m.Lanes.Select(x => x.Id));
        _orders = new IdMap(_m.Orders.Select(x => x.Id));
        _families = new IdMap(_m.Products.Select(p => p.Family).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal));

        int nP = _products.Count, nS = _sites.Count, nM = _materials.Count;

        var recipesOfLine = Group(_m.Recipes.Select(r => _lines.Get(r.LineId)), _lines.Count);
        var recipesOfProduct = Group(_m.Recipes.Select(r => _products.Get(r.ProductId)), nP);

        var products = _m.Products.Select((p, i) => new CompiledProduct
        {
            Index = i, Id = p.Id, Name = p.Name, Family = p.Family.Length > 0 ? _families.Get(p.Family) : -1,
            HoldingCost = p.HoldingCost, BacklogCost = p.BacklogCost, LostSaleCost = p.LostSaleCost, Price = p.Price,
            UnitValue = p.UnitValue, SafetyStock = p.SafetyStock, SafetyStockCost = p.SafetyStockCost,
            DemandPolicy = p.DemandPolicy, Intermediate = p.Intermediate, Unit = p.Unit, Recipes = recipesOfProduct[i],
        }).ToImmutableArray();

        var materials = _m.Materials.Select((x, i) => new CompiledMaterial
        {
            Index = i, Id = x.Id, Name = x.Name, Unit = x.Unit, Purchasable = x.Purchasable, PurchaseCost = x.PurchaseCost,
            LeadTime = ProtoTime.ToTimeSpanOrZero(x.LeadTime), HoldingCost = x.HoldingCost,
            MaxPurchasePerDay = x.HasMaxPurchasePerDay ? x.MaxPurchasePerDay : double.PositiveInfinity,
        }).ToImmutableArray();

        var rules = _m.Changeovers.Select((c, i) => new CompiledChangeoverRule
        {
            Index = i, Line = c.LineId.Length > 0 ? _lines.Get(c.LineId) : -1, Hours = c.Hours, Cost = c.Cost,
            Forbidden = c.Forbidden, Assets = c.AssetIds.Select(_assets.Get).Distinct().ToImmutableArray(),
        }).ToImmutableArray();

        // Lines: calendars, available hours, changeover matrices over line-local products.
        var matrixBuilder = new ChangeoverMatrixBuilder(_m, _lines, _products, _families);
        var lineMatrices = new ChangeoverMatrix[_lines.Count];
        var lines = new CompiledLine[_lines.Count];
        for (var li = 0; li < _lines.Count; li++)
        {
            var l = _m.Lines[li];
            var initial = l.InitialProductId.Length > 0 ? _products.Get(l.InitialProductId) : -1;
            var local = new List<int>();
            foreach (var r in recipesOfLine[li])
                local.Add(_products.Get(_m.Recipes[r].ProductId));
            if (initial >= 0)
                local.Add(initial);
            var localProducts = local.Distinct().ToImmutableArray();
            var matrix = lineMatrices[li] = matrixBuilder.Build(li, localProducts, l.SetupPerBucket);
            var calendar = CalendarFor(l.Calendar);
            lines[li] = new CompiledLine
            {
                Index = li, Id = l.Id, Name = l.Name, Site = _sites.Get(l.SiteId), InitialProduct = initial,
                InitialLocalProduct = initial >= 0 && !l.SetupPerBucket ? matrix.LocalIndexOf(initial) : ChangeoverMatrix.Clean,
                SetupPerBucket = l.SetupPerBucket, MaxRunsPerBucket = l.HasMaxRunsPerBucket ? (int)Math.Min(l.MaxRunsPerBucket, int.MaxValue) : int.MaxValue,
                Calendar = calendar, AvailableHours = PerBucketHours(calendar), Changeovers = matrix, Recipes = recipesOfLine[li],
            };
        }

        var recipes = _m.Recipes.Select((r, i) =>
        {
            var yield = r.HasYield ? r.Yield : 1.0;
            var line = _lines.Get(r.LineId);
            var product = _products.Get(r.ProductId);
            return new CompiledRecipe
            {
                Index = i, Id = r.Id, Product = product, Line = line, LocalProduct = lineMatrices[line].LocalIndexOf(product),
                Rate = r.Rate, Yield = yield, HoursPerUnit = 1.0 / (r.Rate * yield), MinRunQuantity = r.MinRunQuantity,
                BatchSize = r.BatchSize, VariableCost = r.VariableCost,
                Inputs = r.Inputs.Select(x => x.MaterialId.Length > 0
                    ? new RecipeInputUse(true, _materials.Get(x.MaterialId), x.QuantityPerUnit / yield)
                    : new RecipeInputUse(false, _products.Get(x.ProductId), x.QuantityPerUnit / yield)).ToImmutableArray(),
                Assets = r.AssetIds.Select(_assets.Get).Distinct().ToImmutableArray(),
                OutputTank = r.OutputTankId.Length > 0 ? _tanks.Get(r.OutputTankId) : -1,
                InputTank = r.InputTankId.Length > 0 ? _tanks.Get(r.InputTankId) : -1,
            };
        }).ToImmutableArray();

        var tanks = _m.Tanks.Select((t, i) => new CompiledTank
        {
            Index = i, Id = t.Id, Site = _sites.Get(t.SiteId), Capacity = t.Capacity,
            AllowedProducts = t.AllowedProductIds.Select(_products.Get).Distinct().ToImmutableArray(), CleanHours = t.CleanHours,
            InitialProduct = t.InitialProductId.Length > 0 ? _products.Get(t.InitialProductId) : -1, InitialLevel = t.InitialLevel,
        }).ToImmutableArray();

        var assets = _m.SharedAssets.Select((a, i) =>
        {
            var calendar = CalendarFor(a.Calendar);
            return new CompiledAsset
            {
                Index = i, Id = a.Id, Name = a.Name, Site = a.SiteId.Length > 0 ? _sites.Get(a.SiteId) : -1,
                Capacity = a.HasCapacity ? (int)Math.Min(a.Capacity, int.MaxValue) : 1, Calendar = calendar, AvailableHours = PerBucketHours(calendar),
            };
        }).ToImmutableArray();

        var lanes = _m.Lanes.Select((l, i) =>
        {
            var allowed = l.ProductIds.Select(_products.Get).Distinct().ToImmutableArray();
            bool[]? mask = null;
            if (!allowed.IsEmpty)
            {
                mask = new bool[nP];
                foreach (var p in allowed)
                    mask[p] = true;
            }
            return new CompiledLane(mask)
            {
                Index = i, Id = l.Id, FromSite = _sites.Get(l.FromSiteId), ToSite = _sites.Get(l.ToSiteId),
                LeadTime = ProtoTime.ToTimeSpanOrZero(l.LeadTime), CostPerUnit = l.CostPerUnit,
                CapacityPerDay = l.HasCapacityPerDay ? l.CapacityPerDay : double.PositiveInfinity, AllowedProducts = allowed,
            };
        }).ToImmutableArray();

        var sites = _m.Sites.Select((s, i) => new CompiledSite
        {
            Index = i, Id = s.Id, Name = s.Name, WarehouseCapacity = s.HasWarehouseCapacity ? s.WarehouseCapacity : double.PositiveInfinity,
            Lines = Enumerable.Range(0, lines.Length).Where(l => lines[l].Site == i).ToImmutableArray(),
            Tanks = Enumerable.Range(0, tanks.Length).Where(t => tanks[t].Site == i).ToImmutableArray(),
            Assets = Enumerable.Range(0, assets.Length).Where(a => assets[a].Site == i).ToImmutableArray(),
        }).ToImmutableArray();

        var orders = _m.Orders.Select((o, i) =>
        {
            var due = ProtoTime.ToUtc(o.Due);
            return new CompiledOrder
            {
                Index = i, Id = o.Id, Customer = o.Customer, Product = _products.Get(o.ProductId), Site = SiteOf(o.SiteId),
                Quantity = o.Quantity, Due = due, DueBucket = _grid.IndexOf(due), Priority = o.Priority,
            };
        }).ToImmutableArray();

        // Initial inventory (duplicates add up, as the validator warns).
        var stock = new double[nS * nP];
        var backlog = new double[nS * nP];
        var matStock = new double[nS * nM];
        foreach (var x in _m.InitialInventory)
        {
            var s = SiteOf(x.SiteId);
            if (x.ProductId.Length > 0)
            {
                var p = _products.Get(x.ProductId);
                stock[s * nP + p] += x.Quantity;
                backlog[s * nP + p] += x.Backlog;
            }
            else
            {
                matStock[s * nM + _materials.Get(x.MaterialId)] += x.Quantity;
            }
        }

        var (demand, demandIndex) = BuildDemand(orders, backlog, nP);
        var (supplies, supplySeries, supplyIndex) = BuildSupplies();

        var frozen = new List<CompiledFrozenRun>();
        for (var i = 0; i < _m.FrozenRuns.Count; i++)
        {
            var f = _m.FrozenRuns[i];
            var start = ProtoTime.ToUtc(f.Start);
            var end = ProtoTime.ToUtc(f.End);
            if (end <= _grid.Start || start >= _grid.End)
                continue; // outside the horizon: ignored (the validator warned)
            var line = _lines.Get(f.LineId);
            var product = _products.Get(f.ProductId);
            var recipe = f.RecipeId.Length > 0 ? _recipes.Get(f.RecipeId) : recipesOfLine[line].First(r => recipes[r].Product == product);
            frozen.Add(new CompiledFrozenRun
            {
                Index = i, Line = line, Product = product, Recipe = recipe, Start = start, End = end,
                Quantity = f.Quantity, Bucket = _grid.ClampedIndexOf(start),
            });
        }

        // SiteProduct.holding_cost overrides the product's at one site (last entry wins; duplicates are a validation error).
        var holding = new Dictionary<(int, int), double>();
        foreach (var sp in _m.SiteProducts)
        {
            if (sp.HasHoldingCost)
                holding[(_sites.Get(sp.SiteId), _products.Get(sp.ProductId))] = sp.HoldingCost;
        }

        return new CompiledModel(demandIndex, supplyIndex, stock, backlog, matStock, holding)
        {
            Name = _m.Name, Source = _m, Warnings = _report.Issues.Where(i => i.Severity == Severity.Warning).ToImmutableArray(),
            Buckets = _grid, SiteIds = _sites, LineIds = _lines, ProductIds = _products, MaterialIds = _materials,
            RecipeIds = _recipes, TankIds = _tanks, AssetIds = _assets, LaneIds = _lanes, OrderIds = _orders, Families = _families,
            Sites = sites, Lines = [.. lines], Products = products, Materials = materials, Recipes = recipes, ChangeoverRules = rules,
            Tanks = tanks, Assets = assets, Lanes = lanes, Orders = orders, Supplies = supplies, FrozenRuns = [.. frozen],
            Demand = demand, MaterialSupply = supplySeries, StabilityCost = _m.Policy?.StabilityCost ?? 0,
        };
    }

    private int SiteOf(string siteId) => siteId.Length == 0 ? 0 : _sites.Get(siteId);

    private static ImmutableArray<int>[] Group(IEnumerable<int> keys, int count)
    {
        var lists = new List<int>[count];
        var i = 0;
        foreach (var k in keys)
            (lists[k] ??= []).Add(i++);
        return lists.Select(l => l is null ? ImmutableArray<int>.Empty : [.. l]).ToArray();
    }

    private WorkingCalendar CalendarFor(Calendar? calendar) =>
        new(calendar, _grid.Start - CalendarMarginBefore, _grid.End + CalendarMarginAfter);

    private ImmutableArray<double> PerBucketHours(WorkingCalendar calendar)
    {
        var hours = new double[_grid.Count];
        for (var b = 0; b < hours.Length; b++)
            hours[b] = calendar.WorkingHours(_grid[b].Start, _grid[b].End);
        return ImmutableCollectionsMarshal.AsImmutableArray(hours);
    }

    /// <summary>
    /// Demand per (product, site, bucket) = max(forecast spread evenly in time over the buckets it
    /// overlaps, orders due in the bucket).
    /// </summary>
    private (ImmutableArray<DemandSeries>, Dictionary<(int, int), int>) BuildDemand(ImmutableArray<CompiledOrder> orders, double[] initialBacklog, int nP)
    {
        var n = _grid.Count;
        var keys = new Dictionary<(int, int), int>();
        var forecast = new List<double[]>();
        var ordered = new List<double[]>();
        var orderLists = new List<List<int>>();
        int Series(int p, int s)
        {
            if (keys.TryGetValue((p, s), out var k))
                return k;
            keys.Add((p, s), forecast.Count);
            forecast.Add(new double[n]);
            ordered.Add(new double[n]);
            orderLists.Add([]);
            return forecast.Count - 1;
        }

        foreach (var f in _m.Forecasts)
        {
            var a = ProtoTime.ToUtc(f.Start);
            var b = ProtoTime.ToUtc(f.End);
            if (b <= _grid.Start || a >= _grid.End || f.Quantity == 0)
                continue;
            var series = forecast[Series(_products.Get(f.ProductId), SiteOf(f.SiteId))];
            var perTick = f.Quantity / (b - a).Ticks;
            for (var k = _grid.ClampedIndexOf(a); k < n && _grid[k].Start < b; k++)
            {
                var overlap = (Min(b, _grid[k].End) - Max(a, _grid[k].Start)).Ticks;
                if (overlap > 0)
                    series[k] += perTick * overlap;
            }
        }
        foreach (var o in orders.OrderBy(o => o.Due).ThenBy(o => o.Index))
        {
            var k = Series(o.Product, o.Site);
            ordered[k][o.DueBucket] += o.Quantity;
            orderLists[k].Add(o.Index);
        }
        for (var i = 0; i < initialBacklog.Length; i++)
        {
            if (initialBacklog[i] > 0)
                Series(i % nP, i / nP);
        }

        var result = keys.OrderBy(kv => kv.Value).Select(kv =>
        {
            var k = kv.Value;
            var d = new double[n];
            for (var b = 0; b < n; b++)
                d[b] = Math.Max(forecast[k][b], ordered[k][b]);
            return new DemandSeries
            {
                Product = kv.Key.Item1, Site = kv.Key.Item2,
                Forecast = ImmutableCollectionsMarshal.AsImmutableArray(forecast[k]),
                Orders = ImmutableCollectionsMarshal.AsImmutableArray(ordered[k]),
                Demand = ImmutableCollectionsMarshal.AsImmutableArray(d),
                OrderIndices = [.. orderLists[k]],
            };
        }).ToImmutableArray();
        return (result, keys);
    }

    private (ImmutableArray<CompiledSupply>, ImmutableArray<SupplySeries>, Dictionary<(int, int), int>) BuildSupplies()
    {
        var keys = new Dictionary<(int, int), int>();
        var series = new List<double[]>();
        var list = new List<CompiledSupply>();
        foreach (var x in _m.Supplies)
        {
            var arrival = ProtoTime.ToUtc(x.Arrival);
            var bucket = arrival >= _grid.End ? -1 : _grid.ClampedIndexOf(arrival);
            var material = _materials.Get(x.MaterialId);
            var site = SiteOf(x.SiteId);
            list.Add(new CompiledSupply { Material = material, Site = site, Quantity = x.Quantity, Arrival = arrival, Bucket = bucket });
            if (bucket < 0)
                continue;
            if (!keys.TryGetValue((material, site), out var k))
            {
                keys.Add((material, site), k = series.Count);
                series.Add(new double[_grid.Count]);
            }
            series[k][bucket] += x.Quantity;
        }
        var result = keys.OrderBy(kv => kv.Value).Select(kv => new SupplySeries
        {
            Material = kv.Key.Item1, Site = kv.Key.Item2, Quantity = ImmutableCollectionsMarshal.AsImmutableArray(series[kv.Value]),
        }).ToImmutableArray();
        return ([.. list], result, keys);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
