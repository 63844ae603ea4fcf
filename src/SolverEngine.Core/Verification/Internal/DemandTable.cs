using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Verification.Internal;

/// <summary>
/// Demand per (product, site, bucket) as model.proto defines it: max(forecast in the bucket,
/// orders due in the bucket). A forecast is spread evenly in time over [start, end), so a bucket
/// gets quantity x overlap / length (the part outside the horizon is not demand of this plan).
/// An order counts in the bucket containing its due time (before the horizon: the first bucket;
/// at or after its end: the last). Initial backlog is demand due at horizon start and is added
/// to the first bucket's demand on top of the max.
/// </summary>
internal sealed class DemandTable
{
    private readonly Dictionary<(string Product, string Site), double[]> _demand = [];

    public DemandTable(VerificationContext ctx)
    {
        var n = ctx.Buckets.Count;
        var forecast = new Dictionary<(string, string), double[]>();
        var orders = new Dictionary<(string, string), double[]>();
        foreach (var f in ctx.Model.Forecasts)
        {
            var site = ctx.SiteOrOnly(f.SiteId);
            if (site is null || !ctx.Products.ContainsKey(f.ProductId) || f.Start is null || f.End is null)
            {
                continue;
            }

            var (fs, fe) = (f.Start.ToDateTime(), f.End.ToDateTime());
            if (fe <= fs)
            {
                continue;
            }

            var row = Row(forecast, (f.ProductId, site), n);
            foreach (var b in ctx.Buckets)
            {
                var s = b.Start > fs ? b.Start : fs;
                var e = b.End < fe ? b.End : fe;
                if (e > s)
                {
                    row[b.Index] += f.Quantity * ((e - s).Ticks / (double)(fe - fs).Ticks);
                }
            }
        }

        foreach (var o in ctx.Model.Orders)
        {
            var site = ctx.SiteOrOnly(o.SiteId);
            if (site is null || !ctx.Products.ContainsKey(o.ProductId) || n == 0)
            {
                continue;
            }

            Row(orders, (o.ProductId, site), n)[DueBucket(ctx, VerificationContext.Time(o.Due))] += o.Quantity;
        }

        foreach (var key in forecast.Keys.Union(orders.Keys))
        {
            var row = Row(_demand, key, n);
            forecast.TryGetValue(key, out var f);
            orders.TryGetValue(key, out var o);
            for (var b = 0; b < n; b++)
            {
                row[b] = Math.Max(f?[b] ?? 0.0, o?[b] ?? 0.0);
            }
        }

        foreach (var inv in ctx.Model.InitialInventory)
        {
            if (inv.ProductId.Length > 0 && inv.Backlog != 0 && n > 0 && ctx.Sites.ContainsKey(inv.SiteId)
                && ctx.Products.ContainsKey(inv.ProductId))
            {
                Row(_demand, (inv.ProductId, inv.SiteId), n)[0] += inv.Backlog;
            }
        }
    }

    /// <summary>Every (product, site) with some demand row (possibly all zero).</summary>
    public IEnumerable<(string Product, string Site)> Keys => _demand.Keys;

    /// <summary>Demand per bucket of (product, site); all zero when it has none.</summary>
    public double[]? Of(string product, string site) => _demand.TryGetValue((product, site), out var row) ? row : null;

    /// <summary>True when (product, site) has positive demand somewhere in the horizon (safety stock applies).</summary>
    public bool HasDemand(string product, string site) => Of(product, site)?.Any(q => q > 0) ?? false;

    public static int DueBucket(VerificationContext ctx, DateTime due)
    {
        var b = ctx.Grid.IndexOf(due);
        return b >= 0 ? b : due < ctx.Grid.Start ? 0 : ctx.Buckets.Count - 1;
    }

    private static double[] Row(Dictionary<(string, string), double[]> d, (string, string) key, int n)
    {
        if (!d.TryGetValue(key, out var row))
        {
            row = new double[n];
            d[key] = row;
        }

        return row;
    }
}
