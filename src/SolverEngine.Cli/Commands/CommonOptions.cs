using System.CommandLine;

namespace SolverEngine.Cli.Commands;

/// <summary>Arguments and option factories shared by several commands, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Argument<FileInfo> ModelArgument() => new("model")
    {
        Description = "Model file: proto3 JSON (*.json) or binary protobuf (*.pb)",
    };

    public static Argument<FileInfo> ResultArgument() => new("result")
    {
        Description = "Result file written by 'solverengine solve --out' (SolveResult JSON)",
    };

    public static Option<FileInfo> Out(string description, bool required) => new("--out", "-o")
    {
        Description = description,
        Required = required,
    };

    public static Option<string> Granularity() => new("--granularity", "-g")
    {
        Description = "DAY, WEEK or MONTH",
        DefaultValueFactory = _ => "WEEK",
    };

    /// <summary>Placeholder action for a command whose engine part lands with a later issue.</summary>
    public static Task<int> NotYetAvailable(string command, string issue) =>
        throw new CliException($"'{command}' is not available in this build yet ({issue}).", ExitCodes.Failure);
}
