namespace SolverEngine.Solvers;

/// <summary>
/// LP backend on COIN-OR Clp 1.17 (Debian package coinor-libclp1). Stateless and thread-safe: every call owns a
/// fresh native model used by the calling thread only, so independent LPs solve in parallel.
/// </summary>
public sealed class ClpLpSolver : ILpSolver
{
    public static ClpLpSolver Instance { get; } = new();

    public string Name => "Clp";

    /// <inheritdoc />
    public LpResult Solve(LinearModel model, SolverOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var session = CreateSession(model, options);
        return session.Solve(cancellationToken);
    }

    /// <inheritdoc cref="ILpSolver.CreateSession" />
    public ClpLpSession CreateSession(LinearModel model, SolverOptions? options = null) =>
        new(model, options ?? SolverOptions.Default);

    ILpSession ILpSolver.CreateSession(LinearModel model, SolverOptions? options) => CreateSession(model, options);
}
