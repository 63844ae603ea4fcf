using SolverEngine.Planning.Aggregate;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination;

// Growing a held plan: more production where it still fits in time, never less anywhere.
internal sealed partial class Coordinator
{
    /// <summary>Most LP solves one growth of a plan may take (after each, buckets that did not fit go back).</summary>
    private const int MaxGrowRounds = 40;

    /// <summary>
    /// From a held plan, its set-ups and sequences kept: the fixed set-up LP with every quantity at
    /// least the plan's and free to grow up to the line's hours, then the timed placement. Buckets
    /// that do not fit go back to exactly the plan's quantities, per site and earliest first, and the LP
    /// is solved again, until the placement fits. The plan's own quantities fit, so the growth ends, and
    /// its LP cost is at most the plan's (the plan is a point of it).
    /// <para>Why: the timing repair that made the plan only takes quantity away (until the first plan it
    /// freezes every quantity), and on generated L it took most of the demand's production (LP 281 M at
    /// the first placement, 1.57 billion after); the unfrozen repair of the next cut-loop round did not end
    /// within 600 s. A grow step that let the repair run on (tried on 2026-12-07) ended dearer: the
    /// quantity came back into the buckets that did not fit and the repair took more besides. Here a
    /// bucket that does not fit is the plan's again, so nothing is lost.</para>
    /// </summary>
    internal Candidate? Grow(Candidate from, Action<Candidate> onFound, CancellationToken ct)
    {
        if (from.Timed is null) return null;
        var T = _inst.T;
        var held = new double[_inst.Recipes.Length][];
        for (var r = 0; r < held.Length; r++)
        {
            held[r] = new double[T];
            for (var t = 0; t < T; t++) held[r][t] = Quantity(from.Values, r, t);
        }
        var back = new bool[_inst.Sites.Length, T]; // (site, bucket) at exactly the held plan's quantities
        // one model for every round: each round sets every quantity's bounds afresh (the batch rounding fixes some);
        // a quantity may grow up to what its line's hours allow, its bound as built
        var lm = _model.Build(from.Fixing, Array.Empty<SetupCut>(), ct);
        var mostByHours = _model.X.Select(xs => xs.Select(x => x < 0 ? 0 : lm.UpperBound(new Variable(x))).ToArray()).ToArray();
        Candidate? grown = null;
        for (var round = 0; round < MaxGrowRounds; round++)
        {
            if (ct.IsCancellationRequested || OutOfTime) return grown;
            var roundStart = _clock.Elapsed;
            foreach (var recipe in _inst.Recipes)
            {
                var site = _inst.Lines[recipe.Line].Site;
                for (var t = 0; t < T; t++)
                {
                    var x = _model.X[recipe.Index][t];
                    if (x < 0) continue;
                    var q = held[recipe.Index][t];
                    lm.SetBounds(new Variable(x), q, back[site, t] ? q : Math.Max(q, mostByHours[recipe.Index][t]));
                }
            }
            // the held plan's lanes only: its point stays feasible, and pricing the others in took half of each solve on generated L
            var lp = Solve(lm, ct, out _, candidate: true, lanesOf: from.Values);
            if (lp is null) return grown; // stopped (the held plan is a point of this LP)
            var values = lp.Value.Values;
            var (timed, failures) = _timer.Place(from.Schedule, (r, t) => Quantity(values, r, t), ct);
            if (timed is not null)
            {
                var c = Timed(values, from.Schedule, from.Fixing, lp.Value.Objective, timed);
                if (Improves(c, from))
                {
                    grown = c;
                    onFound(c);
                }
                return grown;
            }
            // Patient: per site the earliest buckets that did not fit go back, as few as the rounds the time
            // left allows (one per round when it allows enough); the later ones may have failed only on the tank
            // levels the earlier ones' growth left them (generated M: 33,990,566 -> 30,013,359 in 17 rounds,
            // against 31,878,888 in 2 with every failed bucket back at once). In the last round every failed
            // bucket goes back, and a bucket already back takes all its site's earlier buckets with it.
            var roundTime = _clock.Elapsed - roundStart;
            var roundsLeft = MaxGrowRounds - round - 1;
            if (!_settings.Deterministic && roundTime > TimeSpan.Zero)
                roundsLeft = (int)Math.Min(roundsLeft, (_settings.TimeLimit - _clock.Elapsed) / roundTime - 1);
            var last = roundsLeft <= 1;
            var any = false;
            var failedBySite = failures.SelectMany(f => f.Stuck.Select(x => (Site: _inst.Lines[x.Line].Site, f.Bucket))).Distinct().GroupBy(x => x.Site, x => x.Bucket);
            foreach (var failedAt in failedBySite)
            {
                var site = failedAt.Key;
                var failed = failedAt.Order().ToList();
                var take = last ? failed.Count : (failed.Count + roundsLeft - 1) / roundsLeft;
                foreach (var t in failed.Take(take))
                {
                    if (!back[site, t]) { back[site, t] = any = true; continue; }
                    // already the plan's quantities: the site's tanks entered the bucket at other levels
                    for (var u = t - 1; u >= 0; u--)
                    {
                        if (back[site, u]) continue;
                        back[site, u] = any = true;
                        if (!last) break; // the nearest grown bucket first
                    }
                }
            }
            if (!any) return grown; // nothing left to send back (not expected: the held plan fits)
        }
        return grown;
    }
}
