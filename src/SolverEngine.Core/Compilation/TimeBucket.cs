using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Compilation;

/// <summary>The time fence a bucket starts in (see <c>Horizon.frozen</c> / <c>Horizon.slushy</c>).</summary>
public enum TimeFence
{
    /// <summary>Frozen runs are kept exactly; nothing else is planned.</summary>
    Frozen,

    /// <summary>Changes against the previous plan are penalised.</summary>
    Slushy,

    /// <summary>Free.</summary>
    Liquid,
}

/// <summary>One bucket of the horizon: [Start, End) in UTC.</summary>
public readonly record struct TimeBucket(int Index, DateTime Start, DateTime End, Granularity Granularity, TimeFence Fence)
{
    public TimeSpan Length => End - Start;

    /// <summary>Length in days (holding and backlog costs are per day).</summary>
    public double LengthDays => (End - Start).TotalDays;

    public double LengthHours => (End - Start).TotalHours;

    public bool Contains(DateTime t) => t >= Start && t < End;
}
