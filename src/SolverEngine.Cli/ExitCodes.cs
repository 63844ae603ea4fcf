namespace SolverEngine.Cli;

/// <summary>Process exit codes of the <c>solverengine</c> command, one table for every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran but found problems (a plan with violations, a failed solve).</summary>
    public const int Failure = 1;
    /// <summary>The input is invalid (a model with validation errors, a bad argument or file).</summary>
    public const int InvalidInput = 2;
}
