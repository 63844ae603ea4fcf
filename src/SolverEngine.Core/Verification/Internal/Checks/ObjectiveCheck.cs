using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// The last check: adds the production cost (good units x recipe variable_cost), totals the
/// breakdown the earlier checks filled (the stability term comes from the stability check), and
/// compares a reported objective (1e-6 relative).
/// </summary>
internal sealed class ObjectiveCheck(double? reportedObjective) : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var costs = ctx.Costs;
        costs.Production = ctx.Runs.Sum(r => r.Quantity * r.Recipe.VariableCost);
        costs.Total = costs.Production + costs.Changeover + costs.Holding + costs.Backlog + costs.LostSales
            + costs.Transport + costs.Purchasing + costs.SafetyStock + costs.Stability;
        if (reportedObjective is { } reported
            && Math.Abs(reported - costs.Total) > VerificationReport.ObjectiveRelativeTolerance * Math.Max(1.0, Math.Max(Math.Abs(reported), Math.Abs(costs.Total))))
        {
            ctx.Add(ViolationCodes.ObjectiveMismatch, "objective",
                $"Reported objective {Q(reported)} differs from the recomputed total {Q(costs.Total)} by {Q(reported - costs.Total)} (tolerance 1e-6 relative).");
        }
    }
}
