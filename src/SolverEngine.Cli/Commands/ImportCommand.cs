using System.CommandLine;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import;
using SolverEngine.Core.Modeling;

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
        command.SetAction(async (parse, ct) =>
        {
            var source = parse.GetRequiredValue(file).FullName;
            PlanningModel model = parse.GetRequiredValue(format) switch
            {
                "trigeiro" => TrigeiroImporter.Import(source),
                "glsppl" => GlspplImporter.Import(source),
                "mpclsp" => MpclspImporter.Import(source),
                "tsplib" => TsplibImporter.Import(TsplibReader.ReadFile(source)),
                var other => throw new CliException($"unknown format '{other}'"),
            };
            var target = parse.GetRequiredValue(output);
            await ModelFiles.SaveAsync(model, target.FullName, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {target.Name}: {model.Lines.Count} lines, {model.Products.Count} products, {model.Horizon.Bands.Sum(b => b.Count)} buckets");
            return ExitCodes.Success;
        });
        return command;
    }
}
