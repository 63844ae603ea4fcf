using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;

namespace SolverEngine.Planning.Internal.Instance;

/// <summary>
/// Adapts Core's <see cref="CompiledModel"/> (bucket grid, calendars, changeover precedence,
/// demand, receipts, holding costs: compiled once, in Core) to the planner's
/// <see cref="PlanningInstance"/>. What is added here is planning-only: the time each line is
/// free after the frozen zone and frozen runs, and per-(site, product, bucket) arrays the LP
/// indexes densely.
/// </summary>
internal static class InstanceBuilder
{
    /// <summary>Validates, compiles and adapts a model.</summary>
    /// <exception cref="Core.Validation.ModelValidationException">The model has validation errors.</exception>
    public static PlanningInstance Build(PlanningModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Build(ModelCompiler.Compile(model));
    }

    /// <summary>Adapts a compiled model; <paramref name="ct"/> is looked at per line and site (seconds on XL under load).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired while building.</exception>
    public static PlanningInstance Build(CompiledModel c, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var grid = c.Buckets;
        var T = grid.Count;
        var buckets = grid.Buckets.Select(b => new BucketInfo(b.Index, b.Start, b.End, b.Granularity, FenceName(b.Fence))).ToArray();
        int S = c.Sites.Length, P = c.Products.Length, M = c.Materials.Length;

        var sites = c.Sites.Select(s => new SiteInfo(s.Id, double.IsPositiveInfinity(s.WarehouseCapacity) ? null : s.WarehouseCapacity)).ToArray();
        var products = c.Products.Select(p => new ProductInfo(p.Id, c.Source.Products[p.Index])).ToArray();
        var materials = c.Materials.Select(m => new MaterialInfo(m.Id, c.Source.Materials[m.Index])).ToArray();

        var recipes = c.Recipes.Select(r => new RecipeInfo
        {
            Id = r.Id,
            Index = r.Index,
            Product = r.Product,
            Line = r.Line,
            Rate = r.Rate,
            Yield = r.Yield,
            MinRun = r.MinRunQuantity,
            BatchSize = r.BatchSize,
            VariableCost = r.VariableCost,
            MaterialInputs = r.Inputs.Where(i => i.IsMaterial).Select(i => (i.Material, i.PerGoodUnit)).ToArray(),
            ProductInputs = r.Inputs.Where(i => !i.IsMaterial).Select(i => (i.Product, i.PerGoodUnit)).ToArray(),
        }).ToArray();

        var frozen = c.FrozenRuns
            .Select(f => new FrozenRunInfo(f.Line, f.Product, f.Recipe, f.Start, f.End, f.Quantity, f.Bucket, c.Source.FrozenRuns[f.Index]))
            .OrderBy(f => f.Start)
            .ToArray();

        var lines = new LineInfo[c.Lines.Length];
        for (var l = 0; l < lines.Length; l++)
        {
            ct.ThrowIfCancellationRequested();
            var src = c.Lines[l];
            var wt = new WorkingTime(src.Calendar, grid.Start, grid.End);
            var lineFrozen = frozen.Where(f => f.Line == l).ToArray();
            // Planned runs start after the frozen zone and after the line's last frozen run.
            var freeFromAll = grid.FrozenEnd;
            if (lineFrozen.Length > 0 && lineFrozen.Max(f => f.End) > freeFromAll) freeFromAll = lineFrozen.Max(f => f.End);
            var freeFrom = new DateTime[T];
            var avail = new double[T];
            for (var t = 0; t < T; t++)
            {
                freeFrom[t] = buckets[t].Start > freeFromAll ? buckets[t].Start : freeFromAll;
                avail[t] = freeFrom[t] >= buckets[t].End ? 0.0 : wt.Hours(freeFrom[t], buckets[t].End);
            }
            var firstFree = 0;
            while (firstFree < T && freeFrom[firstFree] >= buckets[firstFree].End) firstFree++;
            var frozenIn = new bool[T];
            foreach (var f in lineFrozen)
                if (f.Bucket >= 0 && f.Bucket < T) frozenIn[f.Bucket] = true;
            var recipesOf = new int[P][];
            for (var p = 0; p < P; p++) recipesOf[p] = c.RecipesOn(l, p).ToArray();
            lines[l] = new LineInfo
            {
                Id = src.Id,
                Site = src.Site,
                InitialProduct = src.InitialProduct,
                SetupPerBucket = src.SetupPerBucket,
                MaxRunsPerBucket = src.MaxRunsPerBucket == int.MaxValue ? null : src.MaxRunsPerBucket,
                WorkingTime = wt,
                AvailableHours = avail,
                FreeFrom = freeFrom,
                Products = src.Recipes.Select(r => c.Recipes[r].Product).Distinct().OrderBy(p => p).ToArray(),
                RecipesOfProduct = recipesOf,
                Changeover = new ChangeoverTable(src.Changeovers),
                FromClean = new CleanChangeovers(src.Changeovers),
                StateAfterFrozen = lineFrozen.Length > 0 ? lineFrozen[^1].Product : src.InitialProduct,
                FirstFreeBucket = firstFree,
                HasFrozenRunIn = frozenIn,
            };
        }

        var lanes = c.Lanes.Select(ln => new LaneInfo
        {
            Id = ln.Id,
            From = ln.FromSite,
            To = ln.ToSite,
            LeadTime = ln.LeadTime,
            CostPerUnit = ln.CostPerUnit,
            CapacityPerDay = double.IsPositiveInfinity(ln.CapacityPerDay) ? null : ln.CapacityPerDay,
            Products = ln.AllowedProducts.IsEmpty ? null : ln.AllowedProducts.ToHashSet(),
        }).ToArray();

        var orders = c.Orders
            .Select(o => new OrderInfo(o.Index, o.Id, o.Customer, o.Product, o.Site, o.Quantity, o.Due, grid.ClampedIndexOf(o.Due), o.Priority))
            .ToArray();

        var initStock = Jagged(S, P);
        var initBacklog = Jagged(S, P);
        var holding = Jagged(S, P);
        var initMat = Jagged(S, M);
        for (var s = 0; s < S; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var p = 0; p < P; p++)
            {
                initStock[s][p] = c.InitialStock(s, p);
                initBacklog[s][p] = c.InitialBacklog(s, p);
                holding[s][p] = c.HoldingCost(s, p);
            }
            for (var m = 0; m < M; m++) initMat[s][m] = c.InitialMaterialStock(s, m);
        }

        var demand = Jagged3(S, P, T);
        var orderDemand = Jagged3(S, P, T);
        var hasDemand = new bool[S][];
        for (var s = 0; s < S; s++) hasDemand[s] = new bool[P];
        foreach (var d in c.Demand)
        {
            for (var t = 0; t < T; t++)
            {
                demand[d.Site][d.Product][t] = d.Demand[t];
                orderDemand[d.Site][d.Product][t] = d.Orders[t];
                if (d.Demand[t] > 0) hasDemand[d.Site][d.Product] = true;
            }
        }

        var supplies = Jagged3(S, M, T);
        foreach (var sup in c.MaterialSupply)
            for (var t = 0; t < T; t++) supplies[sup.Site][sup.Material][t] = sup.Quantity[t];

        return new PlanningInstance
        {
            Compiled = c,
            Model = c.Source,
            Grid = grid,
            Buckets = buckets,
            FrozenEnd = grid.FrozenEnd,
            Sites = sites,
            Products = products,
            Lines = lines,
            Recipes = recipes,
            Materials = materials,
            Lanes = lanes,
            Orders = orders,
            FrozenRuns = frozen,
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

    private static string FenceName(TimeFence f) => f switch
    {
        TimeFence.Frozen => "FROZEN",
        TimeFence.Slushy => "SLUSHY",
        _ => "LIQUID",
    };

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
}
