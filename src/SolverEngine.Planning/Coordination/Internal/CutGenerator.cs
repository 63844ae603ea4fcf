using System.Collections.Concurrent;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// Makes <see cref="SetupCut"/>s: proven lower bounds on the changeover hours (or cost) of a set
/// of products on a line in a bucket, valid for every superset of the set and every state the
/// bucket can start from.
/// </summary>
/// <remarks>
/// The bound is the sequencer's proven lower bound on the shortest-path closure of the line's
/// changeover matrix (over the line's products, forbidden arcs left out). Any executable order of
/// a superset S' of S visits S's products in some order; between two consecutive ones it passes
/// through other products, which costs at least the closure's arc; so its changeovers cost at
/// least the closure tour of S. The first product: with an unknown carried state the closure
/// problem starts free (any state could be the first product itself); with a known state (horizon
/// start, after frozen runs, or the "any" row of setup_per_bucket lines) it starts from the
/// closure of that state's row. Repeated lots of one product fit the same argument.
/// </remarks>
/// <para>Cut bounds of a separation round are computed as one batch on the
/// <see cref="SubproblemPipeline"/> (results in request order) and cached: a bound depends only on
/// the line, the positions, the kind and the start row used (unknown, clean or a known state), so
/// buckets that share them share one sequencing solve.</para>
internal sealed class CutGenerator
{
    private readonly PlanningInstance _inst;
    private readonly ISequencer _sequencer;
    private readonly SequencingOptions _options;
    private readonly SubproblemPipeline _pipeline;
    private readonly double[][,] _closureHours;
    private readonly double[][,] _closureCost;
    private readonly ConcurrentDictionary<BoundKey, double> _cache = new();

    /// <summary>Sequencing problems solved (cache misses).</summary>
    public long SubproblemsSolved;

    /// <summary>Work units the sequencer spent.</summary>
    public long Work;

    /// <summary>One bound to compute: positions are indices into the line's products.</summary>
    public readonly record struct Request(int Line, int Bucket, int[] Positions, SetupCutKind Kind);

    public CutGenerator(PlanningInstance inst, ISequencer sequencer, SequencingOptions options, SubproblemPipeline? pipeline = null)
    {
        _inst = inst;
        _sequencer = sequencer;
        _options = options;
        _pipeline = pipeline ?? new SubproblemPipeline(1);
        _closureHours = inst.Lines.Select(l => Closure(l, e => e.Hours)).ToArray();
        _closureCost = inst.Lines.Select(l => Closure(l, e => e.Cost)).ToArray();
    }

    private static double[,] Closure(LineInfo line, Func<ChangeoverEntry, double> w)
    {
        var n = line.Products.Length;
        var d = new double[n, n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                if (a == b) { d[a, b] = 0; continue; }
                var e = line.Changeover[line.Products[a], line.Products[b]];
                d[a, b] = e.Forbidden ? double.PositiveInfinity : w(e);
            }
        for (var k = 0; k < n; k++)
            for (var a = 0; a < n; a++)
                for (var b = 0; b < n; b++)
                    if (d[a, k] + d[k, b] < d[a, b]) d[a, b] = d[a, k] + d[k, b];
        return d;
    }

    /// <summary>The bounds of <paramref name="requests"/>, in request order (see <see cref="Bound"/>).</summary>
    /// <remarks>
    /// Requests that share a bound (the same cache key: line, kind, start row, set; typically the
    /// same set in several buckets) are computed once, and keys already cached not at all. The
    /// distinct new ones run largest set first (see <see cref="SubproblemPipeline.Run{TResult}"/>).
    /// Not for concurrent calls on one generator (the coordinator calls it from its own thread):
    /// two would both solve a key neither had cached.
    /// </remarks>
    public double[] Bounds(IReadOnlyList<Request> requests, CancellationToken ct)
    {
        var slotOf = new Dictionary<BoundKey, int>();
        var keys = new List<BoundKey>();    // distinct keys, in request order
        var distinct = new List<int>();     // first request of each key
        var slots = new int[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var key = KeyOf(requests[i].Line, requests[i].Bucket, requests[i].Positions, requests[i].Kind);
            if (!slotOf.TryGetValue(key, out var slot))
            {
                slot = keys.Count;
                slotOf.Add(key, slot);
                keys.Add(key);
                distinct.Add(i);
            }
            slots[i] = slot;
        }
        // Cached keys answered here; the rest solved on the pipeline straight from Compute, which
        // touches nothing shared (the cache's lazy values and locks stay out of the parallel part),
        // and cached afterwards on this thread.
        var values = new double[keys.Count];
        var missing = new List<int>();
        for (var k = 0; k < keys.Count; k++)
        {
            if (_cache.TryGetValue(keys[k], out var cached)) values[k] = cached;
            else missing.Add(k);
        }
        var solved = _pipeline.Run("cuts", missing.Count, m =>
        {
            var r = requests[distinct[missing[m]]];
            var key = keys[missing[m]];
            return Compute(r.Line, r.Positions, r.Kind, key.KnownStart, key.State, ct);
        }, ct, cost: m => PortfolioSequencer.EstimatedWork(requests[distinct[missing[m]]].Positions.Length));
        for (var m = 0; m < missing.Count; m++)
        {
            values[missing[m]] = solved[m];
            // A bound computed while cancelling is still valid (a proven bound), but may be weak: do not keep it.
            // The cache outlives the request: it keeps its own copy of the positions.
            if (!ct.IsCancellationRequested) _cache.TryAdd(keys[missing[m]] with { Positions = new IndexSet([.. keys[missing[m]].Positions.Items]) }, solved[m]);
        }
        var bounds = new double[requests.Count];
        for (var i = 0; i < bounds.Length; i++) bounds[i] = values[slots[i]];
        return bounds;
    }

    /// <summary>
    /// Proven lower bound on the changeover of <paramref name="positions"/> (indices into the line's
    /// products) in bucket <paramref name="t"/>; +inf when no order of any superset is allowed.
    /// </summary>
    public double Bound(int l, int t, int[] positions, SetupCutKind kind, CancellationToken ct) =>
        positions.Length == 0 ? 0 : Bounds([new Request(l, t, positions, kind)], ct)[0];

    private readonly record struct BoundKey(int Line, SetupCutKind Kind, bool KnownStart, int State, IndexSet Positions);

    /// <summary>What a bound depends on: the line, the kind, the start row of the bucket (unknown, or the known state) and the set.</summary>
    private BoundKey KeyOf(int l, int t, int[] positions, SetupCutKind kind)
    {
        var (startKind, state) = LineStarts.BoundKind(_inst, l, t);
        var knownStart = startKind != ChangeoverBounds.StartKind.Unknown && (state >= 0 || _inst.Lines[l].SetupPerBucket);
        return new BoundKey(l, kind, knownStart, knownStart ? state : -2, new IndexSet(positions));
    }

    private double Compute(int l, int[] positions, SetupCutKind kind, bool knownStart, int state, CancellationToken ct)
    {
        var line = _inst.Lines[l];
        var closure = kind == SetupCutKind.Hours ? _closureHours[l] : _closureCost[l];
        Func<ChangeoverEntry, double> w = kind == SetupCutKind.Hours ? e => e.Hours : e => e.Cost;
        var n = positions.Length;
        if (n == 0) return 0;
        var m = line.Products.Length;
        var weights = new double[n * n]; // row-major, the diagonal unused
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
                if (a != b) weights[a * n + b] = closure[positions[a], positions[b]];

        double[]? start = null;
        if (knownStart)
        {
            // closure of the start row: enter any line product from the state, then follow closure arcs
            var d0 = new double[m];
            for (var a = 0; a < m; a++)
            {
                var e = line.Into(state, line.Products[a]);
                d0[a] = e is not { } c ? 0 : c.Forbidden ? double.PositiveInfinity : w(c);
            }
            start = new double[n];
            for (var b = 0; b < n; b++)
            {
                var best = double.PositiveInfinity;
                for (var a = 0; a < m; a++) best = Math.Min(best, d0[a] + closure[a, positions[b]]);
                start[b] = best;
            }
        }
        var res = _sequencer.Solve(SequencingProblem.FromRows(n, weights, start), _options, ct);
        Interlocked.Increment(ref SubproblemsSolved);
        Interlocked.Add(ref Work, res.Work);
        return res.Status == SequencingStatus.Infeasible ? double.PositiveInfinity : Math.Max(0, res.LowerBound);
    }
}
