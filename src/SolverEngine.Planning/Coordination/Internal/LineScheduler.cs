using System.Collections.Concurrent;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// Turns a set-up pattern into executable sequences, line by line and bucket by bucket in time
/// order, carrying each bucket's last product into the next (or losing it on setup_per_bucket
/// lines). Where a bucket's set cannot run - no allowed order, more lots than
/// max_runs_per_bucket, or changeovers plus minimum runs longer than the bucket's hours - the
/// product the LP valued least is dropped and the bucket is sequenced again (the repair), so the
/// result always fits.
/// </summary>
/// <remarks>
/// Parallelism: the carried state makes bucket t of a line depend on bucket t-1 of that line, so
/// a line with a carried state is one subproblem chain (its buckets in time order), and lines run
/// in parallel. On setup_per_bucket lines every bucket starts clean (or from its frozen runs): each
/// bucket is its own subproblem. The chains go to the <see cref="SubproblemPipeline"/> numbered
/// line by line and come back in that order, so the schedule does not depend on the thread count.
/// Sequencing results are cached by (line, sorted product set, start state, start kind, hour
/// price); the sequencing budget is the scheduler's own (fixed per solve), so it is part of the
/// cache's identity by construction.
/// </remarks>
internal sealed class LineScheduler(PlanningInstance inst, ISequencer sequencer, SequencingOptions seqOptions, SubproblemPipeline? pipeline = null)
{
    private readonly ConcurrentDictionary<SequenceKey, Lazy<SequencingResult>> _cache = new();
    private readonly SubproblemPipeline _pipeline = pipeline ?? new SubproblemPipeline(1);

    /// <summary>Sequencing problems solved (cache misses).</summary>
    public long SubproblemsSolved;

    /// <summary>Work units the sequencer spent (deterministic in deterministic mode).</summary>
    public long Work;

    /// <summary>Sequencing results held in the cache.</summary>
    public int CachedResults => _cache.Count;

    /// <summary>
    /// Sequences <paramref name="pattern"/> ([line][bucket] = product set). <paramref name="priority"/>
    /// ([line][bucket][product]) orders products for dropping (lowest first); <paramref name="hourPrice"/>
    /// ([line][bucket]) weighs changeover hours against cost in the sequencer's objective.
    /// <paramref name="forced"/> (line, bucket) gives an order to keep instead of sequencing (the
    /// previous plan's, for plan stability); null or a forbidden order = sequence as usual.
    /// All three are called from worker threads and must be thread-safe (pure reads).
    /// </summary>
    public (LineSchedule Schedule, SetupFixing Fixing) Schedule(
        IReadOnlyList<int>[][] pattern, Func<int, int, int, double> priority, Func<int, int, double> hourPrice, CancellationToken ct,
        Func<int, int, int[]?>? forced = null)
    {
        var L = inst.Lines.Length;
        var T = inst.T;

        // Subproblems in id order: line by line; a carried-state line is one chain over all its
        // buckets, a setup_per_bucket line one subproblem per bucket.
        var chains = new List<(int Line, int From, int To)>();
        for (var l = 0; l < L; l++)
        {
            if (inst.Lines[l].SetupPerBucket)
                for (var t = 0; t < T; t++) chains.Add((l, t, t + 1));
            else
                chains.Add((l, 0, T));
        }
        var result = new BucketSequence[L][];
        var setup = new bool[L][][];
        var minRun = new bool[L][][];
        var hours = new double[L][];
        var cost = new double[L][];
        var frozenCost = 0.0;
        for (var l = 0; l < L; l++)
        {
            var line = inst.Lines[l];
            result[l] = new BucketSequence[T];
            setup[l] = new bool[line.Products.Length][];
            minRun[l] = new bool[line.Products.Length][];
            for (var i = 0; i < line.Products.Length; i++)
            {
                setup[l][i] = new bool[T];
                minRun[l][i] = new bool[T];
            }
            hours[l] = new double[T];
            cost[l] = new double[T];
            FrozenEndState(l, out var c);
            frozenCost += c;
        }

        // Each chain writes its own (line, bucket) cells of the arrays above, on the worker that
        // solved it: no cell is written twice, so the result does not depend on which worker ran it,
        // and the copy is not left to a serial loop after the batch.
        _pipeline.Run("sequencing", chains.Count, id =>
        {
            var (l, from, to) = chains[id];
            var line = inst.Lines[l];
            var (sequences, kinds) = SequenceChain(l, from, to, pattern, priority, hourPrice, forced, ct);
            for (var k = 0; k < sequences.Length; k++)
            {
                var t = from + k;
                var seq = sequences[k];
                result[l][t] = seq;
                hours[l][t] = seq.Hours;
                cost[l][t] = seq.Cost;
                for (var j = 0; j < seq.Order.Length; j++)
                {
                    var i = Array.IndexOf(line.Products, seq.Order[j]);
                    setup[l][i][t] = true;
                    minRun[l][i][t] = j > 0 || NeedsChangeover(line, kinds[k], seq.StartState, seq.Order[0]);
                }
            }
            return true;
        }, ct, cost: id =>
        {
            // a chain's work: its buckets' (exact sequencing is exponential in a set's size)
            var (l, from, to) = chains[id];
            var w = 1.0;
            for (var t = from; t < to; t++) w += PortfolioSequencer.EstimatedWork(pattern[l][t].Count);
            return w;
        });

        var fixing = new SetupFixing
        {
            Setup = setup,
            MinRunApplies = minRun,
            ChangeoverHours = hours,
            ChangeoverCost = cost,
            FrozenChangeoverCost = frozenCost,
            AssetChangeoverHours = Scheduling.ProcessPhysics.Of(inst).ChangeoverAssetHours(inst, result),
        };
        return (new LineSchedule(result), fixing);
    }

    /// <summary>
    /// Buckets [<paramref name="from"/>, <paramref name="to"/>) of line <paramref name="l"/> in time
    /// order (one subproblem chain). A chain that does not start at bucket 0 is a setup_per_bucket
    /// bucket, whose start does not depend on the carried state.
    /// </summary>
    private (BucketSequence[] Sequences, ChangeoverBounds.StartKind[] Kinds) SequenceChain(
        int l, int from, int to, IReadOnlyList<int>[][] pattern, Func<int, int, int, double> priority, Func<int, int, double> hourPrice,
        Func<int, int, int[]?>? forced, CancellationToken ct)
    {
        var line = inst.Lines[l];
        var sequences = new BucketSequence[to - from];
        var kinds = new ChangeoverBounds.StartKind[to - from];
        var carried = FrozenEndState(l, out _);
        for (var t = from; t < to; t++)
        {
            // a cancelled schedule is never used: stop the chain (the pipeline rethrows once the batch drains)
            ct.ThrowIfCancellationRequested();
            var (kind, start) = LineStarts.StartOf(inst, l, t, carried);
            var set = pattern[l][t].Where(p => line.RecipesOfProduct[p].Length > 0).Distinct().ToList();
            if (line.AvailableHours[t] <= 0) set.Clear();
            var price = hourPrice(l, t);
            BucketSequence seq;
            while (true)
            {
                seq = (forced?.Invoke(l, t) is { } keep ? Forced(l, keep.Where(set.Contains).ToArray(), start) : null)
                      ?? PreferDue(l, t, Sequence(l, t, set, start, price, ct), price);
                var drop = seq.Order.Length == 0 && set.Count > 0 || !Fits(l, t, seq, kind);
                if (!drop) break;
                // repair: drop the product valued least by the LP and try again
                var victim = set.OrderBy(p => priority(l, t, p)).ThenByDescending(p => p).First();
                set.Remove(victim);
            }
            sequences[t - from] = seq;
            kinds[t - from] = kind;
            carried = seq.EndState;
        }
        return (sequences, kinds);
    }

    /// <summary>True when a lot of <paramref name="first"/> starting the bucket from <paramref name="state"/> begins with a changeover.</summary>
    public static bool NeedsChangeover(LineInfo line, ChangeoverBounds.StartKind kind, int state, int first)
    {
        if (kind == ChangeoverBounds.StartKind.PerBucketClean) return true; // state lost at the boundary
        if (state < 0) return line.SetupPerBucket; // clean line: the first run needs none
        return state != first;
    }

    /// <summary>Lots that start in the bucket: every run but a first one that continues the carried product.</summary>
    public static int LotStarts(ChangeoverBounds.StartKind kind, BucketSequence seq) =>
        seq.Order.Length == 0 ? 0
        : seq.Order.Length - (kind != ChangeoverBounds.StartKind.PerBucketClean && seq.StartState >= 0 && seq.Order[0] == seq.StartState ? 1 : 0);

    private bool Fits(int l, int t, BucketSequence seq, ChangeoverBounds.StartKind kind) => Fits(inst, l, t, seq, kind);

    /// <summary>True when the bucket's lots respect max_runs_per_bucket and changeovers plus minimum runs fit its hours.</summary>
    public static bool Fits(PlanningInstance inst, int l, int t, BucketSequence seq, ChangeoverBounds.StartKind kind)
    {
        var line = inst.Lines[l];
        if (line.MaxRunsPerBucket is { } maxRuns && LotStarts(kind, seq) > maxRuns) return false;
        var need = seq.Hours;
        for (var k = 0; k < seq.Order.Length; k++)
        {
            var p = seq.Order[k];
            if (k > 0 || NeedsChangeover(line, kind, seq.StartState, p))
            {
                var recipes = line.RecipesOfProduct[p];
                var min = recipes.Min(r => inst.Recipes[r].EffectiveMinRun * inst.Recipes[r].HoursPerUnit);
                if (min > 0) need += min;
            }
        }
        return need <= line.AvailableHours[t] * (1 - 1e-9) + 1e-9 || seq.Order.Length == 0;
    }

    private int FrozenEndState(int l, out double frozenChangeoverCost) => FrozenState(inst, l, out frozenChangeoverCost);

    /// <summary>The line's state after its frozen runs (or its initial state) and their changeover cost.</summary>
    public static int FrozenState(PlanningInstance inst, int l, out double frozenChangeoverCost)
    {
        var line = inst.Lines[l];
        var state = line.SetupPerBucket ? -1 : line.InitialProduct;
        frozenChangeoverCost = 0;
        var lastBucket = -1;
        foreach (var f in inst.FrozenRuns.Where(f => f.Line == l))
        {
            if (line.SetupPerBucket && f.Bucket != lastBucket) state = -1;
            var c = line.Into(state, f.Product);
            if (c is { } e) frozenChangeoverCost += e.Cost;
            state = f.Product;
            lastBucket = f.Bucket;
        }
        return state;
    }

    /// <summary>
    /// In DAY buckets, among the orders of the bucket's products that cost no more changeover than
    /// the sequencer's, the one that runs the products of the orders due earliest first (the timed
    /// zone meets orders due inside the day when the changeovers allow it).
    /// </summary>
    private BucketSequence PreferDue(int l, int t, BucketSequence seq, double hourPrice)
    {
        var n = seq.Order.Length;
        if (inst.Buckets[t].Granularity != Contracts.V1.Granularity.Day || n < 2 || n > MaxPreferDueRuns) return seq;
        var line = inst.Lines[l];
        // due[i]: the earliest due time of the orders for the i-th product of seq.Order in this bucket
        Span<long> due = stackalloc long[n];
        var anyDue = false;
        for (var i = 0; i < n; i++)
        {
            due[i] = _earliestDue.Value.TryGetValue((line.Site, seq.Order[i], t), out var d) ? d.Ticks : DateTime.MaxValue.Ticks;
            anyDue |= due[i] != DateTime.MaxValue.Ticks;
        }
        if (!anyDue) return seq;
        double Weight(ReadOnlySpan<int> perm)
        {
            var w = 0.0;
            var state = seq.StartState;
            foreach (var i in perm)
            {
                var p = seq.Order[i];
                if (line.Into(state, p) is { } e)
                {
                    if (e.Forbidden) return double.PositiveInfinity;
                    w += e.Cost + hourPrice * e.Hours;
                }
                state = p;
            }
            return w;
        }
        // Permutations of the positions 0..n-1 in lexicographic order; the first (the identity) is
        // the sequencer's order, and a later one replaces the best only when strictly earlier due.
        Span<int> perm = stackalloc int[n];
        Span<int> best = stackalloc int[n];
        for (var i = 0; i < n; i++) perm[i] = best[i] = i;
        var limit = Weight(perm);
        limit += 1e-9 * Math.Max(1, Math.Abs(limit));
        var changed = false;
        var keepFirst = seq.StartState >= 0 && seq.Order[0] == seq.StartState; // a continued lot stays first
        while (NextPermutation(perm))
        {
            if (keepFirst && perm[0] != 0) break; // every later permutation moves the continued lot too
            if (CompareDue(due, perm, best) < 0 && Weight(perm) <= limit)
            {
                perm.CopyTo(best);
                changed = true;
            }
        }
        if (!changed) return seq;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = seq.Order[best[i]];
        return Forced(l, order, seq.StartState) ?? seq;
    }

    /// <summary>Most runs in a bucket whose orders <see cref="PreferDue"/> enumerates (6! = 720).</summary>
    private const int MaxPreferDueRuns = 6;

    /// <summary>Earliest due time of the orders per (site, product, due bucket), built on first use.</summary>
    private readonly Lazy<Dictionary<(int Site, int Product, int Bucket), DateTime>> _earliestDue = new(() =>
        inst.Orders.GroupBy(o => (o.Site, o.Product, o.DueBucket)).ToDictionary(g => g.Key, g => g.Min(o => o.Due)));

    /// <summary>Compares two permutations of positions by the due times they run in, first run first.</summary>
    private static int CompareDue(ReadOnlySpan<long> due, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = due[a[i]].CompareTo(due[b[i]]);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Rearranges <paramref name="perm"/> into the next permutation in lexicographic order; false after the last.</summary>
    private static bool NextPermutation(Span<int> perm)
    {
        var i = perm.Length - 2;
        while (i >= 0 && perm[i] >= perm[i + 1]) i--;
        if (i < 0) return false;
        var j = perm.Length - 1;
        while (perm[j] <= perm[i]) j--;
        (perm[i], perm[j]) = (perm[j], perm[i]);
        perm[(i + 1)..].Reverse();
        return true;
    }

    /// <summary>The given order from <paramref name="start"/>; null when a transition of it is forbidden.</summary>
    private BucketSequence? Forced(int l, int[] order, int start)
    {
        if (order.Length == 0) return BucketSequence.Empty(start);
        var line = inst.Lines[l];
        double hours = 0, cost = 0;
        var state = start;
        foreach (var p in order)
        {
            if (line.Into(state, p) is { } e)
            {
                if (e.Forbidden) return null;
                hours += e.Hours;
                cost += e.Cost;
            }
            state = p;
        }
        return new BucketSequence { Order = order, StartState = start, EndState = order[^1], Hours = hours, Cost = cost };
    }

    /// <summary>Best order of <paramref name="set"/> from <paramref name="start"/>; an empty order when none is allowed.</summary>
    private BucketSequence Sequence(int l, int t, List<int> set, int start, double hourPrice, CancellationToken ct)
    {
        var line = inst.Lines[l];
        if (set.Count == 0) return BucketSequence.Empty(start);
        var sorted = set.OrderBy(p => p).ToArray();
        var key = new SequenceKey(l, start, line.SetupPerBucket, hourPrice, new IndexSet(sorted));
        // Lazy: a key is solved once even when two workers ask for it at the same moment, so the
        // subproblem count (and the work) do not depend on the thread count.
        var lazy = _cache.GetOrAdd(key, k => new Lazy<SequencingResult>(() => Solve(k, ct), LazyThreadSafetyMode.ExecutionAndPublication));
        var res = lazy.Value;
        // A cancelled answer is partial: never keep it for a later round.
        if (res.StopReason == SequencingStopReason.Cancelled) _cache.TryRemove(new KeyValuePair<SequenceKey, Lazy<SequencingResult>>(key, lazy));
        if (!res.HasOrder) return new BucketSequence { Order = [], StartState = start, EndState = start };
        var order = res.Order.Select(i => sorted[i]).ToArray();
        double hours = 0, cost = 0;
        var state = start;
        foreach (var p in order)
        {
            if (line.Into(state, p) is { } e)
            {
                hours += e.Hours;
                cost += e.Cost;
            }
            state = p;
        }
        return new BucketSequence { Order = order, StartState = start, EndState = order[^1], Hours = hours, Cost = cost };
    }

    private SequencingResult Solve(SequenceKey key, CancellationToken ct)
    {
        var line = inst.Lines[key.Line];
        var sorted = key.Products.Items;
        var n = sorted.Length;
        var w = new double[n * n]; // row-major, the diagonal unused
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                if (a == b) continue;
                var e = line.Changeover[sorted[a], sorted[b]];
                w[a * n + b] = e.Forbidden ? double.PositiveInfinity : e.Cost + key.HourPrice * e.Hours;
            }
        double[]? startW = null;
        if (key.Start >= 0 || line.SetupPerBucket)
        {
            startW = new double[n];
            for (var b = 0; b < n; b++)
            {
                var e = line.Into(key.Start, sorted[b]);
                startW[b] = e is not { } c ? 0.0 : c.Forbidden ? double.PositiveInfinity : c.Cost + key.HourPrice * c.Hours;
            }
        }
        var res = sequencer.Solve(SequencingProblem.FromRows(n, w, startW), seqOptions, ct);
        Interlocked.Increment(ref SubproblemsSolved);
        Interlocked.Add(ref Work, res.Work);
        return res;
    }

    /// <summary>Identity of a sequencing subproblem: the weights follow from these alone (products sorted).</summary>
    private readonly record struct SequenceKey(int Line, int Start, bool PerBucket, double HourPrice, IndexSet Products);
}
