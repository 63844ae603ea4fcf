using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class GanttCommand
{
    public static Command Create()
    {
        var result = CommonOptions.ResultArgument();
        var model = new Option<FileInfo>("--model", "-m") { Description = "The model (adds downtime, tanks, assets and fences)" };
        var output = CommonOptions.Out("HTML file to write", required: true);
        var command = new Command("gantt", "Write a self-contained, zoomable HTML Gantt chart of a plan")
        {
            result, model, output,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("gantt", "process-physics issue"));
        return command;
    }
}
