using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class GenerateCommand
{
    public static Command Create()
    {
        var size = new Option<string>("--size", "-s") { Description = "S, M, L or XL", Required = true };
        size.AcceptOnlyFromAmong("S", "M", "L", "XL");
        var seed = new Option<int>("--seed") { Description = "Generator seed (same seed, same file)", DefaultValueFactory = _ => 1 };
        var output = CommonOptions.Out("Model file to write (JSON)", required: true);
        var command = new Command("generate", "Generate a realistic, valid model of a given size (deterministic by seed)")
        {
            size, seed, output,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("generate", "foundation issue"));
        return command;
    }
}
