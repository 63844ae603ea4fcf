using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Each run on its own: known line, product and recipe (the recipe makes that product on that
/// line; an empty recipe_id means the only such recipe), start &lt; end inside the horizon and
/// inside the bucket of bucket_index, quantity &gt;= 0, quantity &lt;= rate x yield x working hours
/// in [start, end), batch multiples; and per line no two runs overlap. Resolved runs go to
/// <see cref="VerificationContext.Runs"/> for the later checks.
/// </summary>
internal sealed class RunCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        for (var i = 0; i < ctx.Plan.Runs.Count; i++)
        {
            var resolved = Resolve(ctx, i);
            if (resolved is not null)
            {
                CheckOne(ctx, resolved);
                ctx.Runs.Add(resolved);
            }
        }

        foreach (var (line, runs) in ctx.RunsByLine())
        {
            CheckOverlap(ctx, line, runs);
        }
    }

    private static ResolvedRun? Resolve(VerificationContext ctx, int i)
    {
        var run = ctx.Plan.Runs[i];
        var path = $"runs[{i}]";
        var ok = true;
        if (!ctx.Lines.TryGetValue(run.LineId, out var line))
        {
            ctx.Add(ViolationCodes.UnknownReference, path + ".line_id", $"Run {i} is on line '{run.LineId}', which the model does not have.");
            ok = false;
        }

        if (!ctx.Products.TryGetValue(run.ProductId, out var product))
        {
            ctx.Add(ViolationCodes.UnknownReference, path + ".product_id", $"Run {i} makes product '{run.ProductId}', which the model does not have.");
            ok = false;
        }

        Recipe? recipe = null;
        if (run.RecipeId.Length > 0 && !ctx.Recipes.TryGetValue(run.RecipeId, out recipe))
        {
            ctx.Add(ViolationCodes.UnknownReference, path + ".recipe_id", $"Run {i} uses recipe '{run.RecipeId}', which the model does not have.");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        if (recipe is not null)
        {
            if (recipe.ProductId != run.ProductId || recipe.LineId != run.LineId)
            {
                ctx.Add(ViolationCodes.RunRecipeMismatch, path + ".recipe_id",
                    $"Run {i} makes '{run.ProductId}' on line '{run.LineId}' with recipe '{recipe.Id}', which makes '{recipe.ProductId}' on line '{recipe.LineId}'.");
                return null;
            }
        }
        else
        {
            var candidates = ctx.Model.Recipes.Where(r => r.ProductId == run.ProductId && r.LineId == run.LineId).ToList();
            if (candidates.Count != 1)
            {
                ctx.Add(ViolationCodes.RunRecipeMismatch, path + ".recipe_id", candidates.Count == 0
                    ? $"Run {i}: no recipe makes '{run.ProductId}' on line '{run.LineId}'."
                    : $"Run {i} has no recipe_id and {candidates.Count} recipes make '{run.ProductId}' on line '{run.LineId}' ({string.Join(", ", candidates.Select(c => c.Id))}); name one.");
                return null;
            }

            recipe = candidates[0];
        }

        var start = VerificationContext.Time(run.Start);
        return new ResolvedRun
        {
            Index = i,
            Run = run,
            Line = line!,
            Product = product!,
            Recipe = recipe,
            Start = start,
            End = VerificationContext.Time(run.End),
            Bucket = ctx.Grid.IndexOf(start),
        };
    }

    private static void CheckOne(VerificationContext ctx, ResolvedRun r)
    {
        var desc = $"Run {r.Index} ({r.Product.Id} on {r.Line.Id}, [{T(r.Start)}, {T(r.End)}))";
        if (Tolerance.Negative(r.Quantity))
        {
            ctx.Add(ViolationCodes.NegativeQuantity, r.Path + ".quantity", $"{desc} has quantity {Q(r.Quantity)}; it must be >= 0.");
        }

        if (r.Start >= r.End)
        {
            ctx.Add(ViolationCodes.RunEmptyInterval, r.Path, $"{desc} does not start before it ends.");
            return;
        }

        if (r.Start < ctx.Grid.Start || r.End > ctx.Grid.End)
        {
            ctx.Add(ViolationCodes.OutsideHorizon, r.Path, $"{desc} is not inside the horizon [{T(ctx.Grid.Start)}, {T(ctx.Grid.End)}).");
        }
        else if (r.Run.BucketIndex >= ctx.Buckets.Count)
        {
            ctx.Add(ViolationCodes.RunOutsideBucket, r.Path + ".bucket_index",
                $"{desc} has bucket_index {r.Run.BucketIndex}; the horizon has {ctx.Buckets.Count} bucket(s).");
        }
        else
        {
            var b = ctx.Buckets[(int)r.Run.BucketIndex];
            if (r.Start < b.Start || r.End > b.End)
            {
                ctx.Add(ViolationCodes.RunOutsideBucket, r.Path,
                    $"{desc} is not inside its bucket {b.Index} [{T(b.Start)}, {T(b.End)}); a run lies in one bucket.");
            }
        }

        var hours = ctx.CalendarOf(r.Line).Hours(r.Start, r.End);
        var max = r.Recipe.Rate * r.Yield * hours;
        if (!Tolerance.Le(r.Quantity, max))
        {
            ctx.Add(ViolationCodes.RunRateExceeded, r.Path + ".quantity",
                $"{desc} makes {Q(r.Quantity)} units in {H(hours)} of working time; recipe '{r.Recipe.Id}' allows at most rate {Q(r.Recipe.Rate)} x yield {Q(r.Yield)} x {H(hours)} = {Q(max)}.");
        }

        var batch = r.Recipe.BatchSize;
        if (batch > 0)
        {
            var k = Math.Round(r.Quantity / batch);
            if (!Tolerance.Eq(r.Quantity, k * batch))
            {
                ctx.Add(ViolationCodes.RunBatchSize, r.Path + ".quantity",
                    $"{desc} makes {Q(r.Quantity)} units; recipe '{r.Recipe.Id}' makes multiples of batch_size {Q(batch)} (nearest: {Q(k * batch)}).");
            }
        }
    }

    private static void CheckOverlap(VerificationContext ctx, Line line, List<ResolvedRun> runs)
    {
        ResolvedRun? latest = null; // the run reaching furthest so far
        foreach (var r in runs.Where(r => r.Start < r.End))
        {
            if (latest is not null && !Tolerance.TimeLe(latest.End, r.Start))
            {
                ctx.Add(ViolationCodes.RunOverlap, r.Path,
                    $"On line '{line.Id}', run {r.Index} ({r.Product.Id}, starts {T(r.Start)}) overlaps run {latest.Index} ({latest.Product.Id}, [{T(latest.Start)}, {T(latest.End)})).");
            }

            if (latest is null || r.End > latest.End)
            {
                latest = r;
            }
        }
    }
}
