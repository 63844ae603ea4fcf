using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format", "-f") { Description = "trigeiro, glsppl, mpclsp or tsplib", Required = true };
        format.AcceptOnlyFromAmong("trigeiro", "glsppl", "mpclsp", "tsplib");
        var output = CommonOptions.Out("Model file to write (JSON)", required: true);
        var file = new Argument<FileInfo>("file") { Description = "Instance file in the published format" };
        var command = new Command("import", "Convert a published benchmark instance into a model")
        {
            format, output, file,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("import", "foundation issue"));
        return command;
    }
}
