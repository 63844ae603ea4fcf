namespace SolverEngine.Solvers;

/// <summary>Result of an LP solve. Arrays are copies owned by the caller, indexed like the model's variables/rows.</summary>
public sealed class LpResult
{
    internal LpResult(SolveStatus status, double objective, double[] values, double[] rowActivities, double[] duals,
        double[] reducedCosts, int iterations, TimeSpan elapsed)
    {
        Status = status;
        Objective = objective;
        Values = values;
        RowActivities = rowActivities;
        Duals = duals;
        ReducedCosts = reducedCosts;
        Iterations = iterations;
        Elapsed = elapsed;
    }

    public SolveStatus Status { get; }

    /// <summary>True when <see cref="Values"/> is a primal point the solver vouches for (optimal).</summary>
    public bool HasSolution => Status == SolveStatus.Optimal;

    /// <summary>Objective value including the model's offset, in the model's sense.</summary>
    public double Objective { get; }

    /// <summary>Primal value of every variable (the solver's last point when not optimal).</summary>
    public IReadOnlyList<double> Values { get; }

    public IReadOnlyList<double> RowActivities { get; }

    /// <summary>Row prices: d objective / d row bound, in the model's sense (a &lt;= row of a maximisation has a price >= 0).</summary>
    public IReadOnlyList<double> Duals { get; }

    /// <summary>Reduced costs of the variables, in the model's sense.</summary>
    public IReadOnlyList<double> ReducedCosts { get; }

    /// <summary>Simplex (or barrier) iterations of this solve only.</summary>
    public int Iterations { get; }

    public TimeSpan Elapsed { get; }

    public double Value(Variable variable) => Values[variable.Index];

    public double Dual(Constraint row) => Duals[row.Index];

    public double ReducedCost(Variable variable) => ReducedCosts[variable.Index];

    public override string ToString() => $"{Status} objective={Objective:G10} iterations={Iterations} elapsed={Elapsed.TotalMilliseconds:F1} ms";
}

/// <summary>Result of a MIP solve.</summary>
public sealed class MipResult
{
    internal MipResult(SolveStatus status, bool hasSolution, double objective, double bestBound, double[] values,
        long nodes, int iterations, TimeSpan elapsed)
    {
        Status = status;
        HasSolution = hasSolution;
        Objective = objective;
        BestBound = bestBound;
        Values = values;
        NodeCount = nodes;
        Iterations = iterations;
        Elapsed = elapsed;
    }

    public SolveStatus Status { get; }

    /// <summary>True when <see cref="Values"/> holds a feasible integer solution (optimal or the incumbent at a stop).</summary>
    public bool HasSolution { get; }

    /// <summary>Objective of the best solution found (NaN when none), including the offset.</summary>
    public double Objective { get; }

    /// <summary>Best proven bound on the optimum (for minimisation a lower bound). Infinite when nothing was proven.</summary>
    public double BestBound { get; }

    /// <summary>|Objective - BestBound| / max(1e-10, |Objective|); NaN without a solution.</summary>
    public double RelativeGap => HasSolution
        ? Math.Abs(Objective - BestBound) / Math.Max(1e-10, Math.Abs(Objective))
        : double.NaN;

    /// <summary>Values of the best solution (empty when <see cref="HasSolution"/> is false).</summary>
    public IReadOnlyList<double> Values { get; }

    public long NodeCount { get; }

    public int Iterations { get; }

    public TimeSpan Elapsed { get; }

    public double Value(Variable variable) => Values[variable.Index];

    public override string ToString() =>
        $"{Status} objective={Objective:G10} bound={BestBound:G10} nodes={NodeCount} iterations={Iterations} elapsed={Elapsed.TotalMilliseconds:F1} ms";
}
