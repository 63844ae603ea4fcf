using System.Text;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Validation;

/// <summary>
/// A model was given to an operation that needs a valid one (compile, solve) and it has errors.
/// <see cref="Report"/> lists every problem with its field path; the message shows the first few.
/// </summary>
public sealed class ModelValidationException : ArgumentException
{
    private const int ErrorsInMessage = 10;

    public ModelValidationException(ValidationReport report)
        : base(BuildMessage(report))
    {
        Report = report;
    }

    public ValidationReport Report { get; }

    public IEnumerable<ValidationIssue> Errors => Report.Issues.Where(i => i.Severity == ValidationIssue.Types.Severity.Error);

    private static string BuildMessage(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = report.Issues.Where(i => i.Severity == ValidationIssue.Types.Severity.Error).ToList();
        var sb = new StringBuilder();
        sb.Append("The model is invalid: ").Append(errors.Count).Append(errors.Count == 1 ? " error." : " errors.");
        foreach (var e in errors.Take(ErrorsInMessage))
            sb.Append('\n').Append("  ").Append(e.Path).Append(": ").Append(e.Message);
        if (errors.Count > ErrorsInMessage)
            sb.Append('\n').Append("  ... and ").Append(errors.Count - ErrorsInMessage).Append(" more (see Report).");
        return sb.ToString();
    }
}
