using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class SolveCommand
{
    public static Command Create()
    {
        var model = CommonOptions.ModelArgument();
        var timeLimit = new Option<double>("--time-limit", "-t") { Description = "Seconds", DefaultValueFactory = _ => 60 };
        var gap = new Option<double>("--gap") { Description = "Relative gap to stop at", DefaultValueFactory = _ => 1e-4 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = all cores)" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed" };
        var deterministic = new Option<bool>("--deterministic") { Description = "Same input, same plan, at any thread count" };
        var profile = new Option<string>("--profile") { Description = "fast, default, quality or a user-defined profile" };
        var parameters = new Option<string[]>("--param") { Description = "Low-level override key=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = CommonOptions.Out("Result file to write (SolveResult JSON)", required: false);
        var server = new Option<Uri>("--server") { Description = "Solve on a SolverEngine server (e.g. http://127.0.0.1:50051) instead of in-process" };
        var command = new Command("solve", "Solve a model and write the plan")
        {
            model, timeLimit, gap, threads, seed, deterministic, profile, parameters, output, server,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("solve", "integrated-plan issue"));
        return command;
    }
}
