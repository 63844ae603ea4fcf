using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Every model frozen run appears unchanged (line, product, start, end, quantity, and recipe
/// when the frozen run names one). Nothing else is planned in the frozen zone: a run that is not
/// a frozen run may not start before horizon start + frozen, and a run marked frozen must be one.
/// </summary>
internal sealed class FrozenRunCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var accounted = new HashSet<int>(); // runs that match, or were reported as a changed frozen run
        for (var j = 0; j < ctx.Model.FrozenRuns.Count; j++)
        {
            var f = ctx.Model.FrozenRuns[j];
            var (fs, fe) = (VerificationContext.Time(f.Start), VerificationContext.Time(f.End));
            var desc = $"Frozen run {j} ({f.ProductId} on {f.LineId}, [{T(fs)}, {T(fe)}), {Q(f.Quantity)} units)";
            var same = ctx.Runs.FirstOrDefault(r => !accounted.Contains(r.Index) && r.Line.Id == f.LineId && r.Product.Id == f.ProductId
                && Tolerance.TimeEq(r.Start, fs) && Tolerance.TimeEq(r.End, fe) && Tolerance.Eq(r.Quantity, f.Quantity)
                && (f.RecipeId.Length == 0 || r.Recipe.Id == f.RecipeId));
            if (same is not null)
            {
                accounted.Add(same.Index);
                continue;
            }

            // The same run, moved or resized: same line and product, overlapping the frozen interval.
            var changed = ctx.Runs.FirstOrDefault(r => !accounted.Contains(r.Index) && r.Line.Id == f.LineId && r.Product.Id == f.ProductId
                && r.Start < fe && fs < r.End);
            if (changed is not null)
            {
                accounted.Add(changed.Index);
                ctx.Add(ViolationCodes.FrozenRunChanged, changed.Path,
                    $"{desc} appears changed as run {changed.Index} ([{T(changed.Start)}, {T(changed.End)}), {Q(changed.Quantity)} units, recipe '{changed.Recipe.Id}'); frozen runs are kept exactly.");
            }
            else
            {
                ctx.Add(ViolationCodes.FrozenRunMissing, $"model.frozen_runs[{j}]", $"{desc} is not in the plan; frozen runs are kept exactly.");
            }
        }

        foreach (var r in ctx.Runs.Where(r => !accounted.Contains(r.Index)))
        {
            if (r.Run.Frozen)
            {
                ctx.Add(ViolationCodes.FrozenZoneViolated, r.Path + ".frozen",
                    $"Run {r.Index} ({r.Product.Id} on {r.Line.Id}, starts {T(r.Start)}) is marked frozen but matches no frozen run of the model.");
            }
            else if (r.Start < ctx.Grid.FrozenEnd && r.Start >= ctx.Grid.Start)
            {
                ctx.Add(ViolationCodes.FrozenZoneViolated, r.Path,
                    $"Run {r.Index} ({r.Product.Id} on {r.Line.Id}) starts at {T(r.Start)}, inside the frozen zone [{T(ctx.Grid.Start)}, {T(ctx.Grid.FrozenEnd)}) where only frozen runs are planned.");
            }
        }
    }
}
