using System.CommandLine;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Modeling;

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
        command.SetAction(async (parse, ct) =>
        {
            var instanceSize = Enum.Parse<InstanceSize>(parse.GetRequiredValue(size));
            var model = InstanceGenerator.Generate(instanceSize, parse.GetValue(seed));
            var file = parse.GetRequiredValue(output);
            await ModelFiles.SaveAsync(model, file.FullName, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {file.Name}: {model.Sites.Count} sites, {model.Lines.Count} lines, {model.Products.Count} products, " +
                $"{model.Orders.Count} orders, {model.Forecasts.Count} forecasts");
            return ExitCodes.Success;
        });
        return command;
    }
}
