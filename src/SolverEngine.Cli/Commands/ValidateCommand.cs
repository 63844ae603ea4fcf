using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var model = CommonOptions.ModelArgument();
        var json = new Option<bool>("--json") { Description = "Print the ValidationReport as JSON" };
        var command = new Command("validate", "Check a model; list every problem with its field path (exit 2 when invalid)")
        {
            model, json,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("validate", "foundation issue"));
        return command;
    }
}
