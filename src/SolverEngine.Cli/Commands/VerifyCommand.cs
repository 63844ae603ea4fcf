using System.CommandLine;

namespace SolverEngine.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create()
    {
        var model = CommonOptions.ModelArgument();
        var result = CommonOptions.ResultArgument();
        var command = new Command("verify", "Check a plan against its model with the independent verifier (exit 1 on any violation)")
        {
            model, result,
        };
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("verify", "integrated-plan issue"));
        return command;
    }
}
