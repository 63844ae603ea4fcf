using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Scheduling;

/// <summary>
/// Tanks and shared assets of a model in index form (model.proto, <c>Tank</c> and
/// <c>SharedAsset</c>): which recipes fill or draw which tank, which recipes and changeover rules
/// occupy which asset, the assets' working time, and what the frozen runs already put through
/// them. Built from the instance's model so the instance itself stays untouched.
/// </summary>
internal sealed class ProcessPhysics
{
    public required AssetInfo[] Assets { get; init; }
    public required TankInfo[] Tanks { get; init; }
    /// <summary>Assets a recipe occupies while producing, per [recipe].</summary>
    public required int[][] RecipeAssets { get; init; }
    /// <summary>Tank a recipe fills with its good output, per [recipe] (-1 = site inventory).</summary>
    public required int[] OutputTank { get; init; }
    /// <summary>Tank a recipe draws its product inputs from, per [recipe] (-1 = site inventory).</summary>
    public required int[] InputTank { get; init; }
    /// <summary>Units drawn from the input tank per good unit made, per [recipe] (0 without a tank).</summary>
    public required double[] DrawPerUnit { get; init; }
    /// <summary>Product drawn from the input tank, per [recipe] (-1 without a tank).</summary>
    public required int[] DrawProduct { get; init; }
    /// <summary>Assets a changeover occupies, per [line][from + 1][to] (from = -1: from a clean line).</summary>
    public required int[][][][] ChangeoverAssets { get; init; }
    /// <summary>Per [line]: whether any changeover of the line occupies an asset.</summary>
    public required bool[] LineHasChangeoverAssets { get; init; }
    /// <summary>
    /// Occupied hours an asset can give per [asset][bucket]: capacity x working hours in WEEK and
    /// MONTH buckets (the contract's rule); in DAY buckets the integral over its working time of
    /// min(capacity, lines using it that work then), a valid tightening of the timed rule.
    /// </summary>
    public required double[][] AssetCapacityHours { get; init; }
    /// <summary>Asset hours the frozen runs occupy (production and changeovers), per [asset][bucket].</summary>
    public required double[][] FrozenAssetHours { get; init; }

    public bool HasTanks => Tanks.Length > 0;
    public bool HasAssets => Assets.Length > 0;
    public bool IsEmpty => !HasTanks && !HasAssets;

    /// <summary>Assets occupied by the changeover from <paramref name="from"/> (-1 = clean) into <paramref name="to"/>.</summary>
    public int[] AssetsOfChangeover(int line, int from, int to) => ChangeoverAssets[line][from + 1][to];

    /// <summary>True when the recipe touches a tank or occupies an asset.</summary>
    public bool Touches(int recipe) => OutputTank[recipe] >= 0 || InputTank[recipe] >= 0 || RecipeAssets[recipe].Length > 0;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PlanningInstance, ProcessPhysics> Cache = new();

    /// <summary>The physics of an instance, built once and shared (the instance is immutable).</summary>
    public static ProcessPhysics Of(PlanningInstance inst) => Cache.GetValue(inst, Build);

    /// <summary>
    /// Changeover hours per [asset][bucket] of sequenced buckets ([line][bucket]): every
    /// changeover of the sequences whose rule lists the asset.
    /// </summary>
    public double[][] ChangeoverAssetHours(PlanningInstance inst, IReadOnlyList<Coordination.Internal.BucketSequence[]> buckets)
    {
        var hours = new double[Assets.Length][];
        for (var a = 0; a < Assets.Length; a++) hours[a] = new double[inst.T];
        if (Assets.Length == 0) return hours;
        for (var l = 0; l < buckets.Count; l++)
        {
            if (!LineHasChangeoverAssets[l]) continue; // nothing to add (and the scan is a serial step of every round)
            var line = inst.Lines[l];
            for (var t = 0; t < buckets[l].Length; t++)
            {
                var seq = buckets[l][t];
                var state = seq.StartState;
                foreach (var p in seq.Order)
                {
                    if (line.Into(state, p) is { } e && e.Hours > 0)
                        foreach (var a in AssetsOfChangeover(l, state, p)) hours[a][t] += e.Hours;
                    state = p;
                }
            }
        }
        return hours;
    }

    private static ProcessPhysics Build(PlanningInstance inst)
    {
        var model = inst.Model;
        var assetIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var a = 0; a < model.SharedAssets.Count; a++) assetIndex[model.SharedAssets[a].Id] = a;
        var tankIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < model.Tanks.Count; k++) tankIndex[model.Tanks[k].Id] = k;

        var assets = model.SharedAssets.Select((a, i) =>
        {
            var wt = WorkingTime.Create(a.Calendar, inst.HorizonStart, inst.HorizonEnd);
            return new AssetInfo
            {
                Id = a.Id,
                Index = i,
                Capacity = a.HasCapacity ? (int)a.Capacity : 1,
                WorkingTime = wt,
                Hours = inst.Buckets.Select(b => wt.Hours(b.Start, b.End)).ToArray(),
            };
        }).ToArray();
        var tanks = model.Tanks.Select((k, i) => new TankInfo
        {
            Id = k.Id,
            Index = i,
            Capacity = k.Capacity,
            CleanHours = k.CleanHours,
            InitialProduct = string.IsNullOrEmpty(k.InitialProductId) ? -1 : inst.ProductIndex(k.InitialProductId),
            InitialLevel = k.InitialLevel,
        }).ToArray();

        var R = inst.Recipes.Length;
        var recipeAssets = new int[R][];
        var outTank = new int[R];
        var inTank = new int[R];
        var drawPer = new double[R];
        var drawProduct = new int[R];
        for (var r = 0; r < R; r++)
        {
            var src = model.Recipes[r];
            recipeAssets[r] = src.AssetIds.Where(assetIndex.ContainsKey).Select(id => assetIndex[id]).Distinct().ToArray();
            outTank[r] = tankIndex.GetValueOrDefault(src.OutputTankId, -1);
            inTank[r] = tankIndex.GetValueOrDefault(src.InputTankId, -1);
            drawProduct[r] = -1;
            if (inTank[r] >= 0)
            {
                drawPer[r] = inst.Recipes[r].ProductInputs.Sum(i => i.PerUnit);
                drawProduct[r] = inst.Recipes[r].ProductInputs.Length > 0 ? inst.Recipes[r].ProductInputs[0].Product : -1;
            }
        }

        var P = inst.Products.Length;
        var coAssets = new int[inst.Lines.Length][][][];
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var rules = model.Changeovers.Where(c => string.IsNullOrEmpty(c.LineId) || c.LineId == inst.Lines[l].Id).ToList();
            coAssets[l] = new int[P + 1][][];
            for (var a = -1; a < P; a++)
            {
                coAssets[l][a + 1] = new int[P][];
                for (var b = 0; b < P; b++)
                {
                    var rule = a == b ? null : MatchingRule(rules, inst.Lines[l].Id, a < 0 ? null : model.Products[a], model.Products[b]);
                    coAssets[l][a + 1][b] = rule is null || rule.Forbidden ? []
                        : rule.AssetIds.Where(assetIndex.ContainsKey).Select(id => assetIndex[id]).Distinct().ToArray();
                }
            }
        }

        var frozenHours = new double[assets.Length][];
        for (var a = 0; a < assets.Length; a++) frozenHours[a] = new double[inst.T];
        if (assets.Length > 0)
        {
            for (var l = 0; l < inst.Lines.Length; l++)
            {
                var line = inst.Lines[l];
                var state = line.SetupPerBucket ? -1 : line.InitialProduct;
                var lastBucket = -1;
                foreach (var f in inst.FrozenRuns.Where(f => f.Line == l))
                {
                    if (line.SetupPerBucket && f.Bucket != lastBucket) state = -1;
                    if (line.Into(state, f.Product) is { } e && (state >= 0 || line.SetupPerBucket))
                        foreach (var a in coAssets[l][state + 1][f.Product]) frozenHours[a][f.Bucket] += e.Hours;
                    if (f.Recipe >= 0)
                        foreach (var a in recipeAssets[f.Recipe]) frozenHours[a][f.Bucket] += f.Quantity * inst.Recipes[f.Recipe].HoursPerUnit;
                    state = f.Product;
                    lastBucket = f.Bucket;
                }
            }
        }

        var capHours = new double[assets.Length][];
        foreach (var a in assets)
        {
            var users = Enumerable.Range(0, inst.Lines.Length).Where(l =>
                inst.Recipes.Any(r => r.Line == l && recipeAssets[r.Index].Contains(a.Index))
                || coAssets[l].Any(row => row.Any(x => x.Contains(a.Index)))).Select(l => inst.Lines[l]).ToArray();
            capHours[a.Index] = new double[inst.T];
            for (var t = 0; t < inst.T; t++)
            {
                var b = inst.Buckets[t];
                if (b.Granularity != Granularity.Day) { capHours[a.Index][t] = a.Capacity * a.Hours[t]; continue; }
                // minute by minute: min(capacity, users working) while the asset works
                var sum = 0.0;
                for (var m = b.Start; m < b.End; m = m.AddMinutes(1))
                {
                    var e = m.AddMinutes(1);
                    var asset = a.WorkingTime.Hours(m, e) * 60; // share of the minute the asset works
                    if (asset <= 0) continue;
                    var working = users.Sum(u => u.WorkingTime.Hours(m, e) > 0 ? 1 : 0);
                    sum += Math.Min(a.Capacity, working) * asset / 60.0;
                }
                capHours[a.Index][t] = Math.Min(sum, a.Capacity * a.Hours[t]);
            }
        }

        return new ProcessPhysics
        {
            AssetCapacityHours = capHours,
            Assets = assets,
            Tanks = tanks,
            RecipeAssets = recipeAssets,
            OutputTank = outTank,
            InputTank = inTank,
            DrawPerUnit = drawPer,
            DrawProduct = drawProduct,
            ChangeoverAssets = coAssets,
            LineHasChangeoverAssets = coAssets.Select(line => line.Any(row => row.Any(assets => assets.Length > 0))).ToArray(),
            FrozenAssetHours = frozenHours,
        };
    }

    /// <summary>
    /// The changeover rule that applies to from -> to on the line, by the contract's precedence
    /// (line, then from, then to specificity); null when none matches. Same order as the
    /// instance's changeover matrix, so hours and assets come from the same rule.
    /// </summary>
    private static Changeover? MatchingRule(List<Changeover> rules, string lineId, Product? from, Product to)
    {
        Changeover? best = null;
        var bestKey = -1;
        foreach (var c in rules)
        {
            int fromSpec;
            if (!string.IsNullOrEmpty(c.FromProductId)) { if (from is null || c.FromProductId != from.Id) continue; fromSpec = 2; }
            else if (!string.IsNullOrEmpty(c.FromFamily)) { if (from is null || c.FromFamily != from.Family) continue; fromSpec = 1; }
            else fromSpec = 0;
            int toSpec;
            if (!string.IsNullOrEmpty(c.ToProductId)) { if (c.ToProductId != to.Id) continue; toSpec = 2; }
            else if (!string.IsNullOrEmpty(c.ToFamily)) { if (c.ToFamily != to.Family) continue; toSpec = 1; }
            else toSpec = 0;
            var key = (!string.IsNullOrEmpty(c.LineId) && c.LineId == lineId ? 9 : 0) + fromSpec * 3 + toSpec;
            if (key > bestKey) { bestKey = key; best = c; }
        }
        return best;
    }
}

internal sealed class AssetInfo
{
    public required string Id { get; init; }
    public required int Index { get; init; }
    /// <summary>Concurrent occupations allowed.</summary>
    public required int Capacity { get; init; }
    public required WorkingTime WorkingTime { get; init; }
    /// <summary>Working hours per bucket.</summary>
    public required double[] Hours { get; init; }
}

internal sealed class TankInfo
{
    public required string Id { get; init; }
    public required int Index { get; init; }
    public required double Capacity { get; init; }
    public required double CleanHours { get; init; }
    /// <summary>Product held at horizon start, -1 = none.</summary>
    public required int InitialProduct { get; init; }
    public required double InitialLevel { get; init; }
}
