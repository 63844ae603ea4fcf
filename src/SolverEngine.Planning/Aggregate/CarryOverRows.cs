using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// Set-up carry-over for the set-up MIPs: which product a line is set up for when a bucket starts.
/// The aggregate LP bounds a bucket's changeovers with the carried state unknown (one product free:
/// the dearest), so to a set-up MIP a line that switches products from one bucket to the next looks
/// free. These rows charge it: every set-up product but the one carried in is entered by a changeover.
/// </summary>
/// <remarks>
/// Per line (not set-up-per-bucket, no frozen runs after its first free bucket) and bucket t after the
/// first free one: <c>w[p,t]</c> (p is the state at the start of t), <c>c[t]</c> (still clean),
/// <c>z[p,t]</c> (p runs first in t without a changeover):
/// <list type="bullet">
/// <item><c>w[p,t] &lt;= w[p,t-1] + y[p,t-1]</c>: a state is the last product run, or carried through an empty bucket;</item>
/// <item><c>c[t] &lt;= c[t-1]</c>, <c>c[t] + y[p,t-1] &lt;= 1</c>; <c>sum_p w[p,t] + c[t] &lt;= 1</c>;</item>
/// <item><c>z[p,t] &lt;= w[p,t] + c[t]</c>, <c>z[p,t] &lt;= y[p,t]</c>, <c>sum_p z[p,t] &lt;= 1</c>;</item>
/// <item><c>co[t] &gt;= sum_p minIn[p] (y[p,t] - z[p,t])</c> for hours and for cost.</item>
/// </list>
/// Valid for every executable plan (set w and c to its true states, z to its first product where that
/// was carried in or the line was clean): each other set-up product is entered from a line product,
/// at least its cheapest allowed incoming changeover <c>minIn</c>. At the first free bucket the
/// state is known and the LP's own bound already uses it.
/// </remarks>
internal static class CarryOverRows
{
    /// <summary>Adds the rows to <paramref name="lm"/> (built by <paramref name="model"/>); z is integer in buckets where <paramref name="integerBucket"/> says so.</summary>
    public static void Add(PlanningInstance inst, AggregateModel model, LinearModel lm, Func<int, bool> integerBucket)
    {
        for (var l = 0; l < inst.Lines.Length; l++)
        {
            var line = inst.Lines[l];
            var first = LineStarts.FirstFreeBucket(inst, l);
            if (line.SetupPerBucket || first >= inst.T - 1 || inst.FrozenRuns.Any(f => f.Line == l && f.Bucket > first)) continue;
            var n = line.Products.Length;
            var hours = ChangeoverBounds.Hours(line, ChangeoverBounds.StartKind.Unknown, -1).Coef;
            var cost = ChangeoverBounds.Cost(line, ChangeoverBounds.StartKind.Unknown, -1).Coef;
            if (hours.All(h => h <= 0) && cost.All(c => c <= 0)) continue;

            // the state at the first free bucket is known
            var w = new Variable[n];
            for (var i = 0; i < n; i++)
            {
                var on = line.Products[i] == line.StateAfterFrozen ? 1 : 0;
                w[i] = lm.AddVariable(on, on);
            }
            var clean = line.StateAfterFrozen < 0 ? 1 : 0;
            var c = lm.AddVariable(clean, clean);
            for (var t = first + 1; t < inst.T; t++)
            {
                var next = new Variable[n];
                var cNext = lm.AddVariable(0, 1);
                lm.AddLessOrEqual(new LinearExpression().Add(cNext).Add(c, -1), 0);
                var stateSum = new LinearExpression().Add(cNext);
                for (var i = 0; i < n; i++)
                {
                    next[i] = lm.AddVariable(0, 1);
                    var carry = new LinearExpression().Add(next[i]).Add(w[i], -1);
                    var yPrev = model.Y[l][i][t - 1];
                    if (yPrev >= 0)
                    {
                        carry.Add(new Variable(yPrev), -1);
                        lm.AddLessOrEqual(new LinearExpression().Add(cNext).Add(new Variable(yPrev)), 1);
                    }
                    lm.AddLessOrEqual(carry, 0);
                    stateSum.Add(next[i]);
                }
                lm.AddLessOrEqual(stateSum, 1);
                w = next;
                c = cNext;
                if (model.Co[l][t] < 0) continue; // no time in this bucket: nothing runs

                var firstSum = new LinearExpression();
                var coH = new LinearExpression().Add(new Variable(model.Co[l][t]));
                var coC = new LinearExpression().Add(new Variable(model.Cc[l][t]));
                for (var i = 0; i < n; i++)
                {
                    var y = model.Y[l][i][t];
                    if (y < 0) continue;
                    var z = lm.AddVariable(0, 1);
                    if (integerBucket(t)) lm.SetInteger(z, true);
                    lm.AddLessOrEqual(new LinearExpression().Add(z).Add(w[i], -1).Add(c, -1), 0);
                    lm.AddLessOrEqual(new LinearExpression().Add(z).Add(new Variable(y), -1), 0);
                    firstSum.Add(z);
                    if (hours[i] > 0) coH.Add(new Variable(y), -hours[i]).Add(z, hours[i]);
                    if (cost[i] > 0) coC.Add(new Variable(y), -cost[i]).Add(z, cost[i]);
                }
                lm.AddLessOrEqual(firstSum, 1);
                lm.AddGreaterOrEqual(coH, 0);
                lm.AddGreaterOrEqual(coC, 0);
            }
        }
    }
}
