using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;

namespace SolverEngine.Planning.Tests;

/// <summary>Model-building shorthands and the solve-and-verify helper every test uses.</summary>
internal static class TestSupport
{
    public static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc); // a Monday

    public static Timestamp At(DateTime t) => Timestamp.FromDateTime(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    public static Timestamp Day(double days) => At(Start.AddDays(days));

    public static Duration Hours(double h) => Duration.FromTimeSpan(TimeSpan.FromHours(h));

    public static Horizon Days(int count) => new() { Start = At(Start), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = (uint)count } } };

    public static SolveOptions Options(double seconds = 30) => new() { TimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) };

    /// <summary>Solves and asserts the plan passes the independent verifier with the reported objective.</summary>
    public static SolveResult SolveVerified(PlanningModel model, SolveOptions? options = null, PlanningEngine? engine = null)
    {
        var result = (engine ?? new PlanningEngine()).SolveAsync(model, options ?? Options()).GetAwaiter().GetResult();
        Assert.True(result.Plan is not null, $"No plan: {result.Status} {result.Message}");
        AssertVerified(model, result.Plan, result.Objective);
        return result;
    }

    public static void AssertVerified(PlanningModel model, Plan plan, double objective)
    {
        var report = PlanVerifier.Verify(model, plan, objective);
        Assert.True(report.Violations.Count == 0, report.ToText());
        Assert.Equal(plan.Objective, objective, 6);
    }
}
