using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var instances = new Option<DirectoryInfo>("--instances") { Description = "Folder of model files" };
        var size = new Option<string>("--size") { Description = "Generated size: S, M, L or XL" };
        size.AcceptOnlyFromAmong("S", "M", "L", "XL");
        var seed = new Option<int>("--seed") { Description = "Seed for generated instances", DefaultValueFactory = _ => 1 };
        var import = new Option<string[]>("--import") { Description = "FORMAT DIR: import a published set", Arity = new ArgumentArity(2, 2) };
        var profiles = new Option<string>("--profiles") { Description = "Comma-separated profiles", DefaultValueFactory = _ => "default" };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds per run", DefaultValueFactory = _ => 60 };
        var repeats = new Option<int>("--repeats") { Description = "Runs per instance and profile", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = all cores)" };
        var output = CommonOptions.Out("Folder for the CSV, Markdown and SVG outputs", required: false);
        var command = new Command("bench", "Run instances x profiles x repeats with baselines side by side")
        {
            instances, size, seed, import, profiles, timeLimit, repeats, threads, output,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("bench", "benchmarks issue"));
        return command;
    }
}
