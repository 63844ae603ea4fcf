using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Verification.Internal;

/// <summary>One bucket of the grid recomputed from the model's horizon.</summary>
internal sealed record BucketSpan(int Index, DateTime Start, DateTime End, Granularity Granularity, string Fence)
{
    public double Days => (End - Start).TotalDays;

    public bool Contains(DateTime t) => t >= Start && t < End;
}

/// <summary>
/// The horizon's bucket grid, recomputed from the model alone: DAY = 24 h, WEEK = 7 days,
/// MONTH = <see cref="DateTime.AddMonths"/> from the bucket's start (same day next month, clamped
/// to the month's last day). The fence of a bucket is the time fence its start lies in.
/// </summary>
internal sealed class BucketGrid
{
    private readonly DateTime[] _starts;

    public BucketGrid(Horizon horizon)
    {
        var start = horizon.Start.ToDateTime();
        var frozenEnd = start + (horizon.Frozen?.ToTimeSpan() ?? TimeSpan.Zero);
        var slushyEnd = start + (horizon.Slushy?.ToTimeSpan() ?? TimeSpan.Zero);
        var buckets = new List<BucketSpan>();
        var t = start;
        foreach (var band in horizon.Bands)
        {
            for (var i = 0u; i < band.Count; i++)
            {
                var end = band.Granularity switch
                {
                    Granularity.Day => t.AddDays(1),
                    Granularity.Week => t.AddDays(7),
                    Granularity.Month => t.AddMonths(1),
                    _ => throw new ArgumentException(
                        $"Horizon band has granularity {band.Granularity}; it must be DAY, WEEK or MONTH. Validate the model first.",
                        nameof(horizon)),
                };
                var fence = t < frozenEnd ? "FROZEN" : t < slushyEnd ? "SLUSHY" : "LIQUID";
                buckets.Add(new BucketSpan(buckets.Count, t, end, band.Granularity, fence));
                t = end;
            }
        }

        Buckets = buckets;
        _starts = buckets.Select(b => b.Start).ToArray();
        Start = start;
        End = t;
        FrozenEnd = frozenEnd;
    }

    public IReadOnlyList<BucketSpan> Buckets { get; }

    public int Count => Buckets.Count;

    public DateTime Start { get; }

    public DateTime End { get; }

    /// <summary>End of the frozen zone (= Start when there is none).</summary>
    public DateTime FrozenEnd { get; }

    public bool InHorizon(DateTime t) => t >= Start && t < End;

    /// <summary>Index of the bucket containing t, or -1 outside the horizon.</summary>
    public int IndexOf(DateTime t)
    {
        if (!InHorizon(t))
        {
            return -1;
        }

        var i = Array.BinarySearch(_starts, t);
        return i >= 0 ? i : ~i - 1;
    }
}
