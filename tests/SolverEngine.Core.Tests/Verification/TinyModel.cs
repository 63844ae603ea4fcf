using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

/// <summary>
/// One site S, one clean line L (round the clock unless a calendar is given), products A and B
/// (families "fa", "fb") made on L by recipes RA and RB at 10 units/hour, no demand, DAY buckets
/// from <see cref="SamplePlan.Start"/>. For rules that are easiest to see on their own.
/// </summary>
internal static class TinyModel
{
    public static PlanningModel Create(int days = 3, Calendar? calendar = null) => new()
    {
        Name = "tiny",
        Horizon = new Horizon { Start = At(0, 0), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = (uint)days } } },
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "L", SiteId = "S", Calendar = calendar } },
        Products = { new Product { Id = "A", Family = "fa" }, new Product { Id = "B", Family = "fb" } },
        Recipes =
        {
            new Recipe { Id = "RA", ProductId = "A", LineId = "L", Rate = 10 },
            new Recipe { Id = "RB", ProductId = "B", LineId = "L", Rate = 10 },
        },
    };

    /// <summary>The same model with one WEEK bucket (campaigns: runs may span non-working time, only working time counts).</summary>
    public static PlanningModel CreateWeek(Calendar? calendar = null)
    {
        var model = Create(1, calendar);
        model.Horizon.Bands[0] = new ResolutionBand { Granularity = Granularity.Week, Count = 1 };
        return model;
    }

    /// <summary>A plan with one WEEK bucket (LIQUID) and the given runs, all in bucket 0.</summary>
    public static Plan WeekPlanWith(params Run[] runs)
    {
        var plan = new Plan { Buckets = { new Bucket { Index = 0, Start = At(0, 0), End = At(7, 0), Granularity = "WEEK", Fence = "LIQUID" } } };
        foreach (var run in runs)
        {
            run.BucketIndex = 0;
        }

        plan.Runs.Add(runs);
        return plan;
    }

    /// <summary>A plan with the DAY bucket grid (all LIQUID) and the given runs.</summary>
    public static Plan PlanWith(int days, params Run[] runs)
    {
        var plan = new Plan();
        for (var d = 0; d < days; d++)
        {
            plan.Buckets.Add(new Bucket { Index = (uint)d, Start = At(d, 0), End = At(d + 1, 0), Granularity = "DAY", Fence = "LIQUID" });
        }

        plan.Runs.Add(runs);
        return plan;
    }

    /// <summary>A run on L of product A or B with recipe RA or RB.</summary>
    public static Run On(string product, int day, double fromHour, double toHour, double quantity, ChangeoverInfo? changeover = null) =>
        Run("L", product, "R" + product, day, fromHour, day, toHour, quantity, (uint)day, changeover);
}

internal static class Assertions
{
    /// <summary>The report holds exactly one violation, of this code; returns it.</summary>
    public static Violation Single(VerificationReport report, string code)
    {
        var all = string.Join(Environment.NewLine, report.Violations);
        Assert.True(report.Violations.Count == 1, $"Expected exactly one {code} violation, got {report.Violations.Count}:{Environment.NewLine}{all}");
        Assert.Equal(code, report.Violations[0].Code);
        Assert.False(report.IsValid);
        return report.Violations[0];
    }

    /// <summary>The report holds exactly these codes (as a set, each at least once).</summary>
    public static void Codes(VerificationReport report, params string[] codes)
    {
        var all = string.Join(Environment.NewLine, report.Violations);
        Assert.True(report.Violations.Select(v => v.Code).ToHashSet().SetEquals(codes), $"Expected {string.Join(", ", codes)}, got:{Environment.NewLine}{all}");
    }

    public static void Valid(VerificationReport report)
    {
        Assert.True(report.IsValid, "Expected a valid plan, got:" + Environment.NewLine + string.Join(Environment.NewLine, report.Violations));
    }
}
