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
/// Lagrangian arborescence bound warm-started from the local search.</item>
/// </list>
/// When the budget runs out first, the best order found is returned with the best proven bound.
/// A MIP (Cbc) backend for the medium range is not used here: the branch-and-bound proves the
/// TSPLIB ATSP instances up to 70 cities without it.
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
        if (freeNodes <= options.ExactDpMaxNodes && HeldKarp.BytesNeeded(freeNodes) <= options.ExactDpMaxBytes)
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
        double apBound = AssignmentBound.Solve(matrix.N, matrix.C, successor, budget);
        if (double.IsPositiveInfinity(apBound))
        {
            return Done(SequencingStatus.Infeasible, [], double.PositiveInfinity, double.PositiveInfinity, "assignment", budget);
        }
        double lowerBound = RoundUp(apBound, matrix);

        bool exactRange = matrix.N <= options.BranchAndBoundMaxNodes + 1;
        var ls = new LocalSearch(matrix, options.Seed);
        WorkBudget lsBudget = exactRange ? budget.Slice(0.2) : budget;
        long stallLimit = exactRange ? 1000 + 20L * matrix.N : 5000 + 50L * matrix.N;
        int[] tour = ls.Run(lsBudget, stallLimit, start: null, out double tourCost);
        if (exactRange)
        {
            budget.Spend(lsBudget.Work);
        }
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
            bool finished = bnb.Run(budget);
            lowerBound = Math.Max(lowerBound, RoundUp(bnb.RootBound, matrix));
            if (bnb.BestTour is not null && bnb.UpperBound < upper)
            {
                tour = bnb.BestTour;
                upper = bnb.UpperBound;
                feasible = true;
            }
            method = "branch-and-bound";
            if (finished)
            {
                return feasible
                    ? Done(SequencingStatus.Optimal, TourMatrix.ToOrder(tour), upper, upper, method, budget, bnb.Nodes)
                    : Done(SequencingStatus.Infeasible, [], double.PositiveInfinity, double.PositiveInfinity, method, budget, bnb.Nodes);
            }
            if (feasible && lowerBound >= upper - Tolerance(upper))
            {
                return Done(SequencingStatus.Optimal, TourMatrix.ToOrder(tour), upper, upper, method, budget, bnb.Nodes);
            }
            return feasible
                ? Done(SequencingStatus.Feasible, TourMatrix.ToOrder(tour), upper, Math.Min(lowerBound, upper), method, budget, bnb.Nodes)
                : Done(SequencingStatus.NoSolutionFound, [], double.PositiveInfinity, lowerBound, method, budget, bnb.Nodes);
        }

        return feasible
            ? Done(SequencingStatus.Feasible, TourMatrix.ToOrder(tour), upper, Math.Min(lowerBound, upper), method, budget)
            : Done(SequencingStatus.NoSolutionFound, [], double.PositiveInfinity, lowerBound, method, budget);
    }

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
