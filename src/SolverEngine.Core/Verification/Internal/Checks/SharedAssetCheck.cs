using SolverEngine.Contracts.V1;
using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Shared assets (model.proto, SharedAsset). A run whose recipe lists the asset occupies it over
/// [run.start, run.end); a changeover whose rule (the applicable rule, found by the changeover
/// check) lists it occupies it over the changeover's [start, end) (the reported interval, or the
/// latest working time before the run when none is reported). Frozen runs occupy assets like any
/// other run. A changeover belongs to the bucket of its run.
/// <list type="bullet">
/// <item>DAY buckets (timed): at most capacity (absent = 1) occupations overlap at any instant
/// (a sweep over start times; touching intervals do not overlap), and each lies inside the asset's
/// working time (calendar minus downtime).</item>
/// <item>WEEK and MONTH buckets (campaigns): production hours q / (rate x yield) of the bucket's
/// runs plus the rule hours of their changeovers &lt;= capacity x the asset's working hours in the
/// bucket.</item>
/// </list>
/// </summary>
internal sealed class SharedAssetCheck : IPlanCheck
{
    private sealed record Occupation(SharedAsset Asset, ResolvedRun Run, bool IsChangeover, DateTime Start, DateTime End, double Hours)
    {
        public string Path => IsChangeover ? Run.Path + ".changeover" : Run.Path;

        public override string ToString() => IsChangeover
            ? $"the changeover before run {Run.Index} on {Run.Line.Id} [{T(Start)}, {T(End)})"
            : $"run {Run.Index} ({Run.Product.Id} on {Run.Line.Id}) [{T(Start)}, {T(End)})";
    }

    public void Check(VerificationContext ctx)
    {
        var occupations = Occupations(ctx).ToList();
        foreach (var group in occupations.GroupBy(o => o.Asset.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var asset = group.First().Asset;
            var timed = group.Where(o => ctx.IsTimed(o.Run)).ToList();
            CheckOverlap(asset, timed, ctx);
            CheckCalendar(asset, timed, ctx);
            CheckHours(asset, group.Where(o => !ctx.IsTimed(o.Run) && o.Run.Bucket >= 0), ctx);
        }
    }

    private static IEnumerable<Occupation> Occupations(VerificationContext ctx)
    {
        foreach (var r in ctx.Runs)
        {
            foreach (var id in r.Recipe.AssetIds.Distinct())
            {
                if (ctx.Assets.TryGetValue(id, out var asset))
                {
                    yield return new Occupation(asset, r, false, r.Start, r.End, r.ProductionHours);
                }
            }

            if (r.ChangeoverRule is { } rule)
            {
                foreach (var id in rule.AssetIds.Distinct())
                {
                    if (ctx.Assets.TryGetValue(id, out var asset))
                    {
                        var (s, e) = r.ChangeoverSpan ?? (r.Start, r.Start);
                        yield return new Occupation(asset, r, true, s, e, rule.Hours);
                    }
                }
            }
        }
    }

    private static int CapacityOf(SharedAsset asset) => asset.HasCapacity ? (int)asset.Capacity : 1;

    // Sweep in start order; an occupation that starts while `capacity` others are still running is
    // one violation (touching within 1 ms is not an overlap).
    private static void CheckOverlap(SharedAsset asset, List<Occupation> timed, VerificationContext ctx)
    {
        var capacity = CapacityOf(asset);
        var active = new List<Occupation>();
        foreach (var o in timed.Where(o => o.Start < o.End).OrderBy(o => o.Start).ThenBy(o => o.End).ThenBy(o => o.Run.Index).ThenBy(o => o.IsChangeover))
        {
            active.RemoveAll(a => Tolerance.TimeLe(a.End, o.Start));
            if (active.Count >= capacity)
            {
                var bucket = o.Run.Bucket;
                ctx.Add(ViolationCodes.AssetOverlap, o.Path,
                    $"Shared asset '{asset.Id}' (capacity {capacity}) is already in use by {string.Join("; ", active)} when {o} starts at {T(o.Start)} "
                    + $"(DAY bucket {bucket}); {active.Count + 1} uses overlap there.");
            }

            active.Add(o);
        }
    }

    private static void CheckCalendar(SharedAsset asset, List<Occupation> timed, VerificationContext ctx)
    {
        if (asset.Calendar is null)
        {
            return;
        }

        var calendar = ctx.CalendarOf(asset);
        foreach (var o in timed.Where(o => o.Start < o.End))
        {
            var idle = TimedZoneCheck.NonWorking(calendar, o.Start, o.End);
            if (idle > Tolerance.Time)
            {
                ctx.Add(ViolationCodes.AssetOutsideCalendar, o.Path,
                    $"Shared asset '{asset.Id}' is used by {o} in DAY bucket {o.Run.Bucket}, which holds {H(idle.TotalHours)} outside the asset's working time "
                    + $"({TimedZoneCheck.Gaps(calendar, o.Start, o.End)}).");
            }
        }
    }

    private static void CheckHours(SharedAsset asset, IEnumerable<Occupation> coarse, VerificationContext ctx)
    {
        var capacity = CapacityOf(asset);
        var calendar = ctx.CalendarOf(asset);
        foreach (var bucketGroup in coarse.GroupBy(o => o.Run.Bucket).OrderBy(g => g.Key))
        {
            var bucket = ctx.Buckets[bucketGroup.Key];
            var production = bucketGroup.Where(o => !o.IsChangeover).Sum(o => o.Hours);
            var changeover = bucketGroup.Where(o => o.IsChangeover).Sum(o => o.Hours);
            var available = calendar.Hours(bucket.Start, bucket.End);
            if (!Tolerance.Le(production + changeover, capacity * available))
            {
                ctx.Add(ViolationCodes.AssetHoursExceeded, $"buckets[{bucket.Index}]",
                    $"Shared asset '{asset.Id}' in {bucket.Granularity.ToString().ToUpperInvariant()} bucket {bucket.Index} [{T(bucket.Start)}, {T(bucket.End)}) is occupied "
                    + $"{H(production)} by runs + {H(changeover)} by changeovers = {H(production + changeover)} "
                    + $"(runs {string.Join(", ", bucketGroup.Select(o => o.Run.Index).Distinct())}); capacity {capacity} x {H(available)} of working time = {H(capacity * available)}.");
            }
        }
    }
}
