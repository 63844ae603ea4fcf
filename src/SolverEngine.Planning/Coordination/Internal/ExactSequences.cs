using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>One way to run a line's fixed set-up pattern: an order per bucket.</summary>
internal sealed class LineOption
{
    public required BucketSequence[] Buckets { get; init; }
    public required double Cost { get; init; }
    /// <summary>[bucket] = products whose lot starts with a changeover there (minimum run applies).</summary>
    public required HashSet<int>[] MinRun { get; init; }
}

/// <summary>
/// Enumerates every order of every bucket of one line for a fixed pattern (small patterns only),
/// keeping the options no other option dominates (no more hours in any bucket, no more cost, no
/// more minimum-run obligations). Used by the exact search's leaves.
/// </summary>
internal static class ExactSequences
{
    public static List<LineOption> Enumerate(PlanningInstance inst, int l, List<int>[] sets)
    {
        var line = inst.Lines[l];
        var T = inst.T;
        var start = LineScheduler.FrozenState(inst, l, out _);
        var options = new List<LineOption>();
        var chain = new BucketSequence[T];
        var minRun = new HashSet<int>[T];

        void Go(int t, int carried, double cost)
        {
            if (t == T)
            {
                var candidate = new LineOption { Buckets = (BucketSequence[])chain.Clone(), Cost = cost, MinRun = minRun.Select(m => new HashSet<int>(m)).ToArray() };
                if (options.Any(o => Dominates(o, candidate))) return;
                options.RemoveAll(o => Dominates(candidate, o));
                options.Add(candidate);
                return;
            }
            var (kind, state) = LineStarts.StartOf(inst, l, t, carried);
            foreach (var order in Permutations(sets[t]))
            {
                double h = 0, c = 0;
                var s = state;
                var ok = true;
                foreach (var p in order)
                {
                    if (line.Into(s, p) is { } e)
                    {
                        if (e.Forbidden) { ok = false; break; }
                        h += e.Hours;
                        c += e.Cost;
                    }
                    s = p;
                }
                if (!ok) continue;
                var seq = new BucketSequence { Order = order, StartState = state, EndState = order.Length > 0 ? order[^1] : state, Hours = h, Cost = c };
                if (!LineScheduler.Fits(inst, l, t, seq, kind)) continue;
                chain[t] = seq;
                minRun[t] = [];
                for (var k = 0; k < order.Length; k++)
                    if (k > 0 || LineScheduler.NeedsChangeover(line, kind, state, order[0])) minRun[t].Add(order[k]);
                Go(t + 1, seq.EndState, cost + c);
            }
        }

        Go(0, start, 0);
        return options;
    }

    private static bool Dominates(LineOption a, LineOption b)
    {
        if (a.Cost > b.Cost + 1e-9) return false;
        for (var t = 0; t < a.Buckets.Length; t++)
        {
            if (a.Buckets[t].Hours > b.Buckets[t].Hours + 1e-9) return false;
            if (!a.MinRun[t].IsSubsetOf(b.MinRun[t])) return false;
        }
        return true;
    }

    private static IEnumerable<int[]> Permutations(List<int> items)
    {
        if (items.Count == 0)
        {
            yield return [];
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, k) => k != i).ToList();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }

    /// <summary>The fixed set-up LP input of one option per line.</summary>
    public static SetupFixing Fixing(PlanningInstance inst, LineOption[] choice)
    {
        var L = inst.Lines.Length;
        var T = inst.T;
        var setup = new bool[L][][];
        var minRun = new bool[L][][];
        var hours = new double[L][];
        var cost = new double[L][];
        var frozenCost = 0.0;
        for (var l = 0; l < L; l++)
        {
            var line = inst.Lines[l];
            LineScheduler.FrozenState(inst, l, out var fc);
            frozenCost += fc;
            setup[l] = new bool[line.Products.Length][];
            minRun[l] = new bool[line.Products.Length][];
            for (var i = 0; i < line.Products.Length; i++)
            {
                setup[l][i] = new bool[T];
                minRun[l][i] = new bool[T];
                for (var t = 0; t < T; t++)
                {
                    setup[l][i][t] = choice[l].Buckets[t].Order.Contains(line.Products[i]);
                    minRun[l][i][t] = choice[l].MinRun[t].Contains(line.Products[i]);
                }
            }
            hours[l] = choice[l].Buckets.Select(b => b.Hours).ToArray();
            cost[l] = choice[l].Buckets.Select(b => b.Cost).ToArray();
        }
        return new SetupFixing
        {
            Setup = setup, MinRunApplies = minRun, ChangeoverHours = hours, ChangeoverCost = cost, FrozenChangeoverCost = frozenCost,
            AssetChangeoverHours = Scheduling.ProcessPhysics.Of(inst).ChangeoverAssetHours(inst, choice.Select(c => c.Buckets).ToArray()),
        };
    }
}
