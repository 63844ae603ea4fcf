using System.Text;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Validation;

/// <summary>Plain-text rendering of a <see cref="ValidationReport"/> for consoles and logs.</summary>
public static class ValidationReportText
{
    /// <summary>
    /// One line per issue, errors first ("ERROR   recipes[3].rate: message"), each followed by its
    /// hint, then a one-line verdict.
    /// </summary>
    public static string Format(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var ordered = report.Issues
            .Select((issue, order) => (issue, order))
            .OrderBy(x => x.issue.Severity == ValidationIssue.Types.Severity.Error ? 0 : 1)
            .ThenBy(x => x.order);
        foreach (var (issue, _) in ordered)
        {
            var label = issue.Severity == ValidationIssue.Types.Severity.Error ? "ERROR  " : "WARNING";
            sb.Append(label).Append(' ').Append(issue.Path).Append(": ").Append(issue.Message).Append(" [").Append(issue.Code).Append(']').AppendLine();
            if (issue.Hint.Length > 0)
                sb.Append("        hint: ").Append(issue.Hint).AppendLine();
        }
        var errors = report.Issues.Count(i => i.Severity == ValidationIssue.Types.Severity.Error);
        var warnings = report.Issues.Count - errors;
        sb.Append(report.Valid ? "Valid" : "Invalid").Append(": ")
          .Append(errors).Append(errors == 1 ? " error, " : " errors, ")
          .Append(warnings).Append(warnings == 1 ? " warning." : " warnings.");
        if (report.Summary is { } s)
            sb.Append($" {s.Sites} sites, {s.Lines} lines, {s.Products} products, {s.Recipes} recipes, {s.Orders} orders, {s.Buckets} buckets.");
        return sb.ToString();
    }
}
