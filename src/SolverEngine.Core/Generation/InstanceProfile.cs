namespace SolverEngine.Core.Generation;

/// <summary>
/// The counts an <see cref="InstanceSize"/> stands for. Products = finished + intermediates; lines =
/// sites x lines per site, of which one per site is a mixing line when the site has intermediates.
/// </summary>
/// <remarks>
/// <code>
/// size  sites lines products (intermediates) families days weeks months materials lanes
/// S       1     2      8          (0)            3      14    1     0       4        0
/// M       2     6     40          (4)            5      14   10     0      12        2  (full mesh)
/// L       4    20    150          (8)            8      14   22     6      40       12  (full mesh)
/// XL     10    60    500         (20)           12      14   22    12     100       40  (ring +-1, +-2)
/// </code>
/// Each site with intermediates has one tank per intermediate; each site with two or more filling
/// lines has one shared asset (S: one asset for its two lines).
/// </remarks>
public sealed record InstanceProfile(
    InstanceSize Size,
    int Sites,
    int LinesPerSite,
    int Products,
    int IntermediatesPerSite,
    int Families,
    int DayBuckets,
    int WeekBuckets,
    int MonthBuckets,
    int Materials)
{
    /// <summary>Total lines.</summary>
    public int Lines => Sites * LinesPerSite;

    /// <summary>Products that are sold (the rest are intermediates).</summary>
    public int FinishedProducts => Products - Sites * IntermediatesPerSite;

    /// <summary>Sites with more than this many sites get a ring of lanes (each site to its two neighbours on each side) instead of a full mesh.</summary>
    public const int FullMeshMaxSites = 4;

    /// <summary>Lanes: both directions of every connected site pair.</summary>
    public int Lanes => Sites <= 1 ? 0 : Sites <= FullMeshMaxSites ? Sites * (Sites - 1) : 4 * Sites;

    /// <summary>The profile of a size.</summary>
    public static InstanceProfile For(InstanceSize size) => size switch
    {
        InstanceSize.S => new(size, Sites: 1, LinesPerSite: 2, Products: 8, IntermediatesPerSite: 0, Families: 3, DayBuckets: 14, WeekBuckets: 1, MonthBuckets: 0, Materials: 4),
        InstanceSize.M => new(size, Sites: 2, LinesPerSite: 3, Products: 40, IntermediatesPerSite: 2, Families: 5, DayBuckets: 14, WeekBuckets: 10, MonthBuckets: 0, Materials: 12),
        InstanceSize.L => new(size, Sites: 4, LinesPerSite: 5, Products: 150, IntermediatesPerSite: 2, Families: 8, DayBuckets: 14, WeekBuckets: 22, MonthBuckets: 6, Materials: 40),
        InstanceSize.XL => new(size, Sites: 10, LinesPerSite: 6, Products: 500, IntermediatesPerSite: 2, Families: 12, DayBuckets: 14, WeekBuckets: 22, MonthBuckets: 12, Materials: 100),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown instance size; use S, M, L or XL."),
    };
}
