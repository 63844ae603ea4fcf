using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;
using SolverEngine.Planning.Scheduling;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// The repair for buckets whose runs cannot be placed in time (shared assets busy, a tank not
/// yet filled or not yet drained): upper bounds on the stuck runs' recipes in that bucket, put on
/// the fixed set-up LP so its quantity moves to other buckets or to backlog. The first two times a
/// (line, bucket) gets stuck the run keeps half of its quantity, after that none of it; so the
/// repair ends (a bucket with nothing to place always fits). In a hurry (past the time limit, or
/// from the third round of a candidate's repair) the stuck run keeps only what was placed, and a
/// (line, bucket) stuck again gives up 1, 3, 7, ... times its shortfall more, so the repair ends in
/// few rounds. Only the run a line got stuck on is capped: the runs after it were never tried, and
/// capping them too (in a hurry, until 2026-12-07) took most of a first plan's production (generated
/// M: 39.3 M against 34.0 M). Before the first plan the coordinator also freezes every quantity
/// (<see cref="Freeze"/>).
/// </summary>
internal sealed class TimingCaps
{
    private readonly Dictionary<(int Recipe, int Bucket), double> _caps = [];
    private readonly Dictionary<(int Line, int Bucket), int> _strikes = [];
    private readonly Dictionary<(int Line, int Bucket), int> _hurryStrikes = [];

    public int Count => _caps.Count;

    /// <param name="hurry">Out of time: the stuck run keeps nothing beyond what was placed at once (fewer rounds).</param>
    public void Add(TimingFailure failure, PlanningInstance inst, bool hurry = false)
    {
        foreach (var s in failure.Stuck)
        {
            // the run the line got stuck on; the runs after it were not tried
            if (!s.First) continue;
            var key = (s.Line, failure.Bucket);
            var strikes = _strikes.GetValueOrDefault(key);
            _strikes[key] = strikes + 1;
            var cap = s.Placed + (strikes < 2 && !hurry ? 0.5 * s.Quantity : 0.0);
            if (hurry)
            {
                // stuck again in a hurry: the run it got stuck on gives up twice the last shortfall more each time
                // (generated L: a run whose start moves as it shrinks kept 137 of ~1,470 units unplaced round after
                // round; keeping only what was placed took 10 rounds to drain it)
                var repeats = _hurryStrikes.GetValueOrDefault(key);
                _hurryStrikes[key] = repeats + 1;
                cap = Math.Max(0, cap - (Math.Pow(2, Math.Min(repeats, 30)) - 1) * s.Quantity);
            }
            var batch = inst.Recipes[s.Recipe].BatchSize;
            if (batch > 0) cap = Math.Floor(cap / batch + 1e-9) * batch;
            Tighten(s.Recipe, failure.Bucket, cap);
        }
    }

    /// <summary>
    /// Every recipe's quantity in every bucket at most <paramref name="quantity"/> (the last placed
    /// candidate's): the LP may then take quantity away but never move it into a bucket that fitted,
    /// where it would get stuck in turn.
    /// </summary>
    public void Freeze(PlanningInstance inst, Func<int, int, double> quantity)
    {
        for (var r = 0; r < inst.Recipes.Length; r++)
            for (var t = 0; t < inst.T; t++)
                Tighten(r, t, quantity(r, t));
    }

    /// <summary>Caps recipe <paramref name="recipe"/> in <paramref name="bucket"/> at <paramref name="cap"/> unless a lower cap holds already.</summary>
    private void Tighten(int recipe, int bucket, double cap) =>
        _caps[(recipe, bucket)] = Math.Min(_caps.GetValueOrDefault((recipe, bucket), double.PositiveInfinity), cap);

    /// <summary>Most of product <paramref name="product"/> line <paramref name="line"/> may make in bucket <paramref name="bucket"/> under the caps (infinite where a recipe is uncapped).</summary>
    public double Allows(PlanningInstance inst, int line, int product, int bucket)
    {
        var total = 0.0;
        foreach (var r in inst.Lines[line].RecipesOfProduct[product])
        {
            if (!_caps.TryGetValue((r, bucket), out var cap)) return double.PositiveInfinity;
            total += cap;
        }
        return total;
    }

    public void Apply(LinearModel lm, AggregateModel model)
    {
        foreach (var ((r, t), cap) in _caps)
        {
            var x = model.X[r][t];
            if (x < 0) continue;
            var v = new Variable(x);
            var lo = lm.LowerBound(v);
            lm.SetBounds(v, Math.Min(lo, cap), Math.Min(lm.UpperBound(v), cap));
        }
    }
}
