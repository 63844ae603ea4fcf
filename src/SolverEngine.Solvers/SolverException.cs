namespace SolverEngine.Solvers;

/// <summary>
/// The one exception type for native solver failures (library missing, native call failed, numerical breakdown
/// the solver reports as an error). Infeasible, unbounded, time limit and cancellation are not failures: they come
/// back as a <see cref="SolveStatus"/>. Caller misuse throws the standard .NET exceptions instead.
/// </summary>
public sealed class SolverException : Exception
{
    public SolverException(string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>True when retrying the same call may succeed (e.g. native memory pressure).</summary>
    public bool IsTransient { get; }
}
