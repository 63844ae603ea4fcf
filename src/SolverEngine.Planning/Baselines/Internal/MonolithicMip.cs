using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Baselines.Internal;

/// <summary>
/// The whole model as one MIP: the aggregate LP's layout (production, stock, backlog, lost sales,
/// materials, purchases, transfers, capacity, the valid changeover lower bounds) with set-ups made
/// binary and batch multiples integer, plus, in the full formulation, the sequence of each
/// (line, bucket): a GLSP/CLSD-style model with set-up carry-over.
/// </summary>
/// <remarks>
/// Sequence formulation per line and bucket (products i, j of the line):
/// <list type="bullet">
/// <item><c>s[i]</c> the state carried in is i (it is the end state <c>e[i]</c> of the previous bucket with hours;
/// fixed at the first free bucket from the line's state after frozen runs; absent on setup_per_bucket lines);</item>
/// <item><c>z0[i]</c> the first product is entered from the initial (or clean) state, at that changeover;</item>
/// <item><c>z[i,j]</c> a changeover i -&gt; j inside the bucket (upper bound 0 when forbidden);</item>
/// <item>flow: <c>y[i] = s[i] + z0[i] + sum_j z[j,i] = e[i] + sum_j z[i,j]</c>, <c>sum s + sum z0 &lt;= 1</c>;
/// Miller-Tucker-Zemlin order variables forbid sub-tours;</item>
/// <item>changeover hours and cost of the bucket are at least the sum over its transitions;</item>
/// <item>a lot entered by a changeover runs at least its minimum run (and at least a token 1e-3 units,
/// so a product set up only to pass through cannot hide a forbidden transition); lot starts
/// <c>sum (y - s)</c> respect max_runs_per_bucket.</item>
/// </list>
/// The carried product is "set up" at the start of the next bucket (y = 1, possibly no production),
/// so an idle bucket carries the state on. The CLSP variant keeps only the binary set-ups and the
/// changeover lower bounds (set-up times by the cheapest incoming changeover), no order, no minimum runs.
/// </remarks>
internal static class MonolithicMip
{
    /// <summary>Least quantity of a lot entered by a changeover (see the remarks).</summary>
    public const double Token = 1e-3;

    public sealed record Built(LinearModel Model, int Transitions, BucketVars?[][]? Sequences);

    /// <summary>The sequence variables of one (line, bucket): carried-in state, entry from the initial state, transitions.</summary>
    public sealed record BucketVars(Variable?[] S, Variable?[] Z0, Variable?[,] Z);

    /// <summary>Transition variables the sequence formulation would need.</summary>
    public static long TransitionCount(PlanningInstance inst)
    {
        long n = 0;
        foreach (var line in inst.Lines)
        {
            var k = (long)line.Products.Length;
            n += k * (k - 1) * line.AvailableHours.Count(h => h > 0);
        }
        return n;
    }

    public static Built Build(PlanningInstance inst, AggregateModel agg, bool sequence)
    {
        var lm = agg.Build(null, Array.Empty<SetupCut>());
        lm.Name = sequence ? "monolithic-glsp" : "monolithic-clsp";
        for (var l = 0; l < inst.Lines.Length; l++)
            foreach (var ys in agg.Y[l])
                foreach (var y in ys)
                    if (y >= 0) lm.SetInteger(new Variable(y), true);

        // batch multiples: x = batch * n, n integer
        foreach (var r in inst.Recipes)
        {
            if (r.BatchSize <= 0) continue;
            for (var t = 0; t < inst.T; t++)
            {
                var x = agg.X[r.Index][t];
                if (x < 0) continue;
                var n = lm.AddVariable(0, Math.Floor(lm.UpperBound(new Variable(x)) / r.BatchSize + 1e-9), 0, isInteger: true);
                lm.AddEquality(new LinearExpression().Add(new Variable(x)).Add(n, -r.BatchSize), 0);
            }
        }
        var transitions = 0;
        BucketVars?[][]? vars = null;
        if (sequence)
        {
            vars = new BucketVars?[inst.Lines.Length][];
            for (var l = 0; l < inst.Lines.Length; l++)
            {
                vars[l] = new BucketVars?[inst.T];
                transitions += AddSequence(inst, agg, lm, l, vars[l]);
            }
        }
        return new Built(lm, transitions, vars);
    }

    private static int AddSequence(PlanningInstance inst, AggregateModel agg, LinearModel lm, int l, BucketVars?[] vars)
    {
        var line = inst.Lines[l];
        var n = line.Products.Length;
        if (n == 0) return 0;
        var count = 0;
        Variable[]? prevEnd = null;
        var first = LineStarts.FirstFreeBucket(inst, l);
        var (_, initial) = first < inst.T ? LineStarts.StartOf(inst, l, first, -1) : (ChangeoverBounds.StartKind.Known, -1);
        var initialIndex = Array.IndexOf(line.Products, initial);

        for (var t = 0; t < inst.T; t++)
        {
            if (agg.Y[l][0][t] < 0) continue;
            var (kind, state) = LineStarts.StartOf(inst, l, t, -1);
            var y = Enumerable.Range(0, n).Select(i => new Variable(agg.Y[l][i][t])).ToArray();

            // where the bucket's first product comes from
            Variable?[] s = new Variable?[n];
            int? fromState = null; // state z0 changes over from; null = no z0
            var freeStart = false;
            if (kind == ChangeoverBounds.StartKind.PerBucketClean || (line.SetupPerBucket && kind == ChangeoverBounds.StartKind.Known))
            {
                var st = kind == ChangeoverBounds.StartKind.Known ? state : -1;
                var idx = Array.IndexOf(line.Products, st);
                if (idx >= 0) s[idx] = lm.AddVariable(1, 1, 0);
                else fromState = st;
            }
            else if (kind == ChangeoverBounds.StartKind.Known || prevEnd is null)
            {
                var idx = Array.IndexOf(line.Products, state);
                if (idx >= 0) s[idx] = lm.AddVariable(1, 1, 0);
                else
                {
                    fromState = state;
                    freeStart = state < 0;
                }
            }
            else
            {
                for (var i = 0; i < n; i++) s[i] = prevEnd[i];
                if (initialIndex < 0)
                {
                    // nothing has run yet when no end state is set: the line is still in its initial state
                    fromState = initial;
                    freeStart = initial < 0;
                }
            }
            var z0 = new Variable?[n];
            if (fromState is { } from)
            {
                for (var i = 0; i < n; i++)
                {
                    var into = line.Into(from, line.Products[i]);
                    if (into is { Forbidden: true }) continue;
                    z0[i] = lm.AddBinary();
                }
            }
            var z = new Variable?[n, n];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    if (i == j || line.Changeover[line.Products[i], line.Products[j]].Forbidden) continue;
                    z[i, j] = lm.AddBinary();
                    count++;
                }
            var e = Enumerable.Range(0, n).Select(_ => lm.AddBinary()).ToArray();
            vars[t] = new BucketVars(s, z0, z);
            var u = Enumerable.Range(0, n).Select(_ => lm.AddVariable(0, n - 1, 0)).ToArray();

            var starts = new LinearExpression();
            for (var i = 0; i < n; i++)
            {
                var inflow = new LinearExpression().Add(y[i]);
                var outflow = new LinearExpression().Add(y[i]).Add(e[i], -1);
                if (s[i] is { } si) { inflow.Add(si, -1); starts.Add(si); }
                if (z0[i] is { } zi) { inflow.Add(zi, -1); starts.Add(zi); }
                for (var j = 0; j < n; j++)
                {
                    if (z[j, i] is { } zin) inflow.Add(zin, -1);
                    if (z[i, j] is { } zout) outflow.Add(zout, -1);
                }
                lm.AddEquality(inflow, 0);
                lm.AddEquality(outflow, 0);
            }
            if (starts.Count > 0) lm.AddLessOrEqual(starts, 1);

            // no sub-tours (Miller-Tucker-Zemlin)
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    if (z[i, j] is { } zij)
                        lm.AddGreaterOrEqual(new LinearExpression().Add(u[j]).Add(u[i], -1).Add(zij, -n), 1 - n);

            // changeover hours and cost at least the transitions'
            var hours = new LinearExpression().Add(new Variable(agg.Co[l][t]));
            var cost = new LinearExpression().Add(new Variable(agg.Cc[l][t]));
            for (var i = 0; i < n; i++)
            {
                if (z0[i] is { } zi && fromState is { } from0 && line.Into(from0, line.Products[i]) is { } c0)
                {
                    hours.Add(zi, -c0.Hours);
                    cost.Add(zi, -c0.Cost);
                }
                for (var j = 0; j < n; j++)
                {
                    if (z[i, j] is not { } zij) continue;
                    var c = line.Changeover[line.Products[i], line.Products[j]];
                    hours.Add(zij, -c.Hours);
                    cost.Add(zij, -c.Cost);
                }
            }
            lm.AddGreaterOrEqual(hours, 0);
            lm.AddGreaterOrEqual(cost, 0);

            // lots entered by a changeover: minimum run (a token amount at least); lot starts
            var lots = new LinearExpression();
            for (var i = 0; i < n; i++)
            {
                var p = line.Products[i];
                var min = Math.Max(Token, line.RecipesOfProduct[p].Max(r => inst.Recipes[r].EffectiveMinRun));
                var row = new LinearExpression();
                foreach (var r in line.RecipesOfProduct[p])
                    if (agg.X[r][t] >= 0) row.Add(new Variable(agg.X[r][t]));
                row.Add(y[i], -min);
                lots.Add(y[i]);
                if (s[i] is { } si) { row.Add(si, min); lots.Add(si, -1); }
                if (freeStart && z0[i] is { } zi) row.Add(zi, min);
                lm.AddGreaterOrEqual(row, 0);
            }
            if (line.MaxRunsPerBucket is { } maxRuns) lm.AddLessOrEqual(lots, maxRuns);

            if (!line.SetupPerBucket) prevEnd = e;
        }
        return count;
    }

    /// <summary>
    /// The run order of every (line, bucket) in a MIP solution: follow the path from the carried-in
    /// (or initially entered) product along the transitions; products without production (the
    /// carried state passing through) are not runs. Null where the path cannot be read.
    /// </summary>
    public static int[][][]? Orders(PlanningInstance inst, AggregateModel agg, BucketVars?[][] vars, double[] values)
    {
        const double half = 0.5;
        var orders = new int[inst.Lines.Length][][];
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            var n = line.Products.Length;
            orders[l] = new int[inst.T][];
            for (var t = 0; t < inst.T; t++)
            {
                orders[l][t] = [];
                if (vars[l][t] is not { } v) continue;
                var current = -1;
                for (var i = 0; i < n && current < 0; i++)
                    if (v.S[i] is { } si && values[si.Index] > half || v.Z0[i] is { } zi && values[zi.Index] > half) current = i;
                var order = new List<int>();
                var seen = new bool[n];
                while (current >= 0)
                {
                    if (seen[current]) return null; // a cycle: not a path
                    seen[current] = true;
                    var p = line.Products[current];
                    var made = line.RecipesOfProduct[p].Sum(r => agg.X[r][t] >= 0 ? values[agg.X[r][t]] : 0);
                    if (made > 1e-6) order.Add(p);
                    var next = -1;
                    for (var j = 0; j < n; j++)
                        if (v.Z[current, j] is { } zij && values[zij.Index] > half) { next = j; break; }
                    current = next;
                }
                orders[l][t] = order.ToArray();
            }
        }
        return orders;
    }
}
