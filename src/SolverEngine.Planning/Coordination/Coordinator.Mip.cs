using System.Globalization;
using System.Text;
using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Solvers;
using SolveStatus = SolverEngine.Solvers.SolveStatus;

namespace SolverEngine.Planning.Coordination;

// The set-up MIP: the aggregate model with integer set-ups, solved by Cbc. It is a relaxation of
// every executable plan (changeover hours and cost bounded below by proven bounds and cuts), so
// (1) its best bound is a valid lower bound, (2) "infeasible" proves that no executable plan
// exists, and (3) its set-up pattern, sequenced and evaluated, is usually a far better incumbent
// than rounding the LP - on lines with sequence-independent set-ups it is the exact lot-sizing MIP.
internal sealed partial class Coordinator
{
    /// <summary>What one run of the set-up MIP found.</summary>
    internal readonly record struct MipOutcome(Candidate? Best, double LowerBound, bool ProvenInfeasible, int CutsAdded);

    /// <summary>Share of the time left that one set-up MIP solve may take.</summary>
    private const double MipTimeShare = 0.8;

    /// <summary>
    /// Share of the whole time limit the first set-up MIP run of a solve may take. Its pattern is
    /// evaluated and streamed, and the next run starts from it with the usual share: one long run
    /// streamed nothing until its end (on multi-plant MUST_MEET instances, where rounding the LP
    /// gives no executable plan, the first plan came at 80 % of the time limit).
    /// </summary>
    private const double FirstMipRunShare = 0.1;

    /// <summary>
    /// Share of the whole time limit fix-and-optimize may take between the first set-up MIP run and the
    /// next. On the multi-plant instances its neighbourhoods improved the MIP's pattern by 2-3 % within
    /// seconds each, where the long second MIP run improved it by under 1 %; run only after that run,
    /// they streamed those plans at 80 % of the limit.
    /// </summary>
    private const double FixAndOptimizeAfterSliceShare = 0.2;

    /// <summary>Least time worth starting a set-up MIP with.</summary>
    private static readonly TimeSpan MipMinTime = TimeSpan.FromSeconds(0.5);

    private TimeSpan Remaining => _settings.TimeLimit - _clock.Elapsed;

    /// <summary>
    /// True when the set-up MIP is small enough to try (set-up variables within the setting). Not in
    /// deterministic mode: a time-limited Cbc run is not repeatable (what it finds depends on the clock).
    /// </summary>
    private bool MipApplies => _mip is not null && !_settings.Deterministic && _settings.MipMaxSetups > 0 && SetupCount() <= _settings.MipMaxSetups;

    /// <summary>
    /// Solves the set-up MIP (with <paramref name="cuts"/>), sequences its pattern and evaluates it;
    /// where the sequences need more changeover than the MIP allowed, adds the violated cuts and
    /// solves again, for at most <paramref name="rounds"/> rounds or until time runs out.
    /// </summary>
    /// <param name="rescue">Deterministic mode's rescue (no plan otherwise): its one round runs whatever the work budget says.</param>
    /// <param name="onFound">Called with each round's evaluated pattern as soon as it exists (the caller streams it).</param>
    /// <param name="afterSlice">Improves the best plan after the first run was cut short by its slice (fix-and-optimize); the next run starts from what it returns.</param>
    internal MipOutcome RunSetupMip(List<SetupCut> cuts, HashSet<string> cutKeys, Candidate? incumbent, int rounds, CancellationToken ct,
        bool rescue = false, Action<Candidate>? onFound = null, Func<Candidate, Candidate>? afterSlice = null)
    {
        Candidate? best = null;
        var lower = double.NegativeInfinity;
        var added = 0;
        for (var round = 0; round < rounds; round++)
        {
            if (ct.IsCancellationRequested || (!rescue && (_settings.Deterministic ? OutOfTime : Remaining < MipMinTime))) break;
            var lm = _model.Build(null, cuts, ct);
            if (CbcWouldOverrunLimit(lm)) break; // Cbc would run past the time limit in its root LP
            foreach (var perLine in _model.Y)
                foreach (var perProduct in perLine)
                    foreach (var y in perProduct)
                        if (y >= 0) lm.SetInteger(new Variable(y), true);
            var share = TimeSpan.FromTicks((long)(Remaining.Ticks * MipTimeShare));
            // the first run is a slice of the limit, so its pattern streams early; the next run goes on from it
            var slice = round == 0 ? TimeSpan.FromTicks((long)(_settings.TimeLimit.Ticks * FirstMipRunShare)) : share;
            var sliced = !_settings.Deterministic && slice < share && slice >= MipMinTime;
            var options = _settings.Deterministic
                ? DeterministicMipOptions(lm, firstSolution: true) // a rescue: the first executable pattern (seconds, not minutes)
                : new SolverOptions { TimeLimit = sliced ? slice : share, RelativeGap = Math.Max(_settings.RelativeGap, 1e-6) };
            var r = RunCbc(lm, options, StartFrom(Better(incumbent, best)), ct);
            if (r.Status == SolveStatus.Infeasible) return new MipOutcome(best, lower, round == 0 && best is null, added);
            // Cbc's bound is valid whether it finished or stopped (each round has more cuts: take the largest)
            if (double.IsFinite(r.BestBound)) lower = Math.Max(lower, r.BestBound);
            var cutShort = sliced && r.Status != SolveStatus.Optimal && !ct.IsCancellationRequested;
            if (!r.HasSolution)
            {
                if (cutShort) continue; // no pattern in the slice: the next run gets the full share
                break;
            }

            var values = r.Values.ToArray();
            var cand = Evaluate(Round(values), values, null, ct);
            if (cand is not null && (best is null || cand.Objective < best.Objective))
            {
                best = cand;
                onFound?.Invoke(cand);
            }
            if (r.Status == SolveStatus.Optimal && cand is not null && Gap(cand.Objective, lower) <= _settings.RelativeGap) break;
            var n = Separate(values, cuts, cutKeys, ct);
            added += n;
            if (cutShort && afterSlice is not null && Better(incumbent, best) is { } from)
            {
                var improved = afterSlice(from);
                if (best is null || improved.Objective < best.Objective) best = improved;
            }
            // the pattern's sequences fit what the MIP allowed: more rounds find nothing new, unless the run was only a slice
            if (n == 0 && !cutShort) break;
        }
        return new MipOutcome(best, lower, false, added);
    }

    private static Candidate? Better(Candidate? a, Candidate? b) => a is null ? b : b is null || a.Objective <= b.Objective ? a : b;

    /// <summary>
    /// One Cbc run of the coordinator (set-up MIP, window piece, unmet-demand MIP): counted as a solve and
    /// charged to the work budget by its size and nodes, so deterministic limits cover it.
    /// </summary>
    private MipResult RunCbc(LinearModel lm, SolverOptions options, MipStart? start, CancellationToken ct)
    {
        Interlocked.Increment(ref _lpSolves);
        var r = _mip!.Solve(lm, options, start, ct);
        _budget.ChargeMip(lm, r.NodeCount);
        return r;
    }

    /// <summary>Most nodes a deterministic set-up MIP may explore.</summary>
    private const long DeterministicMipNodes = 200;

    /// <summary>Fewest nodes a deterministic set-up MIP gets, even with the work budget spent (it runs only when it is needed).</summary>
    private const long DeterministicMipMinNodes = 10;

    /// <summary>
    /// A MIP of deterministic mode: stopped by a node limit (what the work left pays for, within
    /// <see cref="DeterministicMipMinNodes"/>..<see cref="DeterministicMipNodes"/>; with
    /// <paramref name="firstSolution"/>, at its first integer solution), not by the clock;
    /// single-threaded and without Cgl preprocessing (which crashed on a fixed set-up MIP of
    /// generated M seed 2), so what it finds does not depend on the machine's speed or load.
    /// Cancellation still stops it.
    /// </summary>
    private SolverOptions DeterministicMipOptions(LinearModel lm, bool firstSolution)
    {
        var nodes = Math.Max(DeterministicMipMinNodes, _budget.MipNodesAffordable(lm, DeterministicMipNodes));
        var parameters = new Dictionary<string, string> { ["maxNodes"] = nodes.ToString(CultureInfo.InvariantCulture) };
        if (firstSolution) parameters["maxSolutions"] = "1";
        return new SolverOptions { RelativeGap = Math.Max(_settings.RelativeGap, 1e-6), Threads = 1, Presolve = false, Parameters = parameters };
    }

    /// <summary>
    /// Deterministic mode runs the set-up MIP only as a rescue, after everything else (the last-resort
    /// plans included) found no executable plan - MUST_MEET demand that rounded set-ups overload: the
    /// MIP's integer set-ups are the way to one, or, infeasible, the proof that none exists.
    /// </summary>
    private bool DeterministicRescueApplies() =>
        _settings.Deterministic && _mip is not null && _settings.MipMaxSetups > 0 && SetupCount() <= _settings.MipMaxSetups;

    /// <summary>A MIP start from an incumbent's set-up pattern (only the set-ups; Cbc completes the rest).</summary>
    private MipStart? StartFrom(Candidate? c)
    {
        if (c is null) return null;
        var start = new MipStart();
        for (var l = 0; l < _model.Y.Length; l++)
            for (var i = 0; i < _model.Y[l].Length; i++)
                for (var t = 0; t < _model.Y[l][i].Length; t++)
                    if (_model.Y[l][i][t] >= 0) start.Set(new Variable(_model.Y[l][i][t]), c.Fixing.Setup[l][i][t] ? 1 : 0);
        return start;
    }

    /// <summary>
    /// Names the MUST_MEET demand no plan can deliver: the set-up MIP with every MUST_MEET delivery
    /// made elastic (0..demand) and the objective "deliver as much MUST_MEET demand as possible";
    /// the shortfalls of its best point are listed (largest first). Within what time is left.
    /// </summary>
    internal string UnmetDemandHint()
    {
        const string generic = "the hard constraints (MUST_MEET demand, minimum runs, warehouse capacity, frozen runs, material supply) cannot all hold.";
        if (_mip is null || (_settings.Deterministic ? OutOfTime : Remaining < MipMinTime)) return generic;
        var lm = _model.Build(null, Array.Empty<SetupCut>());
        for (var v = 0; v < lm.VariableCount; v++) lm.SetObjectiveCoefficient(new Variable(v), 0);
        lm.ObjectiveOffset = 0;
        var elastic = new List<(int S, int P, int T, int Var, double Demand)>();
        for (var s = 0; s < _model.Del.Length; s++)
            for (var p = 0; p < _model.Del[s].Length; p++)
            {
                if (_inst.Products[p].Policy != DemandPolicy.MustMeet) continue;
                for (var t = 0; t < _inst.T; t++)
                {
                    var d = _model.Del[s][p][t];
                    if (d < 0) continue;
                    var dem = lm.UpperBound(new Variable(d));
                    lm.SetBounds(new Variable(d), 0, dem);
                    lm.SetObjectiveCoefficient(new Variable(d), -1);
                    elastic.Add((s, p, t, d, dem));
                }
            }
        if (elastic.Count == 0 || CbcWouldOverrunLimit(lm)) return generic;
        foreach (var perLine in _model.Y)
            foreach (var perProduct in perLine)
                foreach (var y in perProduct)
                    if (y >= 0) lm.SetInteger(new Variable(y), true);
        var r = RunCbc(lm, _settings.Deterministic ? DeterministicMipOptions(lm, firstSolution: false) : new SolverOptions { TimeLimit = Remaining }, null, CancellationToken.None);
        if (!r.HasSolution) return generic;
        var shortfalls = elastic
            .Select(e => (e.S, e.P, e.T, e.Demand, Short: e.Demand - r.Values[e.Var]))
            .Where(e => e.Short > 1e-6 * Math.Max(1, e.Demand))
            .OrderByDescending(e => e.Short)
            .ToList();
        if (shortfalls.Count == 0) return generic;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"MUST_MEET demand of {shortfalls.Sum(e => e.Short):G6} units cannot be delivered on time"));
        text.Append(r.Status == SolveStatus.Optimal ? " (proven least shortfall): " : " (shortfall of the best plan found for it): ");
        text.AppendJoin("; ", shortfalls.Take(5).Select(e => string.Create(CultureInfo.InvariantCulture,
            $"product '{_inst.Products[e.P].Id}' at site '{_inst.Sites[e.S].Id}' in bucket {e.T} ({_inst.Buckets[e.T].Start:yyyy-MM-dd}) short {e.Short:G6} of {e.Demand:G6}")));
        if (shortfalls.Count > 5) text.Append(CultureInfo.InvariantCulture, $"; and {shortfalls.Count - 5} more");
        text.Append(". Add capacity or lower that demand, or give the products demand_policy BACKLOG or LOST_SALES.");
        return text.ToString();
    }
}
