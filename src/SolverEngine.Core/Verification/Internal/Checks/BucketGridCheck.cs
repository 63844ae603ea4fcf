using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>plan.buckets must be the grid recomputed from the horizon: same count, and per bucket
/// the same index, start, end, granularity name and fence. All other checks use the recomputed grid.</summary>
internal sealed class BucketGridCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var planned = ctx.Plan.Buckets;
        var expected = ctx.Buckets;
        if (planned.Count != expected.Count)
        {
            ctx.Add(ViolationCodes.BucketGridMismatch, "buckets",
                $"Plan has {planned.Count} bucket(s); the horizon defines {expected.Count} (from {T(ctx.Grid.Start)} to {T(ctx.Grid.End)}).");
        }

        for (var i = 0; i < Math.Min(planned.Count, expected.Count); i++)
        {
            var p = planned[i];
            var e = expected[i];
            var problems = new List<string>();
            if (p.Index != e.Index)
            {
                problems.Add($"index {p.Index}, expected {e.Index}");
            }

            var (ps, pe) = (VerificationContext.Time(p.Start), VerificationContext.Time(p.End));
            if (ps != e.Start || pe != e.End)
            {
                problems.Add($"[{T(ps)}, {T(pe)}), expected [{T(e.Start)}, {T(e.End)})");
            }

            var granularity = GranularityName(e.Granularity);
            if (p.Granularity != granularity)
            {
                problems.Add($"granularity '{p.Granularity}', expected '{granularity}'");
            }

            if (p.Fence != e.Fence)
            {
                problems.Add($"fence '{p.Fence}', expected '{e.Fence}'");
            }

            if (problems.Count > 0)
            {
                ctx.Add(ViolationCodes.BucketGridMismatch, $"buckets[{i}]", $"Bucket {i} has " + string.Join("; ", problems) + ".");
            }
        }
    }

    private static string GranularityName(Granularity g) => g switch
    {
        Granularity.Day => "DAY",
        Granularity.Week => "WEEK",
        Granularity.Month => "MONTH",
        _ => g.ToString(),
    };
}
