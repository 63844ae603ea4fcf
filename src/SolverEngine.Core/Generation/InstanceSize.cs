namespace SolverEngine.Core.Generation;

/// <summary>Size classes of generated instances; <see cref="InstanceProfile.For"/> gives the exact counts.</summary>
public enum InstanceSize
{
    /// <summary>1 site, 2 lines, 8 products, 3 weeks (14 days + 1 week).</summary>
    S,
    /// <summary>2 sites, 6 lines, 40 products, 14 days + 10 weeks.</summary>
    M,
    /// <summary>4 sites, 20 lines, 150 products, 14 days + 22 weeks + 6 months.</summary>
    L,
    /// <summary>10 sites, 60 lines, 500 products, 14 days + 22 weeks + 12 months.</summary>
    XL,
}
