using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation.Internal;

namespace SolverEngine.Core.Generation;

/// <summary>
/// Makes realistic, valid planning models of a given size, deterministically from a seed: the same
/// (size, seed) gives the same model, and so the same JSON bytes, on every machine and .NET version.
/// </summary>
/// <remarks>
/// <para>What a model holds (counts in <see cref="InstanceProfile"/>): a horizon from Monday
/// 2026-01-05T00:00Z of DAY, then WEEK, then MONTH buckets; sites with filling lines (and, from M on,
/// one mixing line per site that makes intermediates into tanks); products in families with a global
/// family changeover matrix (going from a darker to a lighter family costs more), a few line-specific
/// forbidden family transitions (only where every product stays reachable) and product-pair
/// overrides; calendars (round the clock, 5.5 days, or two shifts on weekdays) with site holidays and
/// maintenance downtime; recipes with yields, minimum runs, batch sizes, bills of materials, shared
/// assets; materials, some purchasable with lead times, the others covered by scheduled supplies;
/// lanes between sites; forecasts per product, site and bucket; firm orders in the daily zone;
/// initial inventory.</para>
/// <para>Capacity: each filling line's demand is sized so that a naive plan ignoring changeovers uses
/// 80-90% of its working hours (per bucket; per week in the daily zone, so stock can be built ahead of
/// weekends), while one weekly cycle of its changeovers costs hours of the same order as the slack
/// (<see cref="LineLoad"/>). Mixing lines run at about 75%.</para>
/// </remarks>
public static class InstanceGenerator
{
    /// <summary>Generates the model of <paramref name="size"/> for <paramref name="seed"/>.</summary>
    public static PlanningModel Generate(InstanceSize size, int seed) => GenerateDetailed(size, seed).Model;

    /// <summary>Generates the model and the load figures it was sized to.</summary>
    public static GeneratedInstance GenerateDetailed(InstanceSize size, int seed)
    {
        var profile = InstanceProfile.For(size);
        return new GeneratorRun(profile, seed).Run();
    }
}
