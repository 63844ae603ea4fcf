using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// plan.bucket_quantities is the aggregate view of the runs: each reported (recipe, bucket)
/// quantity equals the good output of the runs with that recipe that start in the bucket, and
/// names that recipe's line and product. When the plan reports any bucket quantities, every
/// (recipe, bucket) with output must be reported. A plan that reports none is not checked.
/// </summary>
internal sealed class BucketQuantityCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var reported = ctx.Plan.BucketQuantities;
        if (reported.Count == 0)
        {
            return;
        }

        var made = new Dictionary<(string Recipe, int Bucket), double>();
        foreach (var r in ctx.Runs.Where(r => r.Bucket >= 0))
        {
            made[(r.Recipe.Id, r.Bucket)] = made.GetValueOrDefault((r.Recipe.Id, r.Bucket)) + r.Quantity;
        }

        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < reported.Count; i++)
        {
            var q = reported[i];
            var path = $"bucket_quantities[{i}]";
            if (!ctx.Recipes.TryGetValue(q.RecipeId, out var recipe) || q.BucketIndex >= ctx.Buckets.Count)
            {
                ctx.Add(ViolationCodes.UnknownReference, path,
                    $"Bucket quantity {i} names recipe '{q.RecipeId}' and bucket {q.BucketIndex}; the model has no such recipe or the horizon has {ctx.Buckets.Count} bucket(s).");
                continue;
            }

            var key = (recipe.Id, (int)q.BucketIndex);
            var expected = made.GetValueOrDefault(key);
            var sameEntity = (q.LineId.Length == 0 || q.LineId == recipe.LineId) && (q.ProductId.Length == 0 || q.ProductId == recipe.ProductId);
            if (!seen.Add(key))
            {
                ctx.Add(ViolationCodes.BucketQuantityMismatch, path,
                    $"Bucket quantity {i} reports recipe '{recipe.Id}' in bucket {q.BucketIndex} a second time; each recipe and bucket is reported once.");
            }
            else if (!sameEntity || !Tolerance.Eq(q.Quantity, expected))
            {
                ctx.Add(ViolationCodes.BucketQuantityMismatch, path,
                    $"Bucket quantity {i} reports {Q(q.Quantity)} of '{q.ProductId}' on '{q.LineId}' by recipe '{recipe.Id}' in bucket {q.BucketIndex}; the runs make {Q(expected)} of '{recipe.ProductId}' on '{recipe.LineId}' there.");
            }
        }

        foreach (var ((recipeId, bucket), quantity) in made.OrderBy(kv => kv.Key.Bucket).ThenBy(kv => kv.Key.Recipe, StringComparer.Ordinal))
        {
            if (!seen.Contains((recipeId, bucket)) && !Tolerance.Eq(quantity, 0))
            {
                ctx.Add(ViolationCodes.BucketQuantityMismatch, "bucket_quantities",
                    $"Runs make {Q(quantity)} units by recipe '{recipeId}' in bucket {bucket}, but bucket_quantities has no entry for it.");
            }
        }
    }
}
