using System.CommandLine;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Verification;

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
        command.SetAction(async (parse, ct) =>
        {
            var planningModel = await ModelFiles.LoadAsync(parse.GetRequiredValue(model).FullName, ct);
            var solveResult = await MessageFiles.LoadAsync<SolveResult>(parse.GetRequiredValue(result).FullName, ct);
            if (solveResult.Plan is null)
                throw new CliException($"the result has no plan (status {Output.ResultSummary.StatusName(solveResult.Status)}); nothing to verify", ExitCodes.Failure);
            var report = PlanVerifier.Verify(planningModel, solveResult.Plan, solveResult.Objective);
            parse.InvocationConfiguration.Output.WriteLine(report.ToText());
            return report.IsValid ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
