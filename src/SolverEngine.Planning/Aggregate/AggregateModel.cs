using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// The aggregate LP over every bucket of the grid (see the type's fields for the variables).
/// <see cref="Build"/> writes it in bulk into a <see cref="LinearModel"/>; the same layout is used
/// for the relaxation (set-ups in [0, 1], changeovers bounded below) and for the fixed set-up LP
/// (set-ups, changeover hours and cost fixed to a sequenced pattern), so a solution of either is
/// read through the same index arrays. The objective is exactly the contract's objective terms.
/// </summary>
internal sealed class AggregateModel
{
    private readonly PlanningInstance _inst;

    // -1 = no variable. Layouts: [recipe][t], [line][pos][t], [line][t], [site][item][t], [lane][product][t].
    public int[][] X { get; private set; } = [];
    public int[][][] Y { get; private set; } = [];
    public int[][] Co { get; private set; } = [];
    public int[][] Cc { get; private set; } = [];
    public int[][][] Inv { get; private set; } = [];
    public int[][][] Del { get; private set; } = [];
    public int[][][] Back { get; private set; } = [];
    public int[][][] Lost { get; private set; } = [];
    public int[][][] Short { get; private set; } = [];
    public int[][][] MatInv { get; private set; } = [];
    public int[][][] Buy { get; private set; } = [];
    public int[][][] Move { get; private set; } = [];
    /// <summary>Capacity row per [line][t] (-1 when the line has no hours there).</summary>
    public int[][] CapacityRow { get; private set; } = [];
    /// <summary>Rows of the last built LP that can limit a plan, by family (what alerts name as causes).</summary>
    public AggregateRows Rows { get; private set; } = new();

    /// <summary>(s, p) pairs that can ever hold stock.</summary>
    public bool[][] ProductAtSite { get; }
    /// <summary>(s, m) pairs that can ever hold material.</summary>
    public bool[][] MaterialAtSite { get; }
    /// <summary>[lane][t] = arrivals (bucket, fraction of the departures of t); days spread evenly.</summary>
    public (int Bucket, double Fraction)[][][] LaneArrivals { get; }
    /// <summary>[material][t] = arrivals of purchases ordered in t.</summary>
    public (int Bucket, double Fraction)[][][] PurchaseArrivals { get; }
    /// <summary>Constant part of the objective (frozen runs' costs).</summary>
    public double FrozenCost { get; }
    /// <summary>Products made by frozen runs, per [site][product][t].</summary>
    public double[][][] FrozenMade { get; }
    /// <summary>Products consumed by frozen runs, per [site][product][t].</summary>
    public double[][][] FrozenUsedProduct { get; }
    /// <summary>Materials consumed by frozen runs, per [site][material][t].</summary>
    public double[][][] FrozenUsedMaterial { get; }
    /// <summary>Tanks and shared assets (their rows: <see cref="PhysicsRows"/>).</summary>
    public Scheduling.ProcessPhysics Physics { get; }
    /// <summary>Tank level column per [tank][t].</summary>
    public int[][] TankLevel { get; private set; } = [];

    // The lane transfer columns of each LP this model built (LanesClosedFirst needs them for any of them, not just the last).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<LinearModel, int[]> _transferColumns = new();

    /// <summary>The lane transfer columns of <paramref name="lm"/> when this model built it; empty otherwise.</summary>
    public IReadOnlyList<int> TransferColumns(LinearModel lm) => _transferColumns.TryGetValue(lm, out var columns) ? columns : [];

    public AggregateModel(PlanningInstance inst)
    {
        _inst = inst;
        var S = inst.Sites.Length;
        var P = inst.Products.Length;
        var M = inst.Materials.Length;
        var T = inst.T;

        FrozenMade = New3(S, P, T);
        FrozenUsedProduct = New3(S, P, T);
        FrozenUsedMaterial = New3(S, M, T);
        Physics = Scheduling.ProcessPhysics.Of(inst);
        var frozenCost = 0.0;
        foreach (var f in inst.FrozenRuns)
        {
            var s = inst.Lines[f.Line].Site;
            if (f.Recipe < 0 || Physics.OutputTank[f.Recipe] < 0) FrozenMade[s][f.Product][f.Bucket] += f.Quantity;
            if (f.Recipe >= 0)
            {
                var r = inst.Recipes[f.Recipe];
                frozenCost += r.VariableCost * f.Quantity;
                foreach (var (m, per) in r.MaterialInputs) FrozenUsedMaterial[s][m][f.Bucket] += per * f.Quantity;
                if (Physics.InputTank[f.Recipe] < 0) // tank flows are not site stock
                    foreach (var (q, per) in r.ProductInputs) FrozenUsedProduct[s][q][f.Bucket] += per * f.Quantity;
            }
        }
        FrozenCost = frozenCost;

        // ---- which (site, product) can hold stock: made, demanded, stocked, consumed, or reachable by lane ----
        ProductAtSite = new bool[S][];
        MaterialAtSite = new bool[S][];
        for (var s = 0; s < S; s++)
        {
            ProductAtSite[s] = new bool[P];
            MaterialAtSite[s] = new bool[M];
            for (var p = 0; p < P; p++)
                ProductAtSite[s][p] = inst.HasDemand[s][p] || inst.InitialStock[s][p] > 0 || inst.InitialBacklog[s][p] > 0;
            for (var m = 0; m < M; m++)
                MaterialAtSite[s][m] = inst.InitialMaterial[s][m] > 0 || inst.SupplyArrivals[s][m].Any(q => q > 0);
        }
        foreach (var r in inst.Recipes)
        {
            var s = inst.Lines[r.Line].Site;
            ProductAtSite[s][r.Product] = true;
            foreach (var (q, _) in r.ProductInputs) ProductAtSite[s][q] = true;
            foreach (var (m, _) in r.MaterialInputs) MaterialAtSite[s][m] = true;
        }
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var lane in inst.Lanes)
            {
                for (var p = 0; p < P; p++)
                {
                    if (lane.Allows(p) && ProductAtSite[lane.From][p] && !ProductAtSite[lane.To][p])
                    {
                        ProductAtSite[lane.To][p] = true;
                        changed = true;
                    }
                }
            }
        }

        LaneArrivals = inst.Lanes.Select(l => Spread(l.LeadTime)).ToArray();
        PurchaseArrivals = inst.Materials.Select(m => Spread(m.LeadTime)).ToArray();
    }

    /// <summary>Arrival buckets of departures spread evenly over the days of each bucket, one per day at bucket start + k days.</summary>
    private (int Bucket, double Fraction)[][] Spread(TimeSpan lead)
    {
        var lookup = _inst.Grid;
        var result = new (int, double)[_inst.T][];
        for (var t = 0; t < _inst.T; t++)
        {
            var days = DaysOf(t);
            var acc = new SortedDictionary<int, double>();
            for (var k = 0; k < days; k++)
            {
                var arrival = _inst.Buckets[t].Start.AddDays(k) + lead;
                var a = lookup.IndexOf(arrival);
                if (a < 0) continue; // arrives after the horizon
                acc[a] = acc.GetValueOrDefault(a) + 1.0 / days;
            }
            result[t] = acc.Select(kv => (kv.Key, kv.Value)).ToArray();
        }
        return result;
    }

    /// <summary>
    /// The minimum run of a lot of <paramref name="product"/> on <paramref name="line"/> in the fixed set-up LP:
    /// in whole batches, so rounding the batch counts down keeps it (with the bare minimum, a lot between it
    /// and the next whole batch would round to below it and the rounded LP be infeasible).
    /// </summary>
    public double MinRun(int line, int product) => _inst.Lines[line].RecipesOfProduct[product].Max(r => _inst.Recipes[r].EffectiveMinRun);

    /// <summary>Whole days of bucket t (buckets are whole days long).</summary>
    public int DaysOf(int t) => Math.Max(1, (int)Math.Round(_inst.Buckets[t].Days));

    /// <summary>
    /// Builds the LP. <paramref name="fixing"/> null = the relaxation; otherwise the fixed set-up
    /// LP of that pattern. <paramref name="cuts"/> are added as rows (valid for both).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired while building.</exception>
    public LinearModel Build(SetupFixing? fixing, IReadOnlyList<SetupCut> cuts, CancellationToken ct = default)
    {
        var inst = _inst;
        var S = inst.Sites.Length;
        var P = inst.Products.Length;
        var M = inst.Materials.Length;
        var T = inst.T;
        var L = inst.Lines.Length;
        var lm = new LinearModel("aggregate") { ObjectiveOffset = FrozenCost + (fixing?.FrozenChangeoverCost ?? 0) };

        int Var(double lo, double hi, double cost) => lm.AddVariable(lo, hi, cost).Index;

        // ---- production, set-ups, changeovers ----
        X = new int[inst.Recipes.Length][];
        foreach (var r in inst.Recipes)
        {
            X[r.Index] = new int[T];
            var line = inst.Lines[r.Line];
            for (var t = 0; t < T; t++)
            {
                var avail = line.AvailableHours[t];
                X[r.Index][t] = avail <= 0 ? -1 : Var(0, avail / r.HoursPerUnit, r.VariableCost);
            }
        }
        Y = new int[L][][];
        Co = new int[L][];
        Cc = new int[L][];
        for (var l = 0; l < L; l++)
        {
            ct.ThrowIfCancellationRequested(); // an XL model takes seconds to build: a cancel must not wait for it
            var line = inst.Lines[l];
            Y[l] = new int[line.Products.Length][];
            Co[l] = new int[T];
            Cc[l] = new int[T];
            for (var i = 0; i < line.Products.Length; i++)
            {
                Y[l][i] = new int[T];
                for (var t = 0; t < T; t++)
                {
                    if (line.AvailableHours[t] <= 0) { Y[l][i][t] = -1; continue; }
                    var on = fixing is null ? 1.0 : fixing.Setup[l][i][t] ? 1.0 : 0.0;
                    Y[l][i][t] = Var(fixing is null ? 0 : on, on, 0);
                }
            }
            for (var t = 0; t < T; t++)
            {
                if (line.AvailableHours[t] <= 0) { Co[l][t] = Cc[l][t] = -1; continue; }
                if (fixing is null)
                {
                    Co[l][t] = Var(0, line.AvailableHours[t], 0);
                    Cc[l][t] = Var(0, double.PositiveInfinity, 1);
                }
                else
                {
                    Co[l][t] = Var(fixing.ChangeoverHours[l][t], fixing.ChangeoverHours[l][t], 0);
                    Cc[l][t] = Var(fixing.ChangeoverCost[l][t], fixing.ChangeoverCost[l][t], 1);
                }
            }
        }

        // ---- stock, demand, materials, purchases, transfers ----
        Inv = New3Int(S, P, T);
        Del = New3Int(S, P, T);
        Back = New3Int(S, P, T);
        Lost = New3Int(S, P, T);
        Short = New3Int(S, P, T);
        for (var s = 0; s < S; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var p = 0; p < P; p++)
            {
                if (!ProductAtSite[s][p]) continue;
                var prod = inst.Products[p].Source;
                var cum = inst.InitialBacklog[s][p];
                var hasSafety = inst.HasDemand[s][p] && prod.SafetyStock > 0 && prod.SafetyStockCost > 0;
                for (var t = 0; t < T; t++)
                {
                    var days = inst.Buckets[t].Days;
                    Inv[s][p][t] = Var(0, double.PositiveInfinity, inst.HoldingCost[s][p] * days);
                    var dem = inst.Demand[s][p][t] + (t == 0 ? inst.InitialBacklog[s][p] : 0);
                    cum += inst.Demand[s][p][t];
                    switch (prod.DemandPolicy)
                    {
                        case DemandPolicy.Backlog:
                            if (cum > 0)
                            {
                                Del[s][p][t] = Var(0, double.PositiveInfinity, 0);
                                Back[s][p][t] = Var(0, double.PositiveInfinity, prod.BacklogCost * days + (t == T - 1 ? prod.LostSaleCost : 0));
                            }
                            break;
                        case DemandPolicy.LostSales:
                            if (dem > 0)
                            {
                                Del[s][p][t] = Var(0, dem, 0);
                                Lost[s][p][t] = Var(0, dem, prod.LostSaleCost);
                            }
                            break;
                        default: // MUST_MEET
                            if (dem > 0) Del[s][p][t] = Var(dem, dem, 0);
                            break;
                    }
                    if (hasSafety) Short[s][p][t] = Var(0, prod.SafetyStock, prod.SafetyStockCost * days);
                }
            }
        }

        MatInv = New3Int(S, M, T);
        Buy = New3Int(S, M, T);
        for (var s = 0; s < S; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var m = 0; m < M; m++)
            {
                if (!MaterialAtSite[s][m]) continue;
                var mat = inst.Materials[m].Source;
                for (var t = 0; t < T; t++)
                {
                    MatInv[s][m][t] = Var(0, double.PositiveInfinity, mat.HoldingCost * inst.Buckets[t].Days);
                    if (mat.Purchasable && PurchaseArrivals[m][t].Length > 0)
                    {
                        var cap = mat.HasMaxPurchasePerDay ? mat.MaxPurchasePerDay * DaysOf(t) : double.PositiveInfinity;
                        Buy[s][m][t] = Var(0, cap, mat.PurchaseCost);
                    }
                }
            }
        }

        Move = new int[inst.Lanes.Length][][];
        for (var k = 0; k < inst.Lanes.Length; k++)
        {
            var lane = inst.Lanes[k];
            Move[k] = new int[P][];
            for (var p = 0; p < P; p++)
            {
                Move[k][p] = Filled(T, -1);
                if (!lane.Allows(p) || !ProductAtSite[lane.From][p] || !ProductAtSite[lane.To][p]) continue;
                for (var t = 0; t < T; t++)
                    if (LaneArrivals[k][t].Length > 0) Move[k][p][t] = Var(0, double.PositiveInfinity, lane.CostPerUnit);
            }
        }
        _transferColumns.AddOrUpdate(lm, Move.SelectMany(lane => lane.SelectMany(p => p)).Where(c => c >= 0).ToArray());

        // ---- rows ----
        var row = new RowBuffer(lm);
        var tags = new AggregateRows();
        var recipesAtSite = new List<RecipeInfo>[S];
        for (var s = 0; s < S; s++) recipesAtSite[s] = [];
        foreach (var r in inst.Recipes) recipesAtSite[inst.Lines[r.Line].Site].Add(r);

        // product balance: I[t-1] + made + arrivals - departures - used - delivered - I[t] = 0
        for (var s = 0; s < S; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var p = 0; p < P; p++)
            {
                if (!ProductAtSite[s][p]) continue;
                for (var t = 0; t < T; t++)
                {
                    row.Clear();
                    if (t > 0) row.Add(Inv[s][p][t - 1], 1);
                    row.Add(Inv[s][p][t], -1);
                    foreach (var r in recipesAtSite[s])
                    {
                        if (X[r.Index][t] < 0) continue;
                        // tank flows are not site stock (PhysicsRows balances them)
                        if (r.Product == p && Physics.OutputTank[r.Index] < 0) row.Add(X[r.Index][t], 1);
                        foreach (var (q, per) in r.ProductInputs)
                            if (q == p && Physics.InputTank[r.Index] < 0) row.Add(X[r.Index][t], -per);
                    }
                    for (var k = 0; k < inst.Lanes.Length; k++)
                    {
                        var lane = inst.Lanes[k];
                        if (lane.From == s && Move[k][p][t] >= 0) row.Add(Move[k][p][t], -1);
                        if (lane.To == s)
                        {
                            for (var t0 = 0; t0 <= t; t0++)
                            {
                                if (Move[k][p][t0] < 0) continue;
                                foreach (var (a, frac) in LaneArrivals[k][t0])
                                    if (a == t) row.Add(Move[k][p][t0], frac);
                            }
                        }
                    }
                    row.Add(Del[s][p][t], -1);
                    var rhs = -(t == 0 ? inst.InitialStock[s][p] : 0) - FrozenMade[s][p][t] + FrozenUsedProduct[s][p][t];
                    row.Commit(rhs, rhs);
                }
            }
        }

        // demand: backlog / lost sales
        for (var s = 0; s < S; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var p = 0; p < P; p++)
            {
                if (!ProductAtSite[s][p]) continue;
                for (var t = 0; t < T; t++)
                {
                    var dem = inst.Demand[s][p][t] + (t == 0 ? inst.InitialBacklog[s][p] : 0);
                    if (Back[s][p][t] >= 0)
                    {
                        // B[t] - B[t-1] + del[t] = dem[t]
                        row.Clear();
                        row.Add(Back[s][p][t], 1);
                        if (t > 0) row.Add(Back[s][p][t - 1], -1);
                        row.Add(Del[s][p][t], 1);
                        row.Commit(dem, dem);
                    }
                    else if (Lost[s][p][t] >= 0)
                    {
                        row.Clear();
                        row.Add(Del[s][p][t], 1);
                        row.Add(Lost[s][p][t], 1);
                        row.Commit(dem, dem);
                    }
                    if (Short[s][p][t] >= 0)
                    {
                        row.Clear();
                        row.Add(Inv[s][p][t], 1);
                        row.Add(Short[s][p][t], 1);
                        row.Commit(inst.Products[p].Source.SafetyStock, double.PositiveInfinity);
                    }
                }
            }
        }

        // warehouse capacity
        for (var s = 0; s < S; s++)
        {
            ct.ThrowIfCancellationRequested();
            if (inst.Sites[s].WarehouseCapacity is not { } cap) continue;
            for (var t = 0; t < T; t++)
            {
                row.Clear();
                for (var p = 0; p < P; p++) row.Add(Inv[s][p][t], 1);
                if (!row.IsEmpty) tags.Add(new RowKey(RowFamily.Warehouse, s, t), row.Commit(double.NegativeInfinity, cap));
            }
        }

        // material balance: MI[t-1] + supply + purchases arriving - used - MI[t] = 0
        for (var s = 0; s < S; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var m = 0; m < M; m++)
            {
                if (!MaterialAtSite[s][m]) continue;
                for (var t = 0; t < T; t++)
                {
                    row.Clear();
                    if (t > 0) row.Add(MatInv[s][m][t - 1], 1);
                    row.Add(MatInv[s][m][t], -1);
                    for (var t0 = 0; t0 <= t; t0++)
                    {
                        if (Buy[s][m][t0] < 0) continue;
                        foreach (var (a, frac) in PurchaseArrivals[m][t0])
                            if (a == t) row.Add(Buy[s][m][t0], frac);
                    }
                    foreach (var r in recipesAtSite[s])
                    {
                        if (X[r.Index][t] < 0) continue;
                        foreach (var (mm, per) in r.MaterialInputs)
                            if (mm == m) row.Add(X[r.Index][t], -per);
                    }
                    var rhs = -(t == 0 ? inst.InitialMaterial[s][m] : 0) - inst.SupplyArrivals[s][m][t] + FrozenUsedMaterial[s][m][t];
                    tags.Add(new RowKey(RowFamily.MaterialBalance, m, t, Site: s), row.Commit(rhs, rhs));
                }
            }
        }

        // lane capacity per day x days
        for (var k = 0; k < inst.Lanes.Length; k++)
        {
            if (inst.Lanes[k].CapacityPerDay is not { } cap) continue;
            for (var t = 0; t < T; t++)
            {
                row.Clear();
                for (var p = 0; p < P; p++) row.Add(Move[k][p][t], 1);
                if (!row.IsEmpty) tags.Add(new RowKey(RowFamily.LaneCapacity, k, t), row.Commit(double.NegativeInfinity, cap * DaysOf(t)));
            }
        }

        // line capacity, linking, changeover bounds, runs per bucket
        CapacityRow = new int[L][];
        for (var l = 0; l < L; l++)
        {
            ct.ThrowIfCancellationRequested();
            var line = inst.Lines[l];
            CapacityRow[l] = Filled(T, -1);
            for (var t = 0; t < T; t++)
            {
                var avail = line.AvailableHours[t];
                if (avail <= 0) continue;
                row.Clear();
                foreach (var r in inst.Recipes)
                    if (r.Line == l) row.Add(X[r.Index][t], r.HoursPerUnit);
                row.Add(Co[l][t], 1);
                CapacityRow[l][t] = tags.Add(new RowKey(RowFamily.LineCapacity, l, t), row.Commit(double.NegativeInfinity, avail));

                for (var i = 0; i < line.Products.Length; i++)
                {
                    row.Clear();
                    foreach (var r in line.RecipesOfProduct[line.Products[i]]) row.Add(X[r][t], inst.Recipes[r].HoursPerUnit);
                    row.Add(Y[l][i][t], -(fixing is null ? SetupLinkHours(l, line.Products[i], t, avail) : avail));
                    tags.Add(new RowKey(RowFamily.SetupLink, l, t, Item: i), row.Commit(double.NegativeInfinity, 0));
                }

                var (kind, state) = LineStarts.BoundKind(inst, l, t);
                var (hc, hk) = ChangeoverBounds.Hours(line, kind, state);
                var (cc, ck) = ChangeoverBounds.Cost(line, kind, state);
                if (hc.Any(v => v > 0))
                {
                    row.Clear();
                    row.Add(Co[l][t], 1);
                    for (var i = 0; i < hc.Length; i++) row.Add(Y[l][i][t], -hc[i]);
                    row.Commit(-hk, double.PositiveInfinity);
                }
                if (cc.Any(v => v > 0))
                {
                    row.Clear();
                    row.Add(Cc[l][t], 1);
                    for (var i = 0; i < cc.Length; i++) row.Add(Y[l][i][t], -cc[i]);
                    row.Commit(-ck, double.PositiveInfinity);
                }
                if (line.MaxRunsPerBucket is { } maxRuns)
                {
                    // max_runs_per_bucket counts lot starts: a first product that continues the
                    // carried state starts no lot, so one more product may be set up then
                    var continuation = kind == ChangeoverBounds.StartKind.Unknown || (kind == ChangeoverBounds.StartKind.Known && state >= 0);
                    row.Clear();
                    for (var i = 0; i < line.Products.Length; i++) row.Add(Y[l][i][t], 1);
                    row.Commit(double.NegativeInfinity, maxRuns + (continuation ? 1 : 0));
                }
            }
        }

        // fixed set-up LP: minimum run of lots that start with a changeover, batch multiples
        if (fixing is not null)
        {
            for (var l = 0; l < L; l++)
            {
                var line = inst.Lines[l];
                for (var i = 0; i < line.Products.Length; i++)
                {
                    var p = line.Products[i];
                    var minRun = MinRun(l, p);
                    for (var t = 0; t < T; t++)
                    {
                        if (minRun <= 0 || !fixing.MinRunApplies[l][i][t] || Y[l][i][t] < 0) continue;
                        row.Clear();
                        foreach (var r in line.RecipesOfProduct[p]) row.Add(X[r][t], 1);
                        tags.Add(new RowKey(RowFamily.MinRun, l, t, Item: i), row.Commit(minRun, double.PositiveInfinity));
                    }
                }
            }
            foreach (var r in inst.Recipes)
            {
                if (r.BatchSize <= 0) continue;
                for (var t = 0; t < T; t++)
                {
                    if (X[r.Index][t] < 0) continue;
                    var n = lm.AddVariable(0, Math.Floor(lm.UpperBound(new Variable(X[r.Index][t])) / r.BatchSize + 1e-9), 0, isInteger: true).Index;
                    row.Clear();
                    row.Add(X[r.Index][t], 1);
                    row.Add(n, -r.BatchSize);
                    tags.Add(new RowKey(RowFamily.BatchMultiple, r.Index, t), row.Commit(0, 0));
                }
            }
        }

        // cuts from sequencing
        foreach (var cut in cuts)
        {
            var target = cut.Kind == SetupCutKind.Hours ? Co[cut.Line][cut.Bucket] : Cc[cut.Line][cut.Bucket];
            if (target < 0) continue;
            row.Clear();
            row.Add(target, 1);
            foreach (var i in cut.Positions) row.Add(Y[cut.Line][i][cut.Bucket], -cut.Bound);
            row.Commit(cut.Bound * (1 - cut.Positions.Length), double.PositiveInfinity);
        }

        TankLevel = PhysicsRows.Add(inst, Physics, lm, X, fixing, tags);
        Rows = tags;
        return lm;
    }

    private double[][]? _usefulFrom;

    /// <summary>
    /// The coefficient of y[l,p,t] in the relaxation's set-up link <c>sum_r hours_r x[r,t] &lt;= M y[l,p,t]</c>:
    /// the bucket's hours, or less where less production can ever be useful - the hours to make
    /// everything of p that is still demanded from bucket t on, at any site (plus initial backlog and
    /// safety stock; under BACKLOG every bucket's demand, as backlog may be served late). Valid for the relaxation: every cost is non-negative and non-decreasing in
    /// production, so an optimal plan never makes a unit that is neither delivered, consumed nor held
    /// as safety stock; products that are inputs of a recipe are left at the bucket's hours. The fixed
    /// set-up LP keeps the plain bound (a minimum run may have to make more than is demanded).
    /// </summary>
    private double SetupLinkHours(int l, int p, int t, double avail)
    {
        _usefulFrom ??= UsefulProductionFrom();
        var useful = _usefulFrom[p][t];
        if (double.IsPositiveInfinity(useful)) return avail;
        var hpu = 0.0;
        foreach (var r in _inst.Lines[l].RecipesOfProduct[p]) hpu = Math.Max(hpu, _inst.Recipes[r].HoursPerUnit);
        return Math.Min(avail, useful * hpu);
    }

    /// <summary>[product][t] = most units of the product that can be useful when made in bucket t or later (+inf = no bound).</summary>
    private double[][] UsefulProductionFrom()
    {
        var inst = _inst;
        var P = inst.Products.Length;
        var T = inst.T;
        var input = new bool[P];
        foreach (var r in inst.Recipes)
            foreach (var (q, _) in r.ProductInputs) input[q] = true;
        var result = new double[P][];
        for (var p = 0; p < P; p++)
        {
            result[p] = new double[T];
            // a previous plan with a stability cost may reward production: no bound then
            if (input[p] || inst.Compiled.StabilityCost > 0)
            {
                Array.Fill(result[p], double.PositiveInfinity);
                continue;
            }
            var extra = 0.0;
            for (var s = 0; s < inst.Sites.Length; s++)
            {
                extra += inst.InitialBacklog[s][p];
                if (inst.HasDemand[s][p]) extra += Math.Max(0, inst.Products[p].Source.SafetyStock);
            }
            var tail = extra;
            for (var t = T - 1; t >= 0; t--)
            {
                for (var s = 0; s < inst.Sites.Length; s++) tail += inst.Demand[s][p][t];
                result[p][t] = tail;
            }
            // backlogged demand of earlier buckets may still be delivered from later production
            if (inst.Products[p].Policy == DemandPolicy.Backlog) Array.Fill(result[p], tail);
        }
        return result;
    }

    private static int[] Filled(int n, int v)
    {
        var a = new int[n];
        Array.Fill(a, v);
        return a;
    }

    private static int[][][] New3Int(int a, int b, int c)
    {
        var r = new int[a][][];
        for (var i = 0; i < a; i++)
        {
            r[i] = new int[b][];
            for (var j = 0; j < b; j++) r[i][j] = Filled(c, -1);
        }
        return r;
    }

    private static double[][][] New3(int a, int b, int c)
    {
        var r = new double[a][][];
        for (var i = 0; i < a; i++)
        {
            r[i] = new double[b][];
            for (var j = 0; j < b; j++) r[i][j] = new double[c];
        }
        return r;
    }

    /// <summary>Collects one row's entries (skipping absent variables) and adds it to the model.</summary>
    private sealed class RowBuffer(LinearModel model)
    {
        private readonly List<int> _cols = [];
        private readonly List<double> _vals = [];

        public bool IsEmpty => _cols.Count == 0;

        public void Clear()
        {
            _cols.Clear();
            _vals.Clear();
        }

        public void Add(int column, double value)
        {
            if (column < 0 || value == 0) return;
            _cols.Add(column);
            _vals.Add(value);
        }

        public int Commit(double lower, double upper) =>
            model.AddRow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_cols),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_vals), lower, upper).Index;
    }
}
