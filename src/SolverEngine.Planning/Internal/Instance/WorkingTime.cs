using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;

namespace SolverEngine.Planning.Internal.Instance;

/// <summary>
/// A line's working time as the planner sees it: Core's <see cref="WorkingCalendar"/> clipped to
/// the horizon [start, end), because planned runs must end inside it. Answers "how many working
/// hours lie in [a, b)" and "when has h working hours passed after a".
/// </summary>
internal sealed class WorkingTime(WorkingCalendar calendar, DateTime horizonStart, DateTime horizonEnd)
{
    /// <summary>The working time of a contract calendar (null = round the clock) over the horizon [from, to).</summary>
    public static WorkingTime Create(Calendar? calendar, DateTime from, DateTime to) =>
        new(new WorkingCalendar(calendar, from, to), from, to);

    /// <summary>Working hours in [a, b) inside the horizon.</summary>
    public double Hours(DateTime a, DateTime b)
    {
        if (a < horizonStart) a = horizonStart;
        if (b > horizonEnd) b = horizonEnd;
        return b <= a ? 0.0 : calendar.WorkingHours(a, b);
    }

    /// <summary>
    /// The earliest time tau >= a with <c>Hours(a, tau) == hours</c> (hours = 0 returns a). Null when
    /// the horizon's working time runs out before that.
    /// </summary>
    public DateTime? Advance(DateTime a, double hours)
    {
        if (hours <= 0) return a;
        if (a < horizonStart) a = horizonStart;
        if (a >= horizonEnd) return null;
        // the same tolerance the plan builder's comparisons use: a run that needs the very last tick fits
        if (calendar.WorkingHours(a, horizonEnd) < hours - 1e-9) return null;
        var end = calendar.AdvanceWorkingTime(a, hours);
        return end > horizonEnd ? horizonEnd : end;
    }
}
