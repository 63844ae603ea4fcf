using System.CommandLine;
using SolverEngine.Cli.Output.Gantt;

namespace SolverEngine.Cli.Commands;

/// <summary>
/// <c>solverengine gantt result.json --model model.json --out plan.html</c>: a self-contained,
/// zoomable HTML Gantt chart of the plan (see <see cref="GanttPage"/>). The model is required: a
/// result file does not carry it, and the chart needs families, calendars, assets, tanks and fences.
/// </summary>
internal static class GanttCommand
{
    public static Command Create()
    {
        var result = CommonOptions.ResultArgument();
        var model = ViewCommand.ModelOption("The model the result was solved from (families, calendars, assets, tanks, fences)");
        var output = CommonOptions.Out("HTML file to write", required: true);
        var command = new Command("gantt", "Write a self-contained, zoomable HTML Gantt chart of a plan")
        {
            result, model, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (planningModel, solveResult) = await ViewCommand.LoadPlanAsync(parse.GetRequiredValue(model), parse.GetRequiredValue(result), ct);
            var html = GanttPage.Render(planningModel, solveResult);
            var file = parse.GetRequiredValue(output);
            if (file.Directory is { Exists: false } dir)
                dir.Create();
            await File.WriteAllTextAsync(file.FullName, html, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {file.FullName} ({solveResult.Plan.Runs.Count} runs, {planningModel.Lines.Count} lines, {planningModel.SharedAssets.Count} shared assets, {planningModel.Tanks.Count} tanks)");
            return ExitCodes.Success;
        });
        return command;
    }
}
