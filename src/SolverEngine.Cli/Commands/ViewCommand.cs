using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class ViewCommand
{
    public static Command Create()
    {
        var result = CommonOptions.ResultArgument();
        var granularity = CommonOptions.Granularity();
        var site = new Option<string>("--site") { Description = "Only this site" };
        var line = new Option<string>("--line") { Description = "Only this line" };
        var command = new Command("view", "Production, demand, inventory and utilisation per period, summed from the runs")
        {
            result, granularity, site, line,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("view", "process-physics issue"));
        return command;
    }
}
