using SolverEngine.Contracts.V1;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Planning.Plans.Internal;

/// <summary>
/// Splits the aggregate deliveries of a (site, product, bucket) over the demand they serve:
/// oldest demand first (initial backlog, then earlier buckets), within a bucket orders before
/// the forecast excess, higher priority and earlier due first. Under LOST_SALES / MUST_MEET
/// only the bucket's own demand can be served.
/// </summary>
internal static class DeliveryAllocator
{
    /// <summary>A piece of demand: an order, or forecast beyond orders (Order = -1), due in a bucket.</summary>
    internal sealed class Chunk(int order, int bucket, double quantity, DateTime due, bool initial = false)
    {
        /// <summary>Initial backlog (demand already late at horizon start).</summary>
        public bool Initial { get; } = initial;
        public int Order { get; } = order;
        public int Site { get; init; }
        public int Product { get; init; }
        public int Bucket { get; } = bucket;
        public double Open { get; set; } = quantity;
        public double Quantity { get; } = quantity;
        public DateTime Due { get; } = due;
        /// <summary>Delivered in its own bucket.</summary>
        public double OnTime { get; set; }
        /// <summary>Delivered by its due time (orders: OTIF).</summary>
        public double ByDue { get; set; }
    }

    public sealed record Piece(int Order, int Site, int Product, int Bucket, double Quantity, DateTime Time, TimeSpan Lateness);

    public sealed class Allocation
    {
        public List<Piece> Pieces { get; } = [];
        public List<Chunk> Chunks { get; } = [];
        /// <summary>[site][product][bucket] delivered against that bucket's own demand.</summary>
        public required double[][][] Constrained { get; init; }
    }

    public static Allocation Allocate(PlanningInstance inst, Func<int, int, int, double> delivered)
    {
        var S = inst.Sites.Length;
        var P = inst.Products.Length;
        var T = inst.T;
        var constrained = new double[S][][];
        var alloc = new Allocation { Constrained = constrained };
        for (var s = 0; s < S; s++)
        {
            constrained[s] = new double[P][];
            for (var p = 0; p < P; p++)
            {
                constrained[s][p] = new double[T];
                var policy = inst.Products[p].Policy;
                var open = new List<Chunk>();
                if (inst.InitialBacklog[s][p] > 0)
                {
                    open.Add(new Chunk(-1, 0, inst.InitialBacklog[s][p], inst.HorizonStart, initial: true) { Site = s, Product = p });
                    alloc.Chunks.Add(open[^1]);
                }
                for (var t = 0; t < T; t++)
                {
                    var orders = inst.Orders.Where(o => o.Site == s && o.Product == p && o.DueBucket == t)
                        .OrderByDescending(o => o.Priority).ThenBy(o => o.Due).ThenBy(o => o.Index).ToList();
                    var fresh = orders.Select(o => new Chunk(o.Index, t, o.Quantity, o.Due) { Site = s, Product = p }).ToList();
                    var excess = inst.Demand[s][p][t] - orders.Sum(o => o.Quantity);
                    if (excess > 1e-9) fresh.Add(new Chunk(-1, t, excess, inst.Buckets[t].Start) { Site = s, Product = p });
                    open.AddRange(fresh);
                    alloc.Chunks.AddRange(fresh);

                    var qty = delivered(s, p, t);
                    foreach (var c in open)
                    {
                        if (qty <= 1e-9) break;
                        if (c.Open <= 1e-12) continue;
                        if (policy != DemandPolicy.Backlog && c.Bucket != t) continue;
                        var take = Math.Min(qty, c.Open);
                        c.Open -= take;
                        qty -= take;
                        var bucket = inst.Buckets[t];
                        DateTime time;
                        if (c.Order >= 0 && c.Bucket == t)
                            time = c.Due < bucket.Start ? bucket.Start : c.Due >= bucket.End ? bucket.End.AddSeconds(-1) : c.Due;
                        else
                            time = bucket.Start;
                        var lateness = c.Order >= 0 && time > c.Due ? time - c.Due : TimeSpan.Zero;
                        if (c.Bucket == t) c.OnTime += take;
                        if (c.Order >= 0 && time <= c.Due) c.ByDue += take;
                        alloc.Pieces.Add(new Piece(c.Order, s, p, t, take, time, lateness));
                    }
                    // what is left of the delivered quantity (numerical dust) goes to the last piece
                    if (qty > 1e-9 && alloc.Pieces.Count > 0 && alloc.Pieces[^1].Site == s && alloc.Pieces[^1].Product == p && alloc.Pieces[^1].Bucket == t)
                        alloc.Pieces[^1] = alloc.Pieces[^1] with { Quantity = alloc.Pieces[^1].Quantity + qty };
                    constrained[s][p][t] = open.Where(c => c.Bucket == t && !c.Initial).Sum(c => c.OnTime);
                    if (policy != DemandPolicy.Backlog) open.RemoveAll(c => c.Bucket <= t);
                    else open.RemoveAll(c => c.Open <= 1e-12);
                }
            }
        }
        return alloc;
    }
}
