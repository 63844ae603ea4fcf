namespace SolverEngine.Solvers;

/// <summary>Which simplex/interior-point method an LP solve uses.</summary>
public enum LpAlgorithm
{
    /// <summary>Let the solver choose (Clp: its automatic choice in initialSolve).</summary>
    Automatic = 0,
    DualSimplex = 1,
    PrimalSimplex = 2,
    /// <summary>Interior point followed by crossover to a basic solution.</summary>
    Barrier = 3,
}

/// <summary>Options common to LP and MIP solves. Unset values mean "the solver's default".</summary>
public sealed record SolverOptions
{
    public static SolverOptions Default { get; } = new();

    /// <summary>Wall-clock limit for one solve; the solve returns <see cref="SolveStatus.TimeLimit"/> when it is hit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>MIP only: stop when (incumbent - bound) / |incumbent| is at most this (e.g. 0.01 for 1 %).</summary>
    public double? RelativeGap { get; init; }

    /// <summary>MIP only: threads Cbc may use inside one solve (0 = solver default, single-threaded).</summary>
    public int Threads { get; init; }

    /// <summary>0 = silent (default); higher values let the native solver print its log to stdout.</summary>
    public int LogLevel { get; init; }

    /// <summary>LP only (Clp): the algorithm of the first solve. Re-solves of a session always use dual simplex after rows are added.</summary>
    public LpAlgorithm Algorithm { get; init; } = LpAlgorithm.Automatic;

    /// <summary>
    /// Run the solver's presolve (default true). Clp leaves it out on a stoppable solve (a time limit or a
    /// cancellable token) of more than <see cref="ClpLpSession.PresolveMaxColumnsWhenStoppable"/> columns,
    /// because its presolve does not stop.
    /// </summary>
    public bool Presolve { get; init; } = true;

    /// <summary>
    /// LP only (Clp): presolve a stoppable solve of any size too (default false). The solve then cannot be
    /// stopped until it ends, time limit and cancellation included; for callers that would rather wait
    /// than go without (Clp with presolve solved generated L's aggregate LP in 279 s, without it not in 300 s).
    /// </summary>
    public bool PresolveEvenIfUnstoppable { get; init; }

    /// <summary>
    /// Low-level solver parameters passed through unchanged (Cbc: command-line names without the dash, e.g.
    /// "maxNodes" -> "0", "cuts" -> "off"). Unknown names are the solver's to reject; prefer the typed options.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    internal void Validate()
    {
        foreach (var (name, value) in Parameters)
        {
            if (string.IsNullOrWhiteSpace(name) || name.StartsWith('-') || value is null)
            {
                throw new ArgumentException($"Solver parameter '{name}' = '{value}' is malformed; give the name without a leading '-' and a non-null value.", nameof(Parameters));
            }
        }

        if (TimeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), limit, "A time limit must be positive; leave it null for no limit.");
        }

        if (RelativeGap is { } gap && (double.IsNaN(gap) || gap < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeGap), gap, "A relative gap must be >= 0 (e.g. 0.01 for 1 %).");
        }

        if (Threads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be >= 0 (0 = solver default).");
        }

        if (LogLevel < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LogLevel), LogLevel, "LogLevel must be >= 0 (0 = silent).");
        }

        if (!Enum.IsDefined(Algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "Unknown LP algorithm.");
        }
    }
}
