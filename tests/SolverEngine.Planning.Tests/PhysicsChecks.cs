using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Tests;

/// <summary>
/// Small independent checks of the process-physics rules on a plan, written from the words of
/// model.proto (<c>SharedAsset</c>, <c>Tank</c>), sharing no code with the planner.
/// </summary>
internal static class PhysicsChecks
{
    /// <summary>Occupations [start, end) of a shared asset in DAY buckets: runs whose recipe lists it, changeovers whose rule lists it.</summary>
    public static List<(DateTime Start, DateTime End, string What)> AssetOccupations(PlanningModel model, Plan plan, string assetId)
    {
        var day = plan.Buckets.Where(b => b.Granularity == "DAY").Select(b => b.Index).ToHashSet();
        var recipes = model.Recipes.ToDictionary(r => r.Id);
        var list = new List<(DateTime, DateTime, string)>();
        foreach (var run in plan.Runs.Where(r => day.Contains(r.BucketIndex)))
        {
            if (recipes.TryGetValue(run.RecipeId, out var rec) && rec.AssetIds.Contains(assetId))
                list.Add((run.Start.ToDateTime(), run.End.ToDateTime(), $"run {run.LineId} {run.ProductId}"));
            if (run.Changeover is { } co && co.Start is not null && co.End is not null
                && Rule(model, run.LineId, co.FromProductId, run.ProductId) is { } rule && rule.AssetIds.Contains(assetId))
                list.Add((co.Start.ToDateTime(), co.End.ToDateTime(), $"changeover {run.LineId} {co.FromProductId}->{run.ProductId}"));
        }
        return list;
    }

    /// <summary>The most occupations of the list that overlap at one instant.</summary>
    public static int MaxConcurrent(List<(DateTime Start, DateTime End, string What)> occ)
    {
        var best = 0;
        foreach (var o in occ)
        {
            var n = occ.Count(x => x.Start <= o.Start && x.End > o.Start);
            best = Math.Max(best, n);
        }
        return best;
    }

    /// <summary>The changeover rule that applies (contract precedence), or null.</summary>
    public static Changeover? Rule(PlanningModel model, string lineId, string from, string to)
    {
        if (string.IsNullOrEmpty(from)) return null;
        var pf = model.Products.First(p => p.Id == from);
        var pt = model.Products.First(p => p.Id == to);
        Changeover? best = null;
        var bestKey = (-1, -1, -1);
        foreach (var c in model.Changeovers)
        {
            if (!string.IsNullOrEmpty(c.LineId) && c.LineId != lineId) continue;
            var f = c.FromProductId != "" ? (c.FromProductId == pf.Id ? 2 : -1) : c.FromFamily != "" ? (c.FromFamily == pf.Family ? 1 : -1) : 0;
            var t = c.ToProductId != "" ? (c.ToProductId == pt.Id ? 2 : -1) : c.ToFamily != "" ? (c.ToFamily == pt.Family ? 1 : -1) : 0;
            if (f < 0 || t < 0) continue;
            var key = (c.LineId == "" ? 0 : 1, f, t);
            if (key.CompareTo(bestKey) > 0) { bestKey = key; best = c; }
        }
        return best;
    }

    /// <summary>
    /// Lowest and highest level of a tank over the horizon (constant-rate flows over each run's
    /// [start, end)), and the problems with the one-product rule.
    /// </summary>
    public static (double Min, double Max, List<string> Problems) TankLevels(PlanningModel model, Plan plan, string tankId)
    {
        var tank = model.Tanks.First(k => k.Id == tankId);
        var recipes = model.Recipes.ToDictionary(r => r.Id);
        var flows = new List<(DateTime S, DateTime E, double Amount, string Product)>();
        foreach (var run in plan.Runs)
        {
            if (!recipes.TryGetValue(run.RecipeId, out var rec)) continue;
            var yield = rec.HasYield ? rec.Yield : 1.0;
            if (rec.OutputTankId == tankId) flows.Add((run.Start.ToDateTime(), run.End.ToDateTime(), run.Quantity, run.ProductId));
            if (rec.InputTankId == tankId)
                foreach (var i in rec.Inputs.Where(i => i.ProductId != ""))
                    flows.Add((run.Start.ToDateTime(), run.End.ToDateTime(), -run.Quantity / yield * i.QuantityPerUnit, i.ProductId));
        }
        double LevelAt(DateTime t) => tank.InitialLevel + flows.Sum(f =>
            t <= f.S ? 0 : t >= f.E ? f.Amount : f.Amount * (t - f.S).Ticks / (double)(f.E - f.S).Ticks);
        var points = flows.SelectMany(f => new[] { f.S, f.E }).Distinct().ToList();
        var min = tank.InitialLevel;
        var max = tank.InitialLevel;
        foreach (var p in points)
        {
            var v = LevelAt(p);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var problems = new List<string>();
        var held = tank.InitialProductId;
        var lastEnd = plan.Buckets[0].Start.ToDateTime();
        foreach (var f in flows.OrderBy(f => f.S))
        {
            if (f.Product == held) { lastEnd = f.E > lastEnd ? f.E : lastEnd; continue; }
            if (f.Amount < 0) problems.Add($"draw of {f.Product} at {f.S:o} while the tank holds '{held}'");
            else if (LevelAt(f.S) > 1e-6 * tank.Capacity) problems.Add($"switch to {f.Product} at {f.S:o} with level {LevelAt(f.S)}");
            else if (held != "" && f.S < lastEnd.AddHours(tank.CleanHours)) problems.Add($"switch to {f.Product} at {f.S:o} before cleaning ends");
            held = f.Product;
            lastEnd = f.E;
        }
        return (min, max, problems);
    }

    /// <summary>Runs of one line overlapping in time (changeover included).</summary>
    public static int LineOverlaps(Plan plan)
    {
        var n = 0;
        foreach (var g in plan.Runs.GroupBy(r => r.LineId))
        {
            var spans = g.Select(r => (S: r.Changeover?.Start?.ToDateTime() ?? r.Start.ToDateTime(), E: r.End.ToDateTime()))
                .OrderBy(x => x.S).ToList();
            for (var i = 1; i < spans.Count; i++)
                if (spans[i].S < spans[i - 1].E - TimeSpan.FromSeconds(1)) n++;
        }
        return n;
    }
}
