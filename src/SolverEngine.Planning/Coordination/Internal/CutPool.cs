using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// Cut management of the coordination loop: which <see cref="SetupCut"/>s the aggregate LP carries.
/// <list type="bullet">
/// <item><b>Keep active cuts, age out slack ones.</b> After every relaxation, a cut that is slack at
/// the LP point ages by one round; one that is binding (or violated) is young again. A cut slack
/// for <see cref="MaxSlackRounds"/> rounds in a row leaves the LP; its key is released, so the
/// separation adds it back (its bound is cached: no new sequencing) if an LP point violates it again.</item>
/// <item><b>Never drop what the bound depends on.</b> The cuts binding in the relaxation that gave the
/// reported lower bound are pinned until a later relaxation gives a higher one: the LP that proves
/// the bound the caller sees keeps every row it was proven with.</item>
/// <item><b>Share across buckets.</b> A new cut on (line, set S, kind) in bucket t also holds in every
/// bucket t' of the line that starts from the same row (the same <see cref="LineStarts.BoundKind"/>):
/// its bound is a proven bound of the closure tour of S from that start row, which does not depend on
/// the bucket's hours or on anything else of the bucket (see <see cref="CutGenerator"/>). The one
/// bound that does, "no order of S exists, so at most |S| - 1 of S", takes each bucket's own hours
/// (<see cref="RowBound"/>). A shared copy is added only where the LP point violates it, so the LP
/// does not grow with copies that would be slack.</item>
/// </list>
/// The pool owns no list: it manages the coordinator's (the cuts, and the keys the separation uses to
/// skip known cuts), so the set-up MIP and the exact search see the same active cuts.
/// </summary>
internal sealed class CutPool
{
    /// <summary>Default of <see cref="MaxSlackRounds"/>.</summary>
    public const int DefaultMaxSlackRounds = 5;

    private const double Tolerance = 1e-6;
    private readonly PlanningInstance _inst;
    private readonly AggregateModel _model;
    private readonly CutGenerator _generator;
    private readonly Dictionary<SetupCut, int> _slackRounds = new(ReferenceEqualityComparer.Instance);
    private HashSet<SetupCut> _pinned = new(ReferenceEqualityComparer.Instance);
    private readonly List<SetupCut> _made = [];

    public CutPool(PlanningInstance inst, AggregateModel model, CutGenerator generator, int maxSlackRounds = DefaultMaxSlackRounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSlackRounds, 1);
        _inst = inst;
        _model = model;
        _generator = generator;
        MaxSlackRounds = maxSlackRounds;
    }

    /// <summary>Rounds a cut may stay slack before it leaves the LP.</summary>
    public int MaxSlackRounds { get; }

    /// <summary>Cuts retired so far (a cut retired twice counts twice).</summary>
    public int Retired { get; private set; }

    /// <summary>Shared copies added so far.</summary>
    public int Shared { get; private set; }

    /// <summary>Every cut the loop ever added (separated or shared), retired ones included: for tests and diagnostics.</summary>
    public IReadOnlyList<SetupCut> Made => _made;

    /// <summary>The separation key of a cut: at most one active cut per (line, bucket, kind, set).</summary>
    public static string Key(int line, int bucket, SetupCutKind kind, IEnumerable<int> positions) =>
        $"{line}|{bucket}|{kind}|{string.Join(',', positions)}";

    /// <summary>
    /// The right-hand bound of a cut from a generator bound <paramref name="raw"/>: +inf (no order of
    /// any superset is allowed) becomes "at most |S| - 1 set up", as hours above the bucket's
    /// <paramref name="availableHours"/> (the capacity row then forbids all of S); a cost cut has no
    /// such form (null). Null also when the bound is 0 (the row would say nothing).
    /// </summary>
    public static double? RowBound(double raw, SetupCutKind kind, double availableHours)
    {
        var bound = double.IsPositiveInfinity(raw) ? kind == SetupCutKind.Hours ? availableHours + 1 : 0 : raw;
        return bound > 0 ? bound : null;
    }

    /// <summary>Records a cut the separation added.</summary>
    public void Added(SetupCut cut) => _made.Add(cut);

    /// <summary>
    /// The relaxation at <paramref name="values"/> gave the reported lower bound: pins the cuts binding
    /// there (and releases the pins of the relaxation it replaces).
    /// </summary>
    public void PinBinding(double[] values, IReadOnlyList<SetupCut> cuts)
    {
        var pinned = new HashSet<SetupCut>(ReferenceEqualityComparer.Instance);
        foreach (var cut in cuts)
            if (Slack(cut, values) is { } slack && slack <= Tolerance * Math.Max(1, cut.Bound)) pinned.Add(cut);
        _pinned = pinned;
    }

    /// <summary>
    /// Ages the cuts at a relaxation point and retires those slack for <see cref="MaxSlackRounds"/>
    /// rounds (never a pinned one). Returns how many left the LP.
    /// </summary>
    public int Age(double[] values, List<SetupCut> cuts, HashSet<string> keys)
    {
        var retired = 0;
        for (var k = cuts.Count - 1; k >= 0; k--)
        {
            var cut = cuts[k];
            var slack = Slack(cut, values);
            if (slack is null || slack <= Tolerance * Math.Max(1, cut.Bound) || _pinned.Contains(cut))
            {
                _slackRounds[cut] = 0;
                continue;
            }
            var rounds = _slackRounds.GetValueOrDefault(cut) + 1;
            if (rounds < MaxSlackRounds)
            {
                _slackRounds[cut] = rounds;
                continue;
            }
            cuts.RemoveAt(k);
            keys.Remove(Key(cut.Line, cut.Bucket, cut.Kind, cut.Positions));
            _slackRounds.Remove(cut);
            retired++;
        }
        Retired += retired;
        return retired;
    }

    /// <summary>
    /// Shares <paramref name="fresh"/> cuts with the other buckets of their line that start from the same
    /// row, where <paramref name="values"/> violates the copy. Returns how many copies were added.
    /// </summary>
    public int Share(IReadOnlyList<SetupCut> fresh, double[] values, List<SetupCut> cuts, HashSet<string> keys, CancellationToken ct)
    {
        var added = 0;
        foreach (var cut in fresh)
        {
            var l = cut.Line;
            var start = LineStarts.BoundKind(_inst, l, cut.Bucket);
            for (var t = 0; t < _inst.T; t++)
            {
                if (t == cut.Bucket || ct.IsCancellationRequested) continue;
                if (Target(l, t, cut.Kind) < 0 || LineStarts.BoundKind(_inst, l, t) != start) continue;
                var key = Key(l, t, cut.Kind, cut.Positions);
                if (keys.Contains(key)) continue;
                // the same start row: the generator's cache answers with the bound it proved for cut.Bucket
                var raw = _generator.Bound(l, t, cut.Positions, cut.Kind, ct);
                if (RowBound(raw, cut.Kind, _inst.Lines[l].AvailableHours[t]) is not { } bound) continue;
                var copy = new SetupCut(l, t, cut.Positions, cut.Kind, bound);
                if (Slack(copy, values) is not { } slack || slack >= -Tolerance * Math.Max(1, bound)) continue; // not violated: not worth a row
                keys.Add(key);
                cuts.Add(copy);
                _made.Add(copy);
                added++;
            }
        }
        Shared += added;
        return added;
    }

    private int Target(int l, int t, SetupCutKind kind) => kind == SetupCutKind.Hours ? _model.Co[l][t] : _model.Cc[l][t];

    /// <summary>co - Bound * (sum_S y - |S| + 1) at the point: negative = violated; null when the bucket has no column.</summary>
    private double? Slack(SetupCut cut, double[] values)
    {
        var target = Target(cut.Line, cut.Bucket, cut.Kind);
        if (target < 0) return null;
        var activity = 1.0 - cut.Positions.Length;
        foreach (var i in cut.Positions) activity += values[_model.Y[cut.Line][i][cut.Bucket]];
        return values[target] - cut.Bound * activity;
    }
}
