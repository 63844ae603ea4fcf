using SolverEngine.Planning.Sequencing.Internal;

namespace SolverEngine.Planning.Sequencing;

/// <summary>
/// The default <see cref="ISequencer"/>: picks a method by size.
/// <list type="bullet">
/// <item>Up to <see cref="SequencingOptions.ExactDpMaxNodes"/> free nodes (and within the memory
/// cap): Held-Karp dynamic programming over subsets, always proven.</item>
/// <item>Otherwise: the assignment bound (which also proves infeasibility), an iterated local
/// search for a good order (segment exchanges, Or-opt, double-bridge restarts), and, up to
/// <see cref="SequencingOptions.BranchAndBoundMaxNodes"/> nodes, an exact branch-and-bound with a
/// Lagrangian arborescence bound and the local-search tour as its first incumbent; above that
/// size, the root of that bound (from the assignment duals) tightens the lower bound.</item>
/// <item>Up to <see cref="SequencingOptions.BranchAndCutMaxNodes"/> nodes, the Lagrangian search
/// gets 10 % of the budget (it settles small instances at its root, with no native solver); if
/// it has not finished, an LP branch-and-cut takes the rest: subtour cuts separated by minimum
/// cuts on a Clp LP, reduced-cost fixing against the incumbent, a short tree search, then Cbc
/// MIPs on the arcs left (its own cuts close what subtour cuts leave: p43 5611 -> 5620). It
/// proves every TSPLIB ATSP instance up to 100 cities (p43 and kro124p included) in seconds.</item>
/// </list>
/// When the budget runs out first, the best order found is returned with the best proven bound
/// (the largest of the assignment bound, the root Lagrangian bound and the branch-and-cut bound).
/// Cbc solves are serialised process-wide; the tree search on Clp runs in parallel.
/// </summary>
public sealed class PortfolioSequencer : ISequencer
{
    /// <inheritdoc />
    public SequencingResult Solve(SequencingProblem problem, SequencingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= SequencingOptions.Default;
        if (options.TimeLimit < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeLimit, "The sequencing time limit must be >= 0.");
        }
        var budget = new WorkBudget(options, cancellationToken);
        int n = problem.Count;
        if (n == 0)
        {
            return Done(SequencingStatus.Optimal, [], 0.0, 0.0, "trivial", budget);
        }

        int freeNodes = problem.RequiredLast is null ? n : n - 1;
        if (freeNodes <= Math.Min(options.ExactDpMaxNodes, HeldKarp.MaxNodes) && HeldKarp.BytesNeeded(freeNodes) <= options.ExactDpMaxBytes)
        {
            int[]? order = HeldKarp.Solve(problem, budget, out bool completed);
            if (completed)
            {
                return order is null
                    ? Done(SequencingStatus.Infeasible, [], double.PositiveInfinity, double.PositiveInfinity, "held-karp", budget)
                    : Done(SequencingStatus.Optimal, order, problem.Evaluate(order), problem.Evaluate(order), "held-karp", budget);
            }
            return Done(SequencingStatus.NoSolutionFound, [], double.PositiveInfinity, 0.0, "held-karp", budget);
        }

        var matrix = new TourMatrix(problem);
        var successor = new int[matrix.N];
        var rowDuals = new double[matrix.N];
        double apBound = AssignmentBound.Solve(matrix.N, matrix.C, successor, budget, rowDuals);
        if (double.IsPositiveInfinity(apBound))
        {
            return Done(SequencingStatus.Infeasible, [], double.PositiveInfinity, double.PositiveInfinity, "assignment", budget);
        }
        double lowerBound = RoundUp(apBound, matrix);

        bool exactRange = matrix.N <= options.BranchAndBoundMaxNodes + 1;
        var (lsNodes, lsWeights) = matrix.ForLocalSearch(problem.RequiredLast);
        var ls = new LocalSearch(lsNodes, lsWeights, matrix.MaxFinite, options.Seed);
        // In the exact range the local search only seeds the incumbent; the proof gets the rest.
        // Above it, the local search leaves a share to the Lagrangian bound.
        WorkBudget lsBudget = budget.Slice(exactRange ? (matrix.N <= 60 ? 0.2 : 0.4) : 0.7);
        long stallLimit = 10_000 + 50L * matrix.N;
        int[] tour = matrix.FromLocalSearch(ls.Run(lsBudget, stallLimit, lowerBound, start: null, out double tourCost), problem.RequiredLast);
        budget.Spend(lsBudget.Work);
        bool feasible = tourCost < ls.Penalty;
        double upper = feasible ? tourCost : double.PositiveInfinity;
        string method = "local-search";
        if (feasible && lowerBound >= upper - Tolerance(upper))
        {
            return Done(SequencingStatus.Optimal, TourMatrix.ToOrder(tour), upper, upper, "local-search+assignment", budget);
        }

        if (exactRange && !budget.IsExhausted)
        {
            var bnb = new BranchAndBound(matrix, feasible ? tour : null, upper);
            // With the branch-and-cut behind it, the Lagrangian search gets a share: it settles most
            // instances fastest, and what it leaves open (p43) the cuts close.
            bool withCuts = matrix.N <= options.BranchAndCutMaxNodes + 1;
            WorkBudget bnbBudget = withCuts ? budget.Slice(LagrangianShare) : budget;
            // Not warm-started: p43 needs the big steps from zero multipliers (3166 instead of 5611 warm).
            bool finished = bnb.Run(bnbBudget);
            if (withCuts)
            {
                budget.Spend(bnbBudget.Work);
            }
            lowerBound = Math.Max(lowerBound, RoundUp(bnb.RootBound, matrix));
            if (bnb.BestTour is not null && bnb.UpperBound < upper)
            {
                tour = bnb.BestTour;
                upper = bnb.UpperBound;
                feasible = true;
            }
            long nodes = bnb.Nodes;
            if (!finished && withCuts && !budget.IsExhausted)
            {
                var cut = LpBranchAndCut.Solve(matrix, feasible ? tour : null, upper, budget);
                lowerBound = Math.Max(lowerBound, RoundUp(cut.LowerBound, matrix));
                if (cut.Tour is not null && cut.Cost < upper)
                {
                    tour = cut.Tour;
                    upper = cut.Cost;
                    feasible = true;
                }
                nodes += cut.Nodes;
                if (cut.Settled)
                {
                    return feasible
                        ? Done(SequencingStatus.Optimal, TourMatrix.ToOrder(tour), upper, upper, "branch-and-cut", budget, nodes)
                        : Done(SequencingStatus.Infeasible, [], double.PositiveInfinity, double.PositiveInfinity, "branch-and-cut", budget, nodes);
                }
                method = "branch-and-cut";
            }
            else
            {
                method = "branch-and-bound";
            }
            if (finished)
            {
                return feasible
                    ? Done(SequencingStatus.Optimal, TourMatrix.ToOrder(tour), upper, upper, method, budget, nodes)
                    : Done(SequencingStatus.Infeasible, [], double.PositiveInfinity, double.PositiveInfinity, method, budget, nodes);
            }
            if (feasible && lowerBound >= upper - Tolerance(upper))
            {
                return Done(SequencingStatus.Optimal, TourMatrix.ToOrder(tour), upper, upper, method, budget, nodes);
            }
            return feasible
                ? Done(SequencingStatus.Feasible, TourMatrix.ToOrder(tour), upper, Math.Min(lowerBound, upper), method, budget, nodes)
                : Done(SequencingStatus.NoSolutionFound, [], double.PositiveInfinity, lowerBound, method, budget, nodes);
        }

        if (!budget.IsExhausted)
        {
            // Too large to branch on: spend what is left on the root Lagrangian bound, which is
            // much closer than the assignment bound (ftv170: 2631 -> 2703 of 2755 in 0.3 s).
            var root = new BranchAndBound(matrix, feasible ? tour : null, upper);
            bool settled = root.Run(budget, rootOnly: true, rowDuals);
            lowerBound = Math.Max(lowerBound, RoundUp(root.RootBound, matrix));
            if (root.BestTour is not null && root.UpperBound < upper)
            {
                tour = root.BestTour;
                upper = root.UpperBound;
                feasible = true;
            }
            if (settled && !feasible)
            {
                return Done(SequencingStatus.Infeasible, [], double.PositiveInfinity, double.PositiveInfinity, "lagrangian-bound", budget);
            }
            if (feasible && (settled || lowerBound >= upper - Tolerance(upper)))
            {
                return Done(SequencingStatus.Optimal, TourMatrix.ToOrder(tour), upper, upper, "local-search+lagrangian-bound", budget);
            }
        }
        return feasible
            ? Done(SequencingStatus.Feasible, TourMatrix.ToOrder(tour), upper, Math.Min(lowerBound, upper), method, budget)
            : Done(SequencingStatus.NoSolutionFound, [], double.PositiveInfinity, lowerBound, method, budget);
    }

    /// <summary>
    /// A relative estimate of the work of a problem of <paramref name="nodes"/> products, for
    /// ordering a batch longest first (never for a result): Held-Karp's table work (2^n n^2) up to
    /// its default size; above it the budget bounds the work, so it grows only with n^2 from there.
    /// </summary>
    internal static double EstimatedWork(int nodes)
    {
        var exact = SequencingOptions.Default.ExactDpMaxNodes;
        var n = Math.Max(1, nodes);
        return n <= exact ? Math.Pow(2, n) * n * n : Math.Pow(2, exact) * n * n;
    }

    /// <summary>Share of the budget the Lagrangian branch-and-bound gets when the branch-and-cut follows.</summary>
    private const double LagrangianShare = 0.1;

    private static double Tolerance(double value) => 1e-9 * Math.Max(1.0, Math.Abs(value));

    /// <summary>With integral weights every order weighs an integer, so a bound may be rounded up.</summary>
    private static double RoundUp(double bound, TourMatrix matrix) =>
        matrix.IntegralWeights && !double.IsInfinity(bound) ? Math.Ceiling(bound - 1e-6 * Math.Max(1.0, Math.Abs(bound))) : bound;

    private static SequencingResult Done(
        SequencingStatus status, int[] order, double cost, double lowerBound, string method, WorkBudget budget, long nodes = 0) =>
        new()
        {
            Status = status,
            StopReason = status is SequencingStatus.Optimal or SequencingStatus.Infeasible
                ? SequencingStopReason.Completed
                : budget.StopReason ?? SequencingStopReason.Completed,
            Order = order,
            Cost = cost,
            LowerBound = lowerBound,
            Method = method,
            Work = budget.Work,
            Nodes = nodes,
        };
}
