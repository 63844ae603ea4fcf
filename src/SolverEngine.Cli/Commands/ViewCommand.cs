using System.CommandLine;
using SolverEngine.Cli.Output;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Views;

namespace SolverEngine.Cli.Commands;

/// <summary>
/// <c>solverengine view result.json --model model.json --granularity DAY|WEEK|MONTH [--site S] [--line L] [--format table|csv|json]</c>:
/// the plan summed per calendar day, ISO week or month by Core's <see cref="PlanViews"/> (the same
/// code as the server's GetPlanView). A result file does not carry its model, and the view needs the
/// model's calendars, recipes and demand, so <c>--model</c> names the model the result was solved from.
/// </summary>
internal static class ViewCommand
{
    public static Command Create()
    {
        var result = CommonOptions.ResultArgument();
        var model = ModelOption("The model the result was solved from (calendars, recipes, demand)");
        var granularity = CommonOptions.Granularity();
        var site = new Option<string>("--site") { Description = "Only this site" };
        var line = new Option<string>("--line") { Description = "Only this line (and, at its site, the products it makes)" };
        var format = new Option<string>("--format", "-f") { Description = "table (default), csv or json (the PlanView message)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("view", "Production, demand, inventory and utilisation per day, week or month, summed from the runs")
        {
            result, model, granularity, site, line, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var g = ParseGranularity(parse.GetValue(granularity));
            var (planningModel, solveResult) = await LoadPlanAsync(parse.GetRequiredValue(model), parse.GetRequiredValue(result), ct);
            PlanViewTable table;
            try
            {
                table = PlanViews.Build(planningModel, solveResult.Plan, g, parse.GetValue(site), parse.GetValue(line));
            }
            catch (ArgumentException ex)
            {
                throw new CliException(WithoutParameterName(ex), ExitCodes.InvalidInput);
            }
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "csv":
                    PlanViewOutput.WriteCsv(output, table);
                    break;
                case "json":
                    output.WriteLine(Google.Protobuf.JsonFormatter.Default.Format(table.ToProto()));
                    break;
                default:
                    PlanViewOutput.WriteTables(output, table);
                    break;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Option<FileInfo> ModelOption(string description) => new("--model", "-m")
    {
        Description = description,
        Required = true,
    };

    internal static Granularity ParseGranularity(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "DAY" => Granularity.Day,
        "WEEK" => Granularity.Week,
        "MONTH" => Granularity.Month,
        _ => throw new CliException($"--granularity is '{text}'; use DAY, WEEK or MONTH.", ExitCodes.InvalidInput),
    };

    /// <summary>
    /// Loads a model and a result and checks that they belong together (every run names a line and
    /// a product of the model), so a wrong --model is one clear error rather than an empty view.
    /// </summary>
    internal static async Task<(PlanningModel Model, SolveResult Result)> LoadPlanAsync(FileInfo modelFile, FileInfo resultFile, CancellationToken ct)
    {
        var model = await ModelFiles.LoadAsync(modelFile.FullName, ct);
        var result = await MessageFiles.LoadAsync<SolveResult>(resultFile.FullName, ct);
        if (result.Plan is null)
            throw new CliException($"the result has no plan (status {ResultSummary.StatusName(result.Status)}); nothing to show", ExitCodes.Failure);
        var lines = model.Lines.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var products = model.Products.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var run in result.Plan.Runs)
        {
            if (!lines.Contains(run.LineId) || !products.Contains(run.ProductId))
                throw new CliException(
                    $"{resultFile.Name} has a run of product '{run.ProductId}' on line '{run.LineId}', which {modelFile.Name} does not have; pass the model the result was solved from (--model)",
                    ExitCodes.InvalidInput);
        }
        return (model, result);
    }

    private static string WithoutParameterName(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;
}
