using System.Collections.Immutable;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Internal;

namespace SolverEngine.Core.Compilation;

/// <summary>
/// The horizon's consecutive buckets, built from its resolution bands: DAY = 24 h, WEEK = 7 days,
/// MONTH = from the bucket start to the same day (and time) next month, clamped to the month's
/// last day (<see cref="DateTime.AddMonths"/>). Immutable.
/// </summary>
public sealed class BucketGrid
{
    /// <summary>Most buckets a horizon may have (guards against absurd band counts).</summary>
    public const int MaxBuckets = 100_000;

    private readonly long[] _startTicks;

    private BucketGrid(ImmutableArray<TimeBucket> buckets, DateTime frozenEnd, DateTime slushyEnd)
    {
        Buckets = buckets;
        FrozenEnd = frozenEnd;
        SlushyEnd = slushyEnd;
        _startTicks = buckets.Select(b => b.Start.Ticks).ToArray();
    }

    public ImmutableArray<TimeBucket> Buckets { get; }

    public int Count => Buckets.Length;

    public TimeBucket this[int index] => Buckets[index];

    public DateTime Start => Buckets[0].Start;

    public DateTime End => Buckets[^1].End;

    /// <summary>End of the frozen zone (= Start when there is none).</summary>
    public DateTime FrozenEnd { get; }

    /// <summary>End of the slushy zone (>= FrozenEnd).</summary>
    public DateTime SlushyEnd { get; }

    /// <summary>The bucket containing <paramref name="t"/>, or -1 when t is outside [Start, End).</summary>
    public int IndexOf(DateTime t)
    {
        if (t < Start || t >= End)
            return -1;
        var i = Array.BinarySearch(_startTicks, t.Ticks);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The bucket containing t, clamped to the first / last bucket.</summary>
    public int ClampedIndexOf(DateTime t) => t < Start ? 0 : t >= End ? Count - 1 : IndexOf(t);

    /// <summary>The fence that time t lies in.</summary>
    public TimeFence FenceAt(DateTime t) => t < FrozenEnd ? TimeFence.Frozen : t < SlushyEnd ? TimeFence.Slushy : TimeFence.Liquid;

    /// <summary>Builds the grid of a horizon.</summary>
    /// <exception cref="ArgumentException">The horizon is invalid (run the validator for details).</exception>
    public static BucketGrid Create(Horizon horizon)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        if (!ProtoTime.TryToUtc(horizon.Start, out var start))
            throw new ArgumentException("The horizon has no valid start.", nameof(horizon));
        var frozen = ProtoTime.ToTimeSpanOrZero(horizon.Frozen);
        var slushy = ProtoTime.ToTimeSpanOrZero(horizon.Slushy);
        if (frozen < TimeSpan.Zero) frozen = TimeSpan.Zero;
        if (slushy < frozen) slushy = frozen;

        long total = horizon.Bands.Sum(b => (long)b.Count);
        if (total == 0 || total > MaxBuckets)
            throw new ArgumentException($"The horizon has {total} buckets; it needs between 1 and {MaxBuckets}.", nameof(horizon));

        var frozenEnd = SafeAdd(start, frozen);
        var slushyEnd = SafeAdd(start, slushy);
        var buckets = ImmutableArray.CreateBuilder<TimeBucket>((int)total);
        var t = start;
        foreach (var band in horizon.Bands)
        {
            for (var k = 0; k < band.Count; k++)
            {
                var end = Next(t, band.Granularity);
                var fence = t < frozenEnd ? TimeFence.Frozen : t < slushyEnd ? TimeFence.Slushy : TimeFence.Liquid;
                buckets.Add(new TimeBucket(buckets.Count, t, end, band.Granularity, fence));
                t = end;
            }
        }
        return new BucketGrid(buckets.MoveToImmutable(), frozenEnd, slushyEnd);
    }

    /// <summary>End of a bucket of granularity g starting at t.</summary>
    public static DateTime Next(DateTime t, Granularity g)
    {
        try
        {
            return g switch
            {
                Granularity.Day => t.AddDays(1),
                Granularity.Week => t.AddDays(7),
                Granularity.Month => t.AddMonths(1),
                _ => throw new ArgumentOutOfRangeException(nameof(g), g, "A resolution band needs granularity DAY, WEEK or MONTH."),
            };
        }
        catch (ArgumentOutOfRangeException e) when (g is Granularity.Day or Granularity.Week or Granularity.Month)
        {
            throw new ArgumentException("The horizon runs past the year 9999.", e);
        }
    }

    private static DateTime SafeAdd(DateTime t, TimeSpan s) =>
        s.Ticks > DateTime.MaxValue.Ticks - t.Ticks ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : t + s;
}
