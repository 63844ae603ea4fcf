using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests;

/// <summary>Published lot-sizing instances (shared/data/instances) through the whole engine; every plan verified.</summary>
public class LiteratureInstanceTests
{
    /// <summary>shared/data/instances above the test binaries (worktrees live beside shared/), or null.</summary>
    internal static readonly string? DataRoot = FindData();

    private static string? FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            foreach (var c in new[] { Path.Combine(dir.FullName, "shared", "data", "instances"), Path.Combine(dir.FullName, "..", "shared", "data", "instances") })
                if (Directory.Exists(c)) return Path.GetFullPath(c);
        return null;
    }

    private static string Data(string relative) => Path.Combine(DataRoot!, relative);

    /// <summary>
    /// Multi-plant CLSP with MUST_MEET demand and set-up times: rounding the LP's fractional set-ups
    /// overloads periods, so the plan must come from integer set-ups (the set-up MIP) - it used to end
    /// with no plan at all.
    /// </summary>
    [LiteratureFact]
    [Trait("Category", "Slow")]
    public void Must_meet_multi_plant_instance_gets_an_executable_plan_that_meets_all_demand()
    {
        var model = MpclspImporter.Import(Data("mpclsp/AAA012212_0.dat"));
        var result = SolveVerified(model, Options(20));
        Assert.True(result.Status is SolveStatus.Optimal or SolveStatus.Feasible or SolveStatus.TimeLimit, $"{result.Status}: {result.Message}");
        var demand = model.Forecasts.Sum(f => f.Quantity);
        var delivered = result.Plan.Deliveries.Sum(d => d.Quantity);
        Assert.Equal(demand, delivered, 6);
        Assert.True(result.LowerBound <= result.Objective + 1e-6);
    }
}

/// <summary>A fact on the shared benchmark data, skipped with a clear message where the data is missing.</summary>
internal sealed class LiteratureFactAttribute : FactAttribute
{
    public LiteratureFactAttribute()
    {
        if (LiteratureInstanceTests.DataRoot is null) Skip = "shared/data/instances not found above the test binaries; literature tests skipped.";
    }
}
