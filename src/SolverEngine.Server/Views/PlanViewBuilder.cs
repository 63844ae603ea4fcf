using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Server.Views;

/// <summary>
/// A plan at DAY / WEEK / MONTH resolution, summed from its runs (first version of GetPlanView).
/// Periods start at the plan's first bucket and step by the granularity (a MONTH period runs to
/// the same day next month, clamped). Two kinds of rows:
/// <list type="bullet">
/// <item>per line and product: production (a run's quantity split by its overlap with the
/// period), production hours, changeover hours (the changeover before a run, by its overlap);</item>
/// <item>per site and product (line empty): production of the site's lines, demand (unconstrained
/// demand of the buckets, split by overlap), delivered (deliveries by their time) and inventory
/// (end-of-bucket stock of the last bucket ending by the period's end).</item>
/// </list>
/// Available hours and utilisation need the line calendars and are left 0 in this version.
/// </summary>
public static class PlanViewBuilder
{
    /// <param name="lineSites">Line id to site id, from the model (runs name only their line).</param>
    /// <exception cref="ArgumentException">Granularity unspecified.</exception>
    public static PlanView Build(Plan plan, IReadOnlyDictionary<string, string> lineSites, Granularity granularity, string? siteId = null, string? lineId = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(lineSites);
        if (granularity is not (Granularity.Day or Granularity.Week or Granularity.Month))
            throw new ArgumentException($"granularity is {granularity}; use DAY, WEEK or MONTH.", nameof(granularity));

        var periods = Periods(plan, granularity);
        var rows = new Dictionary<(int Period, string Site, string Line, string Product), PlanViewRow>();
        PlanViewRow Row(int p, string site, string line, string product)
        {
            if (!rows.TryGetValue((p, site, line, product), out var row))
            {
                row = new PlanViewRow
                {
                    Start = Timestamp.FromDateTime(periods[p].Start),
                    End = Timestamp.FromDateTime(periods[p].End),
                    SiteId = site,
                    LineId = line,
                    ProductId = product,
                };
                rows.Add((p, site, line, product), row);
            }
            return row;
        }

        foreach (var run in plan.Runs)
        {
            var site = lineSites.TryGetValue(run.LineId, out var s) ? s : "";
            var start = run.Start?.ToDateTime() ?? DateTime.MinValue;
            var end = run.End?.ToDateTime() ?? start;
            foreach (var (p, share, hours) in Split(periods, start, end))
            {
                var quantity = run.Quantity * share;
                var line = Row(p, site, run.LineId, run.ProductId);
                line.Production += quantity;
                line.ProductionHours += hours;
                Row(p, site, "", run.ProductId).Production += quantity;
            }
            if (run.Changeover is { Hours: > 0 } changeover)
            {
                var cStart = changeover.Start?.ToDateTime() ?? start.AddHours(-changeover.Hours);
                var cEnd = changeover.End?.ToDateTime() ?? start;
                foreach (var (p, share, _) in Split(periods, cStart, cEnd))
                    Row(p, site, run.LineId, run.ProductId).ChangeoverHours += changeover.Hours * share;
            }
        }

        var buckets = plan.Buckets.ToDictionary(b => b.Index);
        foreach (var demand in plan.ConstrainedDemand)
        {
            if (!buckets.TryGetValue(demand.BucketIndex, out var bucket)) continue;
            foreach (var (p, share, _) in Split(periods, bucket.Start.ToDateTime(), bucket.End.ToDateTime()))
                Row(p, demand.SiteId, "", demand.ProductId).Demand += demand.Unconstrained * share;
        }
        foreach (var delivery in plan.Deliveries)
        {
            var time = delivery.Time?.ToDateTime() ?? (buckets.TryGetValue(delivery.BucketIndex, out var b) ? b.Start.ToDateTime() : DateTime.MinValue);
            var p = PeriodOf(periods, time);
            if (p >= 0) Row(p, delivery.SiteId, "", delivery.ProductId).Delivered += delivery.Quantity;
        }
        // End-of-period stock: the level at the end of the last bucket that ends by the period's end.
        foreach (var group in plan.Inventory.Where(i => i.ProductId.Length > 0).GroupBy(i => (i.SiteId, i.ProductId)))
        {
            var levels = group.Where(i => buckets.ContainsKey(i.BucketIndex))
                .Select(i => (End: buckets[i.BucketIndex].End.ToDateTime(), i.Quantity))
                .OrderBy(l => l.End).ToList();
            for (var p = 0; p < periods.Count; p++)
            {
                var last = levels.LastOrDefault(l => l.End <= periods[p].End);
                if (last.End != default) Row(p, group.Key.SiteId, "", group.Key.ProductId).Inventory = last.Quantity;
            }
        }

        var view = new PlanView { Granularity = granularity };
        view.Rows.AddRange(rows
            .Where(r => string.IsNullOrEmpty(siteId) || r.Key.Site == siteId)
            .Where(r => string.IsNullOrEmpty(lineId) || r.Key.Line == lineId)
            .OrderBy(r => r.Key.Period).ThenBy(r => r.Key.Site, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Line, StringComparer.Ordinal).ThenBy(r => r.Key.Product, StringComparer.Ordinal)
            .Select(r => r.Value));
        return view;
    }

    private static List<(DateTime Start, DateTime End)> Periods(Plan plan, Granularity granularity)
    {
        var starts = plan.Buckets.Select(b => b.Start.ToDateTime()).Concat(plan.Runs.Where(r => r.Start is not null).Select(r => r.Start.ToDateTime()));
        var ends = plan.Buckets.Select(b => b.End.ToDateTime()).Concat(plan.Runs.Where(r => r.End is not null).Select(r => r.End.ToDateTime()));
        var periods = new List<(DateTime, DateTime)>();
        if (!starts.Any()) return periods;
        var origin = starts.Min();
        var last = ends.DefaultIfEmpty(origin).Max();
        for (var k = 0; ; k++)
        {
            var start = Step(origin, granularity, k);
            if (start >= last && k > 0) break;
            periods.Add((start, Step(origin, granularity, k + 1)));
        }
        return periods;
    }

    // From the origin each time, so that MONTH periods do not drift after a clamped day.
    private static DateTime Step(DateTime origin, Granularity granularity, int k) => granularity switch
    {
        Granularity.Day => origin.AddDays(k),
        Granularity.Week => origin.AddDays(7 * k),
        _ => origin.AddMonths(k),
    };

    private static int PeriodOf(List<(DateTime Start, DateTime End)> periods, DateTime time)
    {
        for (var p = 0; p < periods.Count; p++)
            if (time >= periods[p].Start && time < periods[p].End) return p;
        return periods.Count > 0 && time == periods[^1].End ? periods.Count - 1 : -1;
    }

    /// <summary>The periods an interval overlaps, with the share of the interval in each and the hours of overlap.</summary>
    private static IEnumerable<(int Period, double Share, double Hours)> Split(List<(DateTime Start, DateTime End)> periods, DateTime start, DateTime end)
    {
        if (end <= start)
        {
            var p = PeriodOf(periods, start);
            if (p >= 0) yield return (p, 1, 0);
            yield break;
        }
        var total = (end - start).TotalHours;
        for (var p = 0; p < periods.Count; p++)
        {
            var from = start > periods[p].Start ? start : periods[p].Start;
            var to = end < periods[p].End ? end : periods[p].End;
            if (to > from) yield return (p, (to - from).TotalHours / total, (to - from).TotalHours);
        }
    }
}
