using System.Diagnostics;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Aggregate;

/// <summary>
/// Solves a large aggregate LP of linked sites in two steps on one Clp session: first with every lane
/// transfer held at its lower bound (the sites are then independent and the simplex finds its way
/// quickly), then with the lanes opened again, warm from that basis (primal simplex: opening bounds
/// keeps the basis primal feasible), those whose reduced cost pays first. Same LP, same optimum,
/// found much sooner: generated L (144,302 columns, 75,600 of them transfers) in about 7 s, where the
/// whole LP solved cold took more than 300 s without presolve and 279 s with it
/// (benchmarks/README.md, "Lanes closed first"; <c>lane-warm-start</c> in the benchmark harness).
/// </summary>
internal static class LanesClosedFirst
{
    /// <summary>
    /// Columns above which the two steps are taken. Below it Clp presolves even a stoppable solve and
    /// the whole LP is quick (generated M, 9,858 columns: 0.1 s either way).
    /// </summary>
    public const int MinColumns = ClpLpSession.PresolveMaxColumnsWhenStoppable;

    /// <summary>Whether <paramref name="lm"/> is solved in two steps (more than <paramref name="minColumns"/> columns, and lanes to close).</summary>
    public static bool Applies(LinearModel lm, IReadOnlyList<int> transferColumns, int minColumns = MinColumns) =>
        transferColumns.Count > 0 && lm.VariableCount > minColumns;

    /// <summary>
    /// Solves <paramref name="lm"/> (integrality ignored) with <paramref name="options"/>, in two steps
    /// where <see cref="Applies"/>, else in one. The time limit covers both steps.
    /// <paramref name="guide"/> (optional) is a point of a related LP over the same columns, such as
    /// the relaxation a fixed set-up LP comes from: lanes that carry flow there stay open in the first
    /// step. A fixed set-up LP of generated L with every lane closed was infeasible, and the warm solve
    /// with the lanes opened from there ran past its limit (Clp's dual fell into a primal clean-up).
    /// When the first step is infeasible all the same, the whole LP is solved cold with the time left,
    /// unless <paramref name="closedInfeasibleIsFinal"/>: a heuristic caller (the fixed set-up LP of a
    /// candidate plan) then takes it as infeasible and repairs the pattern. Generated L's first fixed
    /// set-up LP was infeasible closed (0.5 s) and is infeasible open too (229 s with presolve to prove it).
    /// <paramref name="minColumns"/> moves the size rule (tests take the two steps on small models).
    /// <paramref name="openLanes"/> false stops after the first step: the optimum of the LP with the closed
    /// lanes at their lower bounds, a point of the whole LP but not necessarily its optimum (a heuristic
    /// caller in a hurry: the first plan's candidates).
    /// </summary>
    public static LpResult Solve(ILpSolver lp, LinearModel lm, IReadOnlyList<int> transferColumns, SolverOptions options, CancellationToken ct,
        IReadOnlyList<double>? guide = null, bool closedInfeasibleIsFinal = false, int minColumns = MinColumns, bool openLanes = true)
    {
        var (session, result) = SolveKeepingSession(lp, lm, transferColumns, options, ct, guide, closedInfeasibleIsFinal, minColumns, openLanes: openLanes);
        session?.Dispose();
        return result;
    }

    /// <summary>
    /// As <see cref="Solve"/>, and hands over the session that solved it for warm re-solves (the caller
    /// disposes it; every lane is open there when the result has a solution, unless
    /// <paramref name="openLanes"/> is false: then the closed ones stay closed); null when the LP was solved
    /// without one (one step, or cold). <paramref name="onRound"/> hears each priced round (lanes opened,
    /// its result): the benchmark's <c>lane-warm-start</c> reports them.
    /// </summary>
    public static (ILpSession? Session, LpResult Result) SolveKeepingSession(ILpSolver lp, LinearModel lm, IReadOnlyList<int> transferColumns,
        SolverOptions options, CancellationToken ct, IReadOnlyList<double>? guide = null, bool closedInfeasibleIsFinal = false, int minColumns = MinColumns,
        Action<int, LpResult>? onRound = null, bool openLanes = true)
    {
        if (!Applies(lm, transferColumns, minColumns)) return (null, lp.Solve(lm, options, ct));
        var clock = Stopwatch.StartNew();
        var session = lp.CreateSession(lm, options);
        try
        {
            var result = TwoSteps(lp, session, lm, transferColumns, options, ct, guide, closedInfeasibleIsFinal, openLanes, clock, onRound, out var kept);
            if (!kept) session.Dispose();
            return (kept ? session : null, result);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static LpResult TwoSteps(ILpSolver lp, ILpSession session, LinearModel lm, IReadOnlyList<int> transferColumns, SolverOptions options,
        CancellationToken ct, IReadOnlyList<double>? guide, bool closedInfeasibleIsFinal, bool openLanes, Stopwatch clock, Action<int, LpResult>? onRound, out bool kept)
    {
        kept = false;
        var closedColumns = new List<int>();
        foreach (var c in transferColumns)
        {
            if (guide is not null && c < guide.Count && guide[c] > FlowTolerance) continue;
            var v = new Variable(c);
            var lower = lm.LowerBound(v);
            if (!double.IsFinite(lower)) continue;
            session.SetBounds(v, lower, lower);
            closedColumns.Add(c);
        }
        var result = session.Solve(ct);
        if (result.Status == SolveStatus.Infeasible)
        {
            if (closedInfeasibleIsFinal) return result;
            // Cold, with the time left: warm from an infeasible end Clp went into a primal clean-up that did not stop at the limit.
            return lp.Solve(lm, options with { TimeLimit = Left(options.TimeLimit, clock.Elapsed) }, ct);
        }
        if (!result.HasSolution) return result; // stopped (time, cancellation) or in numerical trouble
        if (!openLanes)
        {
            kept = true;
            return result;
        }

        // Second step, priced: open the closed lanes whose reduced cost says they pay, the most paying first,
        // a share at a time, and solve warm again; when no closed lane prices out, the point is optimal for
        // the whole LP (each closed column sits at its lower bound with a reduced cost >= 0). Generated L:
        // 7 s in 9 rounds, against 13 s opening all 75,600 at once (benchmarks/README.md).
        kept = true;
        var perRound = Math.Max(MinOpenedPerRound, closedColumns.Count / 20);
        for (var round = 0; ; round++)
        {
            List<int> entering;
            if (lm.Sense != ObjectiveSense.Minimize || round >= MaxPricedRounds) entering = closedColumns; // the rule above is for minimisation
            else
            {
                var reduced = result.ReducedCosts;
                entering = closedColumns.Where(c => reduced[c] < -PricingTolerance).OrderBy(c => reduced[c]).Take(perRound).ToList();
            }
            if (entering.Count == 0)
            {
                Reopen(session, lm, closedColumns); // they price out: open in the kept session too (its basis stays optimal)
                return result;
            }
            Reopen(session, lm, entering);
            closedColumns = entering == closedColumns ? [] : closedColumns.Except(entering).ToList();
            session.SetTimeLimit(Left(options.TimeLimit, clock.Elapsed));
            result = session.Solve(ct);
            onRound?.Invoke(entering.Count, result);
            if (!result.HasSolution) return result;
        }
    }

    // The model's own bounds back on the columns.
    private static void Reopen(ILpSession session, LinearModel lm, IEnumerable<int> columns)
    {
        foreach (var c in columns)
        {
            var v = new Variable(c);
            session.SetBounds(v, lm.LowerBound(v), lm.UpperBound(v));
        }
    }

    // Lanes opened per priced round: a twentieth of the closed ones, at least this many.
    private const int MinOpenedPerRound = 2_000;

    // Priced rounds before the rest is opened at once (a safeguard; generated L needed 9).
    private const int MaxPricedRounds = 50;

    // Reduced cost below which a closed lane pays (Clp's dual feasibility tolerance).
    private const double PricingTolerance = 1e-7;

    // Flow on a lane in the guide below which the lane counts as unused.
    private const double FlowTolerance = 1e-9;

    // What is left of a limit after the first step; a small floor, so the warm step always gets a try.
    private static TimeSpan? Left(TimeSpan? limit, TimeSpan spent) =>
        limit is { } l ? (l - spent > TimeSpan.FromSeconds(0.2) ? l - spent : TimeSpan.FromSeconds(0.2)) : null;
}
