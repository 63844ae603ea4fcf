namespace SolverEngine.Solvers;

/// <summary>
/// Outcome of a solve. These are results, not errors: only native failures throw (<see cref="SolverException"/>).
/// Whether a usable primal solution came back is <c>HasSolution</c> on the result.
/// </summary>
public enum SolveStatus
{
    /// <summary>Proven optimal (for a MIP: within the requested relative gap).</summary>
    Optimal = 0,
    /// <summary>No feasible point exists.</summary>
    Infeasible = 1,
    /// <summary>The objective can improve without limit.</summary>
    Unbounded = 2,
    /// <summary>The solver proved one of the two but not which (e.g. a MIP whose relaxation is unbounded).</summary>
    InfeasibleOrUnbounded = 3,
    /// <summary>The time limit stopped the solve; a MIP may still carry an incumbent.</summary>
    TimeLimit = 4,
    /// <summary>The solver's iteration or node limit stopped the solve.</summary>
    IterationLimit = 5,
    /// <summary>The caller's <see cref="CancellationToken"/> stopped the solve.</summary>
    Interrupted = 6,
    /// <summary>The solver gave up on numerical difficulties; the result carries no reliable solution.</summary>
    NumericalError = 7,
}
