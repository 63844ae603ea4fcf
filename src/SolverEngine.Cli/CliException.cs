namespace SolverEngine.Cli;

/// <summary>A user-facing error: printed as one line (no stack trace), with its exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.InvalidInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
