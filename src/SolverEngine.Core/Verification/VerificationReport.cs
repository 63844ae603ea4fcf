using System.Globalization;
using System.Text;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Verification;

/// <summary>
/// What <see cref="PlanVerifier.Verify"/> found: every violation, and the plan's cost recomputed
/// from the model (never taken from the plan's own numbers).
/// </summary>
public sealed class VerificationReport
{
    /// <summary>Relative tolerance of the objective comparison.</summary>
    public const double ObjectiveRelativeTolerance = 1e-6;

    internal VerificationReport(IReadOnlyList<Violation> violations, CostBreakdown costs, double? reportedObjective)
    {
        Violations = violations;
        Costs = costs;
        ReportedObjective = reportedObjective;
    }

    /// <summary>Every broken rule, in the order the checks ran (bucket grid, runs, changeovers, ...).</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>The objective terms recomputed from the model; <c>Total</c> is their sum.</summary>
    public CostBreakdown Costs { get; }

    /// <summary>The objective the caller reported, if any.</summary>
    public double? ReportedObjective { get; }

    /// <summary>
    /// True when no rule is broken; a reported objective that differs from the recomputed total
    /// by more than 1e-6 relative is itself a violation (<see cref="ViolationCodes.ObjectiveMismatch"/>).
    /// </summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>A short human-readable report for the command line.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(IsValid ? "Plan is VALID." : $"Plan is INVALID: {Violations.Count} violation(s).");
        foreach (var group in Violations.GroupBy(v => v.Code))
        {
            sb.AppendLine(c, $"  {group.Key} ({group.Count()})");
            foreach (var v in group)
            {
                sb.AppendLine(c, $"    {v.Path}: {v.Message}");
            }
        }

        sb.AppendLine("Recomputed cost:");
        void Line(string name, double value) => sb.AppendLine(c, $"  {name,-13}{value,18:F4}");
        Line("production", Costs.Production);
        Line("changeover", Costs.Changeover);
        Line("holding", Costs.Holding);
        Line("backlog", Costs.Backlog);
        Line("lost_sales", Costs.LostSales);
        Line("transport", Costs.Transport);
        Line("purchasing", Costs.Purchasing);
        Line("safety_stock", Costs.SafetyStock);
        Line("stability", Costs.Stability);
        Line("total", Costs.Total);
        if (ReportedObjective is { } reported)
        {
            sb.AppendLine(c, $"  {"reported",-13}{reported,18:F4}");
        }

        return sb.ToString();
    }
}
