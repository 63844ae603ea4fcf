using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using Severity = SolverEngine.Contracts.V1.ValidationIssue.Types.Severity;

namespace SolverEngine.Core.Tests.Validation;

public abstract class ValidatorTestBase
{
    /// <summary>Asserts the model has an issue with this code, path and severity, and returns it.</summary>
    protected static ValidationIssue AssertIssue(PlanningModel model, string code, string path, Severity severity = Severity.Error)
    {
        var report = ModelValidator.Validate(model);
        var issue = report.Issues.FirstOrDefault(i => i.Code == code && i.Path == path);
        Assert.True(issue is not null,
            $"Expected {code} at {path}; got:\n" + string.Join("\n", report.Issues.Select(i => $"  {i.Severity} {i.Code} {i.Path}: {i.Message}")));
        Assert.Equal(severity, issue!.Severity);
        Assert.False(string.IsNullOrWhiteSpace(issue.Message));
        Assert.False(string.IsNullOrWhiteSpace(issue.Hint));
        Assert.Equal(severity != Severity.Error && report.Issues.All(i => i.Severity != Severity.Error), report.Valid);
        return issue;
    }

    protected static void AssertNoIssue(PlanningModel model, string code)
    {
        var report = ModelValidator.Validate(model);
        Assert.DoesNotContain(report.Issues, i => i.Code == code);
    }
}
