using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Scheduling;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// The aggregate LP's rows for shared assets and tanks (model.proto, <c>SharedAsset</c>, <c>Tank</c>).
/// <list type="bullet">
/// <item>Asset hours, every bucket: production hours of the recipes that list the asset plus the
/// changeover hours of the rules that list it &lt;= capacity x the asset's working hours, less what
/// frozen runs occupy. The contract's rule in WEEK and MONTH buckets; in DAY buckets a relaxation
/// of the timed rule (at most capacity overlapping occupations inside the working time). In the
/// relaxation the changeover part is left out (a valid relaxation: it is >= 0); in the fixed set-up
/// LP the sequences' changeover hours on the asset are constants. In DAY buckets the right side is
/// the tighter, still valid, integral over the asset's working time of min(capacity, lines using
/// the asset that work at that instant): production hours are working hours of their line, and an
/// occupation lies inside the asset's working time.</item>
/// <item>Tank balance, every bucket: level[t-1] + fills - draws - level[t] = 0 with the level in
/// [0, capacity]: the end-of-bucket level the contract asks for, a separate balance from site
/// inventory (the product balance leaves tank flows out).</item>
/// </list>
/// </summary>
internal static class PhysicsRows
{
    /// <summary>
    /// Adds the rows; returns the tank level columns per [tank][bucket]. Asset-hour rows and tank
    /// capacity rows are tagged in <paramref name="tags"/> (the diagnosis of late orders reads them).
    /// </summary>
    public static int[][] Add(PlanningInstance inst, ProcessPhysics ph, LinearModel lm, int[][] x, SetupFixing? fixing, AggregateRows tags)
    {
        var T = inst.T;
        var cols = new List<int>();
        var vals = new List<double>();
        int Commit(double lo, double hi)
        {
            var row = lm.AddRow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cols), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(vals), lo, hi);
            cols.Clear();
            vals.Clear();
            return row.Index;
        }
        void Term(int col, double v)
        {
            if (col < 0 || v == 0) return;
            cols.Add(col);
            vals.Add(v);
        }

        foreach (var a in ph.Assets)
        {
            for (var t = 0; t < T; t++)
            {
                foreach (var r in inst.Recipes)
                    if (ph.RecipeAssets[r.Index].Contains(a.Index)) Term(x[r.Index][t], r.HoursPerUnit);
                var changeover = fixing?.AssetChangeoverHours?[a.Index][t] ?? 0.0;
                var free = Math.Max(0, ph.AssetCapacityHours[a.Index][t] - ph.FrozenAssetHours[a.Index][t]) - changeover;
                if (cols.Count == 0)
                {
                    if (free < -1e-6)
                    {
                        // only fixed changeovers: an impossible pattern must make the fixed LP infeasible
                        var slack = lm.AddVariable(0, 0, 0).Index;
                        Term(slack, 1);
                        tags.Add(new RowKey(RowFamily.AssetCapacity, a.Index, t), Commit(-free, double.PositiveInfinity));
                    }
                    continue;
                }
                tags.Add(new RowKey(RowFamily.AssetCapacity, a.Index, t), Commit(double.NegativeInfinity, free));
            }
        }

        var level = new int[ph.Tanks.Length][];
        foreach (var k in ph.Tanks)
        {
            level[k.Index] = new int[T];
            // capacity as a row (not a column bound) so that its price names the tank in diagnoses
            for (var t = 0; t < T; t++) level[k.Index][t] = lm.AddVariable(0, double.PositiveInfinity, 0).Index;
            for (var t = 0; t < T; t++)
            {
                Term(level[k.Index][t], 1);
                tags.Add(new RowKey(RowFamily.TankCapacity, k.Index, t), Commit(double.NegativeInfinity, k.Capacity));
            }
            for (var t = 0; t < T; t++)
            {
                // level[t-1] + fills - draws - level[t] = -(initial at t = 0) - frozen fills + frozen draws
                if (t > 0) Term(level[k.Index][t - 1], 1);
                Term(level[k.Index][t], -1);
                foreach (var r in inst.Recipes)
                {
                    if (ph.OutputTank[r.Index] == k.Index) Term(x[r.Index][t], 1);
                    if (ph.InputTank[r.Index] == k.Index) Term(x[r.Index][t], -ph.DrawPerUnit[r.Index]);
                }
                var rhs = t == 0 ? -k.InitialLevel : 0.0;
                foreach (var f in inst.FrozenRuns)
                {
                    if (f.Bucket != t || f.Recipe < 0) continue;
                    if (ph.OutputTank[f.Recipe] == k.Index) rhs -= f.Quantity;
                    if (ph.InputTank[f.Recipe] == k.Index) rhs += f.Quantity * ph.DrawPerUnit[f.Recipe];
                }
                Commit(rhs, rhs);
            }
        }
        return level;
    }
}
