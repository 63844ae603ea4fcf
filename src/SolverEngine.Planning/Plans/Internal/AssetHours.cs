using System.Runtime.CompilerServices;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Plans.Internal;

/// <summary>
/// Occupied and available hours of every shared asset per bucket, as the SharedAsset comment in
/// model.proto counts them: a run occupies the assets its recipe lists, a changeover those its
/// rule lists; in DAY buckets (timed) the asset's working hours inside [start, end), in WEEK and
/// MONTH buckets the run's production hours q / (rate x yield) and the changeover's hours.
/// Available = capacity x the asset's working hours in the bucket. A run counts in its bucket.
/// </summary>
internal sealed class AssetHours
{
    private static readonly ConditionalWeakTable<PlanningInstance, CompiledModel> Compiled = new();

    /// <summary>Index into <c>PlanningModel.shared_assets</c>.</summary>
    public required double[][] Used { get; init; }
    public required double[][] Available { get; init; }

    public static AssetHours Of(PlanningInstance inst, Plan plan)
    {
        var model = inst.Model;
        var A = model.SharedAssets.Count;
        var used = new double[A][];
        var available = new double[A][];
        if (A == 0) return new AssetHours { Used = used, Available = available };

        var byId = inst.Recipes.ToDictionary(r => r.Id);
        var assetIndex = model.SharedAssets.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var compiled = model.Changeovers.Any(c => c.AssetIds.Count > 0) ? Compiled.GetValue(inst, i => ModelCompiler.Compile(i.Model)) : null;
        var time = new WorkingTime[A];
        for (var a = 0; a < A; a++)
        {
            var asset = model.SharedAssets[a];
            time[a] = WorkingTime.Create(asset.Calendar, inst.HorizonStart, inst.HorizonEnd);
            var capacity = asset.HasCapacity ? asset.Capacity : 1u;
            used[a] = new double[inst.T];
            available[a] = inst.Buckets.Select(b => capacity * time[a].Hours(b.Start, b.End)).ToArray();
        }

        foreach (var run in plan.Runs)
        {
            var t = (int)run.BucketIndex;
            if (t >= inst.T) continue;
            var timed = inst.Buckets[t].Granularity == Granularity.Day;
            var recipe = RecipeOf(inst, run, byId);
            if (recipe is not null)
                foreach (var id in model.Recipes[recipe.Index].AssetIds)
                    if (assetIndex.TryGetValue(id, out var a))
                        used[a][t] += timed && run.Start is not null && run.End is not null
                            ? time[a].Hours(run.Start.ToDateTime(), run.End.ToDateTime())
                            : run.Quantity * recipe.HoursPerUnit;
            if (run.Changeover is { } c && compiled is not null)
                foreach (var id in ChangeoverAssets(compiled, run, c))
                    if (assetIndex.TryGetValue(id, out var a))
                        used[a][t] += timed && c.Start is not null && c.End is not null
                            ? time[a].Hours(c.Start.ToDateTime(), c.End.ToDateTime())
                            : c.Hours;
        }
        return new AssetHours { Used = used, Available = available };
    }

    /// <summary>The recipe of a run: by id, else the line's recipe for the product (frozen runs may leave it empty).</summary>
    public static RecipeInfo? RecipeOf(PlanningInstance inst, Run run, Dictionary<string, RecipeInfo> byId)
    {
        if (run.RecipeId.Length > 0 && byId.TryGetValue(run.RecipeId, out var r)) return r;
        return inst.Recipes.FirstOrDefault(x => inst.Lines[x.Line].Id == run.LineId && inst.Products[x.Product].Id == run.ProductId);
    }

    /// <summary>Asset ids of the changeover rule that applies before a run (the contract's precedence, as Core resolves it).</summary>
    private static IEnumerable<string> ChangeoverAssets(CompiledModel compiled, Run run, ChangeoverInfo c)
    {
        var l = compiled.LineIds.IndexOf(run.LineId);
        if (l < 0) return [];
        var matrix = compiled.Lines[l].Changeovers;
        var to = matrix.LocalIndexOf(compiled.ProductIds.IndexOf(run.ProductId));
        var from = c.FromProductId.Length == 0 ? ChangeoverMatrix.Clean : matrix.LocalIndexOf(compiled.ProductIds.IndexOf(c.FromProductId));
        if (to < 0 || (from < 0 && c.FromProductId.Length > 0)) return [];
        return compiled.ChangeoverAssets(l, from, to).Select(a => compiled.AssetIds[a]);
    }
}
