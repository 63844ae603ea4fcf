using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Per line and bucket: production hours (q / (rate x yield) of the runs that start in the
/// bucket) + changeover hours (as the changeover check charged them) &lt;= working hours of the
/// line's calendar in the bucket. Implied by the run and changeover checks when they pass; kept
/// as its own violation because it is the number planners look at.
/// </summary>
internal sealed class CapacityCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var production = new Dictionary<(string, int), double>();
        foreach (var r in ctx.Runs.Where(r => r.Bucket >= 0))
        {
            production[(r.Line.Id, r.Bucket)] = production.GetValueOrDefault((r.Line.Id, r.Bucket)) + r.ProductionHours;
        }

        foreach (var key in production.Keys.Union(ctx.ChangeoverHours.Keys).OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2))
        {
            var (lineId, b) = key;
            var line = ctx.Lines[lineId];
            var bucket = ctx.Buckets[b];
            var prod = production.GetValueOrDefault(key);
            var change = ctx.ChangeoverHours.GetValueOrDefault(key);
            var available = ctx.CalendarOf(line).Hours(bucket.Start, bucket.End);
            if (!Tolerance.Le(prod + change, available))
            {
                ctx.Add(ViolationCodes.LineCapacityExceeded, $"buckets[{b}]",
                    $"Line '{lineId}' in bucket {b} [{T(bucket.Start)}, {T(bucket.End)}) uses {H(prod)} production + {H(change)} changeover = {H(prod + change)}; it has {H(available)} of working time.");
            }
        }
    }
}
