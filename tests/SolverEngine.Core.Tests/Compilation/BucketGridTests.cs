using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using static SolverEngine.Core.Tests.TestModels;

namespace SolverEngine.Core.Tests.Compilation;

public sealed class BucketGridTests
{
    private static Horizon H(DateTime start, params (Granularity G, uint N)[] bands)
    {
        var h = new Horizon { Start = At(start) };
        foreach (var (g, n) in bands)
            h.Bands.Add(new ResolutionBand { Granularity = g, Count = n });
        return h;
    }

    [Fact]
    public void Bands_make_consecutive_buckets_of_day_week_and_calendar_month()
    {
        var grid = BucketGrid.Create(H(Start, (Granularity.Day, 2), (Granularity.Week, 1), (Granularity.Month, 2)));
        Assert.Equal(5, grid.Count);
        var expected = new[]
        {
            (new DateTime(2026, 1, 5), new DateTime(2026, 1, 6), Granularity.Day),
            (new DateTime(2026, 1, 6), new DateTime(2026, 1, 7), Granularity.Day),
            (new DateTime(2026, 1, 7), new DateTime(2026, 1, 14), Granularity.Week),
            (new DateTime(2026, 1, 14), new DateTime(2026, 2, 14), Granularity.Month),
            (new DateTime(2026, 2, 14), new DateTime(2026, 3, 14), Granularity.Month),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(i, grid[i].Index);
            Assert.Equal(expected[i].Item1, grid[i].Start);
            Assert.Equal(expected[i].Item2, grid[i].End);
            Assert.Equal(DateTimeKind.Utc, grid[i].Start.Kind);
            Assert.Equal(expected[i].Item3, grid[i].Granularity);
        }
        Assert.Equal(31, grid[3].LengthDays);
        Assert.Equal(28, grid[4].LengthDays);
    }

    [Fact]
    public void Month_from_the_31st_is_clamped_to_the_last_day_of_the_next_month()
    {
        var grid = BucketGrid.Create(H(new DateTime(2028, 1, 31, 6, 0, 0, DateTimeKind.Utc), (Granularity.Month, 3)));
        Assert.Equal(new DateTime(2028, 2, 29, 6, 0, 0), grid[0].End); // leap year
        Assert.Equal(new DateTime(2028, 3, 29, 6, 0, 0), grid[1].End); // same day as the bucket start
        Assert.Equal(new DateTime(2028, 4, 29, 6, 0, 0), grid[2].End);
    }

    [Fact]
    public void Month_across_a_year_end()
    {
        var grid = BucketGrid.Create(H(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), (Granularity.Month, 2)));
        Assert.Equal(new DateTime(2027, 1, 1), grid[0].End);
        Assert.Equal(new DateTime(2027, 2, 1), grid[1].End);
        Assert.Equal(31, grid[0].LengthDays);
    }

    [Fact]
    public void Fences_follow_the_bucket_start()
    {
        var h = H(Start, (Granularity.Day, 4), (Granularity.Week, 2));
        h.Frozen = Hours(36);
        h.Slushy = Hours(24 * 4);
        var grid = BucketGrid.Create(h);
        Assert.Equal(
            new[] { TimeFence.Frozen, TimeFence.Frozen, TimeFence.Slushy, TimeFence.Slushy, TimeFence.Liquid, TimeFence.Liquid },
            grid.Buckets.Select(b => b.Fence));
        Assert.Equal(Start.AddHours(36), grid.FrozenEnd);
        Assert.Equal(TimeFence.Frozen, grid.FenceAt(Start.AddHours(35)));
        Assert.Equal(TimeFence.Slushy, grid.FenceAt(Start.AddHours(36)));
    }

    [Fact]
    public void No_fences_means_everything_is_liquid()
    {
        var grid = BucketGrid.Create(H(Start, (Granularity.Day, 3)));
        Assert.All(grid.Buckets, b => Assert.Equal(TimeFence.Liquid, b.Fence));
    }

    [Fact]
    public void IndexOf_uses_half_open_buckets()
    {
        var grid = BucketGrid.Create(H(Start, (Granularity.Day, 2), (Granularity.Week, 1)));
        Assert.Equal(0, grid.IndexOf(Start));
        Assert.Equal(0, grid.IndexOf(Start.AddHours(23.99)));
        Assert.Equal(1, grid.IndexOf(Start.AddDays(1)));
        Assert.Equal(2, grid.IndexOf(Start.AddDays(8.9)));
        Assert.Equal(-1, grid.IndexOf(Start.AddDays(9)));
        Assert.Equal(-1, grid.IndexOf(Start.AddTicks(-1)));
        Assert.Equal(2, grid.ClampedIndexOf(Start.AddDays(100)));
        Assert.Equal(0, grid.ClampedIndexOf(Start.AddDays(-100)));
    }

    [Fact]
    public void Invalid_horizon_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => BucketGrid.Create(new Horizon { Start = At(Start) }));
        Assert.Throws<ArgumentException>(() => BucketGrid.Create(H(DateTime.SpecifyKind(new DateTime(9999, 6, 1), DateTimeKind.Utc), (Granularity.Month, 12))));
    }
}
