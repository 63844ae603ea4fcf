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
internal sealed class CutGenerator
{
    private readonly PlanningInstance _inst;
    private readonly ISequencer _sequencer;
    private readonly SequencingOptions _options;
    private readonly double[][,] _closureHours;
    private readonly double[][,] _closureCost;

    public long SubproblemsSolved;

    public CutGenerator(PlanningInstance inst, ISequencer sequencer, SequencingOptions options)
    {
        _inst = inst;
        _sequencer = sequencer;
        _options = options;
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

    /// <summary>
    /// Proven lower bound on the changeover of <paramref name="positions"/> (indices into the line's
    /// products) in bucket <paramref name="t"/>; +inf when no order of any superset is allowed.
    /// </summary>
    public double Bound(int l, int t, int[] positions, SetupCutKind kind, CancellationToken ct)
    {
        var line = _inst.Lines[l];
        var closure = kind == SetupCutKind.Hours ? _closureHours[l] : _closureCost[l];
        Func<ChangeoverEntry, double> w = kind == SetupCutKind.Hours ? e => e.Hours : e => e.Cost;
        var n = positions.Length;
        if (n == 0) return 0;
        var m = line.Products.Length;
        var weights = new double[n, n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
                weights[a, b] = a == b ? 0 : closure[positions[a], positions[b]];

        var (startKind, state) = LineStarts.BoundKind(_inst, l, t);
        double[]? start = null;
        if (startKind != ChangeoverBounds.StartKind.Unknown && (state >= 0 || line.SetupPerBucket))
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
        Interlocked.Increment(ref SubproblemsSolved);
        var res = _sequencer.Solve(new SequencingProblem(weights, startWeights: start), _options, ct);
        return res.Status == SequencingStatus.Infeasible ? double.PositiveInfinity : Math.Max(0, res.LowerBound);
    }
}
