using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Plan stability (model.proto, Policy): the runs of previous_plan and of the plan that start in
/// the slushy zone [horizon start + frozen, horizon start + slushy) and are not frozen are grouped
/// by (line_id, product_id) and paired in start order (ties: end, then quantity, then plan order).
/// A pair whose start or end differs by more than 1 s, or whose quantity differs by more than
/// 1e-6 relative (at least 1e-6 absolute), is one run moved; an unpaired previous run is removed,
/// an unpaired new run is added. Without previous_plan nothing is counted. Sets
/// CostBreakdown.stability = stability_cost x (moved + added + removed), and when the plan reports
/// KPIs, kpis.stability must hold the same three counts (absent = all zero).
/// </summary>
internal sealed class StabilityCheck : IPlanCheck
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public void Check(VerificationContext ctx)
    {
        var (moved, added, removed) = Count(ctx);
        ctx.Costs.Stability = (ctx.Model.Policy?.StabilityCost ?? 0.0) * (moved + added + removed);
        if (ctx.Plan.Kpis is not { } kpis)
        {
            return;
        }

        var reported = kpis.Stability ?? new PlanStability();
        if (reported.RunsMoved != moved || reported.RunsAdded != added || reported.RunsRemoved != removed)
        {
            ctx.Add(ViolationCodes.StabilityMismatch, "kpis.stability",
                $"The plan reports {reported.RunsMoved} moved, {reported.RunsAdded} added, {reported.RunsRemoved} removed run(s) against the previous plan; "
                + $"recomputed over the slushy zone [{T(SlushyStart(ctx))}, {T(SlushyEnd(ctx))}): {moved} moved, {added} added, {removed} removed.");
        }
    }

    /// <summary>(moved, added, removed) of the plan against the model's previous_plan.</summary>
    internal static (uint Moved, uint Added, uint Removed) Count(VerificationContext ctx)
    {
        if (ctx.Model.PreviousPlan is not { } previous)
        {
            return (0, 0, 0);
        }

        var (from, to) = (SlushyStart(ctx), SlushyEnd(ctx));
        var before = Slushy(previous.Runs, from, to);
        var after = Slushy(ctx.Plan.Runs, from, to);
        uint moved = 0, added = 0, removed = 0;
        foreach (var key in before.Keys.Union(after.Keys))
        {
            var b = before.GetValueOrDefault(key) ?? [];
            var a = after.GetValueOrDefault(key) ?? [];
            var pairs = Math.Min(a.Count, b.Count);
            for (var k = 0; k < pairs; k++)
            {
                if (Moved(b[k], a[k]))
                {
                    moved++;
                }
            }

            removed += (uint)(b.Count - pairs);
            added += (uint)(a.Count - pairs);
        }

        return (moved, added, removed);
    }

    private static DateTime SlushyStart(VerificationContext ctx) => ctx.Grid.FrozenEnd;

    private static DateTime SlushyEnd(VerificationContext ctx) => ctx.Grid.Start + (ctx.Model.Horizon.Slushy?.ToTimeSpan() ?? TimeSpan.Zero);

    private static Dictionary<(string Line, string Product), List<Run>> Slushy(IEnumerable<Run> runs, DateTime from, DateTime to) =>
        runs.Select((run, index) => (run, index))
            .Where(x => !x.run.Frozen && VerificationContext.Time(x.run.Start) is var s && s >= from && s < to)
            .GroupBy(x => (x.run.LineId, x.run.ProductId))
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(x => VerificationContext.Time(x.run.Start)).ThenBy(x => VerificationContext.Time(x.run.End))
                    .ThenBy(x => x.run.Quantity).ThenBy(x => x.index).Select(x => x.run).ToList());

    private static bool Moved(Run previous, Run current)
    {
        var startMoved = (VerificationContext.Time(previous.Start) - VerificationContext.Time(current.Start)).Duration() > OneSecond;
        var endMoved = (VerificationContext.Time(previous.End) - VerificationContext.Time(current.End)).Duration() > OneSecond;
        var tolerance = Math.Max(1e-6, 1e-6 * Math.Max(Math.Abs(previous.Quantity), Math.Abs(current.Quantity)));
        return startMoved || endMoved || Math.Abs(previous.Quantity - current.Quantity) > tolerance;
    }
}
