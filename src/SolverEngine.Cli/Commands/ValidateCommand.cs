using System.CommandLine;
using SolverEngine.Cli.Output;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Validation;

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
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(model);
            var report = ModelValidator.Validate(await ModelFiles.LoadAsync(file.FullName, ct));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
                output.WriteLine(MessageFiles.ToJson(report));
            else
            {
                ValidationOutput.WriteIssues(report.Valid ? output : parse.InvocationConfiguration.Error, report);
                if (report.Valid)
                    ValidationOutput.WriteSummary(output, file.Name, report);
            }
            return report.Valid ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }
}
