using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Lots: consecutive runs of one product on a line (in time order, idle gaps allowed, since the
/// set-up state is kept) form one lot; on a setup_per_bucket line a bucket boundary also starts
/// a new lot. A lot starts in the bucket of its first run.
/// <list type="bullet">
/// <item>min_run_quantity (of the first run's recipe) applies to a lot whose first run needs a
/// changeover (a product switch, or the lost state of a setup_per_bucket line; the first lot on
/// a clean line needs none): the lot's runs in its start bucket must make at least that much.</item>
/// <item>max_runs_per_bucket counts the lots that start in a bucket.</item>
/// </list>
/// Runs after the changeover check, which marks the runs that need a changeover.
/// </summary>
internal sealed class LotCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        foreach (var (line, runs) in ctx.RunsByLine())
        {
            var lotsPerBucket = new Dictionary<int, List<int>>();
            for (var k = 0; k < runs.Count;)
            {
                var first = runs[k];
                var end = k + 1;
                while (end < runs.Count && runs[end].Product.Id == first.Product.Id
                       && !(line.SetupPerBucket && runs[end].Bucket != runs[end - 1].Bucket))
                {
                    end++;
                }

                if (first.Bucket >= 0)
                {
                    if (!lotsPerBucket.TryGetValue(first.Bucket, out var starts))
                    {
                        starts = [];
                        lotsPerBucket[first.Bucket] = starts;
                    }

                    starts.Add(first.Index);
                }

                var min = first.Recipe.MinRunQuantity;
                if (first.NeedsChangeover && min > 0)
                {
                    var made = runs.Skip(k).Take(end - k).Where(r => r.Bucket == first.Bucket).Sum(r => r.Quantity);
                    if (!Tolerance.Le(min, made))
                    {
                        ctx.Add(ViolationCodes.RunBelowMinQuantity, first.Path,
                            $"The lot of '{first.Product.Id}' on line '{line.Id}' starting with run {first.Index} at {T(first.Start)} makes {Q(made)} units in bucket {first.Bucket}; recipe '{first.Recipe.Id}' needs at least min_run_quantity {Q(min)} after a changeover.");
                    }
                }

                k = end;
            }

            if (line.HasMaxRunsPerBucket)
            {
                foreach (var (bucket, starts) in lotsPerBucket.OrderBy(kv => kv.Key))
                {
                    if (starts.Count > line.MaxRunsPerBucket)
                    {
                        ctx.Add(ViolationCodes.MaxRunsPerBucketExceeded, $"buckets[{bucket}]",
                            $"{starts.Count} lots start on line '{line.Id}' in bucket {bucket} (runs {string.Join(", ", starts)}); max_runs_per_bucket is {line.MaxRunsPerBucket}.");
                    }
                }
            }
        }
    }
}
