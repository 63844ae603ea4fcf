using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// Plan stability by fix-and-compare: the candidate that keeps the previous plan in the slushy
/// zone. In every bucket that overlaps the slushy zone each line keeps the previous plan's
/// products, in its order, and every recipe its previous quantity; the other buckets take the
/// best plan's set-ups and are re-solved around them. Timed like any candidate and priced with its
/// stability cost, it is offered to the coordinator, which keeps whichever plan costs less in
/// total (production and service against runs moved, added or removed).
/// </summary>
internal static class StabilityCandidate
{
    public static Candidate? KeepPrevious(Coordinator owner, Candidate best, CancellationToken ct)
    {
        var inst = owner.Instance;
        var model = owner.Model;
        var previous = inst.Model.PreviousPlan;
        if (previous is null) return null;
        var zone = owner.Stability;
        var lookup = inst.Grid;
        var kept = new bool[inst.T];
        for (var t = 0; t < inst.T; t++)
            kept[t] = inst.Buckets[t].End > zone.SlushyFrom && inst.Buckets[t].Start < zone.SlushyTo;
        if (!kept.Any(k => k)) return null;

        var orders = new Dictionary<(int L, int T), List<int>>();
        var quantity = new Dictionary<(int R, int T), double>();
        foreach (var run in previous.Runs.Where(r => !r.Frozen && r.Start is not null).OrderBy(r => r.Start.ToDateTime()))
        {
            var t = lookup.IndexOf(run.Start.ToDateTime());
            if (t < 0 || !kept[t]) continue;
            var r = Array.FindIndex(inst.Recipes, x => x.Id == run.RecipeId);
            if (r < 0) return null; // the model changed under the previous plan: nothing to keep
            var recipe = inst.Recipes[r];
            if (inst.Lines[recipe.Line].Id != run.LineId || inst.Products[recipe.Product].Id != run.ProductId || model.X[r][t] < 0) return null;
            if (!orders.TryGetValue((recipe.Line, t), out var order)) orders[(recipe.Line, t)] = order = [];
            if (order.Count == 0 || order[^1] != recipe.Product)
            {
                if (order.Contains(recipe.Product)) return null; // a product twice in one bucket: not a sequence of lots
                order.Add(recipe.Product);
            }
            quantity[(r, t)] = quantity.GetValueOrDefault((r, t)) + run.Quantity;
        }

        var pattern = new IReadOnlyList<int>[inst.Lines.Length][];
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            pattern[l] = new IReadOnlyList<int>[inst.T];
            for (var t = 0; t < inst.T; t++)
                pattern[l][t] = kept[t] ? orders.GetValueOrDefault((l, t)) ?? [] : best.Schedule[l, t].Order;
        }
        int[]? Forced(int l, int t) => kept[t] ? (orders.GetValueOrDefault((l, t)) ?? []).ToArray() : null;

        void Shape(LinearModel lm, Aggregate.SetupFixing fixing)
        {
            // the kept buckets' quantities, where the product is still set up
            for (var t = 0; t < inst.T; t++)
            {
                if (!kept[t]) continue;
                foreach (var r in inst.Recipes)
                {
                    var x = model.X[r.Index][t];
                    if (x < 0) continue;
                    var i = Array.IndexOf(inst.Lines[r.Line].Products, r.Product);
                    if (!fixing.Setup[r.Line][i][t]) continue;
                    var q = quantity.GetValueOrDefault((r.Index, t));
                    lm.SetBounds(new Variable(x), q, q);
                }
            }
        }

        return owner.Evaluate(pattern, best.Values, null, ct, Forced, Shape);
    }
}
