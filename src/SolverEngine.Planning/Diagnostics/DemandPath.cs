using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Diagnostics;

/// <summary>
/// Everything that can supply a product at a site: the lines with a recipe for it there, the
/// materials and intermediates those recipes consume (and, recursively, what makes the
/// intermediates), the lanes that bring it in from other sites (and what supplies those sites),
/// the shared assets and tanks those recipes and the lines' changeovers use. A constraint can only
/// make an order late if its entity lies on this path.
/// </summary>
internal sealed class DemandPath
{
    public HashSet<int> Lines { get; } = [];
    /// <summary>(site, material) pairs.</summary>
    public HashSet<(int Site, int Material)> Materials { get; } = [];
    public HashSet<int> Lanes { get; } = [];
    /// <summary>Indices into <c>PlanningModel.shared_assets</c>.</summary>
    public HashSet<int> Assets { get; } = [];
    /// <summary>Indices into <c>PlanningModel.tanks</c>.</summary>
    public HashSet<int> Tanks { get; } = [];
    /// <summary>(site, product) pairs that feed the target (the target included).</summary>
    public HashSet<(int Site, int Product)> Items { get; } = [];
    /// <summary>Sites the target can be supplied from (its own included).</summary>
    public HashSet<int> Sites { get; } = [];

    /// <summary>True when some line on the path has a recipe for the product itself or an input of it.</summary>
    public bool HasRecipe => Lines.Count > 0;

    public static DemandPath Of(PlanningInstance inst, int product, int site)
    {
        var path = new DemandPath();
        var model = inst.Model;
        var assetIndex = model.SharedAssets.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var tankIndex = model.Tanks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var stack = new Stack<(int Site, int Product)>();
        stack.Push((site, product));
        while (stack.Count > 0)
        {
            var (s, p) = stack.Pop();
            if (!path.Items.Add((s, p))) continue;
            path.Sites.Add(s);
            foreach (var r in inst.Recipes)
            {
                if (r.Product != p || inst.Lines[r.Line].Site != s) continue;
                path.Lines.Add(r.Line);
                foreach (var (m, _) in r.MaterialInputs) path.Materials.Add((s, m));
                foreach (var (q, _) in r.ProductInputs) stack.Push((s, q));
                var src = model.Recipes[r.Index];
                foreach (var a in src.AssetIds)
                    if (assetIndex.TryGetValue(a, out var ai)) path.Assets.Add(ai);
                if (tankIndex.TryGetValue(src.OutputTankId, out var to)) path.Tanks.Add(to);
                if (tankIndex.TryGetValue(src.InputTankId, out var ti)) path.Tanks.Add(ti);
            }
            for (var k = 0; k < inst.Lanes.Length; k++)
            {
                var lane = inst.Lanes[k];
                if (lane.To != s || !lane.Allows(p)) continue;
                path.Lanes.Add(k);
                stack.Push((lane.From, p));
            }
        }
        // changeovers of the path's lines may occupy assets too
        foreach (var rule in model.Changeovers)
        {
            var applies = string.IsNullOrEmpty(rule.LineId) || path.Lines.Any(l => inst.Lines[l].Id == rule.LineId);
            if (!applies || path.Lines.Count == 0) continue;
            foreach (var a in rule.AssetIds)
                if (assetIndex.TryGetValue(a, out var ai)) path.Assets.Add(ai);
        }
        return path;
    }
}
