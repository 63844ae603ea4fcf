using SolverEngine.Planning.Decomposition;
using SolverEngine.Solvers;

namespace SolverEngine.Planning.Coordination;

// Site-level decomposition of the LP relaxation (Decomposition/): where it is chosen, the
// relaxation's bound is the Benders master's and its point is feasible for the whole LP.
internal sealed partial class Coordinator
{
    private SiteDecomposition? _sites;

    /// <summary>
    /// Benders rounds per relaxation: bounds the work where the decomposition is forced on linked sites
    /// (deterministic mode has no wall clock there); a stopped run still gives a valid bound and, when
    /// it has one, a feasible point; without one the LP is solved whole.
    /// </summary>
    private const int MaxSiteRounds = 200;

    /// <summary>Decomposed relaxations solved so far.</summary>
    internal int SiteDecompositionRuns => _sites?.Runs ?? 0;

    /// <summary>
    /// The LP relaxation, by site where <see cref="CoordinatorSettings.SiteDecomposition"/> (and for auto
    /// the measured rule) says so, else whole. The point's objective is a valid lower bound (the master's
    /// bound; equal to the LP optimum when Benders converged) and its values satisfy every row of the LP.
    /// </summary>
    private LpPoint? SolveRelaxation(LinearModel m, CancellationToken ct, out SolveStatus status, bool firstRelaxation)
    {
        _sites ??= new SiteDecomposition(_inst, _model, _lp, _settings.SiteDecomposition, _settings.Threads,
            relativeGap: Math.Min(1e-6, _settings.RelativeGap / 10), maxIterations: MaxSiteRounds);
        var limit = LpOptions(firstRelaxation).TimeLimit;
        if (_sites.TrySolve(m, limit, ct) is { } r)
        {
            Interlocked.Increment(ref _lpSolves);
            if (r.Status == BendersStatus.Infeasible)
            {
                status = SolveStatus.Infeasible;
                return null;
            }
            if (r.Values is not null && r.Duals is not null)
            {
                status = SolveStatus.Optimal;
                return new LpPoint(r.LowerBound, r.Values, r.Duals);
            }
            if (ct.IsCancellationRequested)
            {
                status = SolveStatus.Interrupted;
                return null;
            }
            // no point (gave up, or stopped before one): the whole LP
        }
        return Solve(m, ct, out status, firstRelaxation);
    }
}
