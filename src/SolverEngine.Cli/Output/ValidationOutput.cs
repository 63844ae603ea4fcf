using SolverEngine.Contracts.V1;

namespace SolverEngine.Cli.Output;

/// <summary>Prints a validation report: one problem per line, errors first, each with its field path.</summary>
internal static class ValidationOutput
{
    public static void WriteIssues(TextWriter writer, ValidationReport report)
    {
        foreach (var issue in report.Issues.OrderBy(i => i.Severity == ValidationIssue.Types.Severity.Error ? 0 : 1))
        {
            var level = issue.Severity == ValidationIssue.Types.Severity.Warning ? "warning" : "error";
            var hint = string.IsNullOrEmpty(issue.Hint) ? "" : $" Hint: {issue.Hint}";
            writer.WriteLine($"{level}: {issue.Path}: {issue.Message}{hint} [{issue.Code}]");
        }
    }

    public static void WriteSummary(TextWriter writer, string source, ValidationReport report)
    {
        var s = report.Summary;
        var warnings = report.Issues.Count(i => i.Severity == ValidationIssue.Types.Severity.Warning);
        if (s is null)
        {
            writer.WriteLine($"{source}: valid, {warnings} warning(s)");
            return;
        }
        writer.WriteLine(
            $"{source}: valid ({s.Sites} sites, {s.Lines} lines, {s.Products} products, {s.Recipes} recipes, " +
            $"{s.Buckets} buckets from {s.HorizonStart?.ToDateTime():yyyy-MM-dd} to {s.HorizonEnd?.ToDateTime():yyyy-MM-dd}, " +
            $"{s.Orders} orders), {warnings} warning(s)");
    }
}
