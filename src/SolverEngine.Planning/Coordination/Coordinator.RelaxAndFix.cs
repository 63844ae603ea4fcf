using SolverEngine.Planning.Aggregate;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination;

// Incumbent heuristics on the set-up MIP in small pieces (the aggregate model with cuts, integer set-ups
// only where a piece says so), each piece a short Cbc solve:
// - relax-and-fix: a window of buckets with integer set-ups, later buckets relaxed, earlier ones fixed
//   to what the windows before decided; the window slides forward (overlapping by half) to the horizon's end;
// - fix-and-optimize: from an incumbent, free the set-ups of one neighbourhood (a window of buckets on
//   every line, or one line over a stretch of buckets), fix the rest to the incumbent, re-solve.
// Every pattern they produce goes through Evaluate (sequencing, fixed set-up LP, timed placement, with
// repair), so every candidate is an executable plan; the caller's Offer keeps only improvements.
// Deterministic mode: each piece is a node-limited Cbc run without a clock (repeatable), charged to the
// work budget by its size and nodes, and not started when the work left does not cover it.
internal sealed partial class Coordinator
{
    /// <summary>Share of the time left that relax-and-fix may take (the rest: the whole set-up MIP, fix-and-optimize).</summary>
    private const double RelaxAndFixTimeShare = 0.35;

    /// <summary>Most fix-and-optimize passes over all neighbourhoods (a pass without improvement ends it sooner).</summary>
    private const int FixAndOptimizeMaxPasses = 3;

    /// <summary>Most MIP solves per neighbourhood and pass (each after the cuts the last one's sequences gave).</summary>
    private const int NeighbourhoodRounds = 3;

    /// <summary>A piece of the horizon: set-ups of <see cref="Lines"/> (null = all) in buckets [Start, End) are free.</summary>
    internal readonly record struct SetupWindow(int Start, int End, int CommitEnd, int[]? Lines);

    /// <summary>
    /// True when the window heuristics may run: a MIP solver, windows switched on, and a model too large
    /// for the exact search over set-up patterns (which, where it applies, finds and proves the optimum
    /// and needs the time).
    /// </summary>
    private bool WindowsApply => _mip is not null && _settings.WindowMaxSetups > 0 && SetupCount() > Math.Max(0, _settings.ExactMaxSetups);

    /// <summary>Set-up variables on the given lines (null = all) in bucket t.</summary>
    private int SetupsIn(int t, int[]? lines)
    {
        var n = 0;
        for (var l = 0; l < _inst.Lines.Length; l++)
            if ((lines is null || Array.IndexOf(lines, l) >= 0) && _inst.Lines[l].AvailableHours[t] > 0) n += _inst.Lines[l].Products.Length;
        return n;
    }

    /// <summary>
    /// Integer set-ups per window: the setting, but at most a third of all set-ups (so the first window
    /// is not the whole set-up MIP again), at least one bucket.
    /// </summary>
    private int WindowSize() => Math.Max(1, Math.Min(_settings.WindowMaxSetups, (SetupCount() + 2) / 3));

    /// <summary>
    /// Consecutive windows of buckets over <paramref name="lines"/>, each with at most
    /// <paramref name="size"/> set-ups (at least one bucket); each window commits its first half
    /// (the last one everything), and the next starts where the commit ended.
    /// </summary>
    internal List<SetupWindow> Windows(int size, int[]? lines)
    {
        var windows = new List<SetupWindow>();
        var start = 0;
        while (start < _inst.T)
        {
            var end = start;
            var count = 0;
            while (end < _inst.T && (end == start || count + SetupsIn(end, lines) <= size)) count += SetupsIn(end++, lines);
            var commit = end >= _inst.T ? _inst.T : start + Math.Max(1, (end - start) / 2);
            windows.Add(new SetupWindow(start, end, commit, lines));
            start = commit;
        }
        return windows;
    }

    /// <summary>
    /// Relax-and-fix over time windows. Returns the evaluated (executable) plan of the pattern it
    /// builds, or null when a window has no integer solution in its limit or the pattern cannot be run.
    /// Cuts the final pattern's sequences violate are added to <paramref name="cuts"/>.
    /// </summary>
    internal Candidate? RelaxAndFix(List<SetupCut> cuts, HashSet<string> cutKeys, CancellationToken ct)
    {
        if (!WindowsApply) return null;
        var windows = Windows(WindowSize(), null);
        // decided[l][i][t]: 0/1 once a window has committed bucket t, -1 before
        var decided = _inst.Lines.Select(line => line.Products.Select(_ => Enumerable.Repeat(-1, _inst.T).ToArray()).ToArray()).ToArray();
        var deadline = _clock.Elapsed + TimeSpan.FromTicks((long)(Remaining.Ticks * RelaxAndFixTimeShare));
        double[]? last = null;
        for (var w = 0; w < windows.Count; w++)
        {
            if (ct.IsCancellationRequested || OutOfTime) return null;
            var window = windows[w];
            LinearModel WindowModel(bool integer)
            {
                var lm = _model.Build(null, cuts);
                ForEachSetup((l, i, t, y) =>
                {
                    if (decided[l][i][t] >= 0) FixSetup(lm, l, i, t, decided[l][i][t]);
                    else if (integer && t >= window.Start && t < window.End) lm.SetInteger(new Variable(y), true);
                });
                CarryOverRows.Add(_inst, _model, lm, t => integer && t >= window.Start && t < window.End);
                return lm;
            }
            var limit = (deadline - _clock.Elapsed) / (windows.Count - w);
            var r = SolvePiece(WindowModel(integer: true), null, limit, ct);
            if (r is null || !r.HasSolution)
            {
                // no integer point in the window's limit: its set-ups from the relaxation (a product with production is set up)
                if (ct.IsCancellationRequested || OutOfTime || r?.Status == SolveStatus.Infeasible) return null;
                if (Solve(WindowModel(integer: false), ct) is not { } relaxed) return null;
                last = relaxed.Values;
                var lpValues = last;
                ForEachSetup((l, i, t, y) =>
                {
                    if (t >= window.Start && t < window.CommitEnd) decided[l][i][t] = Produced(lpValues, l, _inst.Lines[l].Products[i], t) > Eps ? 1 : 0;
                });
                continue;
            }
            last = r.Values.ToArray();
            var values = last;
            ForEachSetup((l, i, t, y) =>
            {
                if (t >= window.Start && t < window.CommitEnd) decided[l][i][t] = values[y] >= 0.5 ? 1 : 0;
            });
        }
        if (last is null || ct.IsCancellationRequested) return null;
        var cand = Evaluate(Round(last), last, null, ct);
        if (!ct.IsCancellationRequested) Separate(last, cuts, cutKeys, ct);
        return cand;
    }

    /// <summary>
    /// Fix-and-optimize from <paramref name="start"/>: per neighbourhood (time windows over every line,
    /// then each line over windows of its buckets), the set-ups outside are fixed to the incumbent's
    /// pattern, those inside are integer, and Cbc re-solves from the incumbent; a changed pattern is
    /// evaluated and handed to <paramref name="offer"/> when it is better. Passes repeat while one
    /// improves, up to a few. Returns the best candidate, never worse than <paramref name="start"/>.
    /// </summary>
    /// <param name="until">Solve-clock time at which to stop (the pieces share the time up to it); null = the time limit.</param>
    internal Candidate FixAndOptimize(List<SetupCut> cuts, HashSet<string> cutKeys, Candidate start, Action<Candidate>? offer, CancellationToken ct,
        TimeSpan? until = null)
    {
        // time left to this call (deterministic mode counts work and ignores it)
        TimeSpan Left() => until is { } u && u - _clock.Elapsed < Remaining ? u - _clock.Elapsed : Remaining;
        var best = start;
        if (!WindowsApply) return best;
        var size = WindowSize();
        var hoods = Windows(size, null).Where(w => w.End - w.Start < _inst.T || _inst.Lines.Length == 1).ToList();
        if (_inst.Lines.Length > 1)
            for (var l = 0; l < _inst.Lines.Length; l++)
                hoods.AddRange(Windows(size, [l]));
        for (var pass = 0; pass < FixAndOptimizeMaxPasses; pass++)
        {
            var improved = false;
            var cutsBefore = cuts.Count;
            for (var h = 0; h < hoods.Count; h++)
            {
                var hood = hoods[h];
                // a few rounds per neighbourhood: where the sequences need more changeover than the MIP
                // allowed, the cuts Separate adds make the next round see it (Benders inside the piece)
                for (var round = 0; round < NeighbourhoodRounds; round++)
                {
                    if (ct.IsCancellationRequested || OutOfTime || (!_settings.Deterministic && Left() < MipMinTime)) return best;
                    var incumbent = best;
                    var lm = _model.Build(null, cuts);
                    ForEachSetup((l, i, t, y) =>
                    {
                        var free = t >= hood.Start && t < hood.End && (hood.Lines is null || Array.IndexOf(hood.Lines, l) >= 0);
                        if (free) lm.SetInteger(new Variable(y), true);
                        else FixSetup(lm, l, i, t, incumbent.Fixing.Setup[l][i][t] ? 1 : 0);
                    });
                    CarryOverRows.Add(_inst, _model, lm, t => t >= hood.Start && t < hood.End);
                    if (CbcWouldOverrunLimit(lm)) return best; // every piece is this large
                    // leave half of what is left to the rest of the pass
                    var limit = Left() / Math.Max(2, hoods.Count - h);
                    var r = SolvePiece(lm, StartFrom(incumbent), limit, ct);
                    if (r is null || !r.HasSolution) break;
                    var values = r.Values.ToArray();
                    var pattern = Round(values);
                    if (SamePattern(pattern, incumbent.Fixing)) break;
                    var cand = Evaluate(pattern, values, null, ct);
                    if (cand is not null && Improves(cand, best))
                    {
                        best = cand;
                        improved = true;
                        offer?.Invoke(cand);
                    }
                    if (ct.IsCancellationRequested || Separate(values, cuts, cutKeys, ct) == 0) break;
                }
            }
            if (!improved && cuts.Count == cutsBefore) break;
        }
        return best;
    }

    /// <summary>Fewest nodes worth starting a piece's Cbc run with in deterministic mode.</summary>
    private const long MinPieceNodes = 10;

    /// <summary>One piece's Cbc solve: time-boxed, or node-limited without a clock in deterministic mode. Null when skipped.</summary>
    private MipResult? SolvePiece(LinearModel lm, MipStart? start, TimeSpan limit, CancellationToken ct)
    {
        SolverOptions options;
        if (_settings.Deterministic)
        {
            // a piece whose root and a few nodes do not fit the work left is not started
            var nodes = _budget.MipNodesAffordable(lm, _settings.WindowMaxNodes);
            if (nodes < MinPieceNodes) return null;
            options = new SolverOptions
            {
                RelativeGap = Math.Max(_settings.RelativeGap, 1e-4),
                Parameters = new Dictionary<string, string> { ["maxNodes"] = nodes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
        }
        else
        {
            if (limit < TimeSpan.FromSeconds(0.1)) limit = TimeSpan.FromSeconds(0.1);
            if (Remaining < limit || CbcWouldOverrunLimit(lm)) return null;
            options = new SolverOptions { TimeLimit = limit, RelativeGap = Math.Max(_settings.RelativeGap, 1e-4) };
        }
        // Cbc's preprocessing (Cgl) crashed the process on these piece models (segmentation fault on GLSPPL
        // A1, reproducible); the pieces are small, so they are solved without it
        options = options with { Presolve = false };
        return RunCbc(lm, options, start, ct);
    }

    /// <summary>Calls <paramref name="action"/>(line, position, bucket, column) for every set-up variable.</summary>
    private void ForEachSetup(Action<int, int, int, int> action)
    {
        for (var l = 0; l < _model.Y.Length; l++)
            for (var i = 0; i < _model.Y[l].Length; i++)
                for (var t = 0; t < _model.Y[l][i].Length; t++)
                    if (_model.Y[l][i][t] >= 0) action(l, i, t, _model.Y[l][i][t]);
    }

    /// <summary>Fixes a set-up to 0 or 1; a product not set up makes nothing there.</summary>
    private void FixSetup(LinearModel lm, int l, int i, int t, int on)
    {
        lm.SetBounds(new Variable(_model.Y[l][i][t]), on, on);
        if (on != 0) return;
        foreach (var r in _inst.Lines[l].RecipesOfProduct[_inst.Lines[l].Products[i]])
            if (_model.X[r][t] >= 0) lm.SetBounds(new Variable(_model.X[r][t]), 0, 0);
    }

    /// <summary>True when <paramref name="pattern"/> sets up exactly the products the fixing does.</summary>
    private bool SamePattern(IReadOnlyList<int>[][] pattern, SetupFixing fixing)
    {
        for (var l = 0; l < _inst.Lines.Length; l++)
        {
            var line = _inst.Lines[l];
            for (var t = 0; t < _inst.T; t++)
                for (var i = 0; i < line.Products.Length; i++)
                    if (fixing.Setup[l][i][t] != pattern[l][t].Contains(line.Products[i])) return false;
        }
        return true;
    }
}
