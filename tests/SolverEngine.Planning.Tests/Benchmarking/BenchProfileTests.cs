using SolverEngine.Planning.Benchmarking;

namespace SolverEngine.Planning.Tests.Benchmarking;

public sealed class BenchProfileTests
{
    [Fact]
    public void A_profiles_file_defines_engine_and_baseline_profiles_by_solve_options()
    {
        var user = BenchProfiles.Parse("""
            {
              "fast-1t": { "profile": "fast", "threads": 1, "relative_gap": 0.01 },
              "deep": { "parameters": { "coordinator.max_iterations": "400" } },
              "mono-clsp": { "profile": "monolithic", "parameters": { "monolithic.formulation": "clsp" } }
            }
            """);

        var selected = BenchProfiles.Resolve("deep, fast-1t,handoff,mono-clsp", user);

        Assert.Equal(["deep", "fast-1t", "handoff", "mono-clsp"], selected.Select(p => p.Name));
        Assert.Equal([BenchProfileKind.Engine, BenchProfileKind.Engine, BenchProfileKind.Handoff, BenchProfileKind.Monolithic], selected.Select(p => p.Kind));
        Assert.Equal(1, selected[1].Options.Threads);
        Assert.Equal(0.01, selected[1].Options.RelativeGap);
        Assert.Equal("400", selected[0].Options.Parameters["coordinator.max_iterations"]);
    }

    [Fact]
    public void No_list_selects_the_default_profile_beside_both_baselines()
    {
        Assert.Equal(["default", "handoff", "monolithic"], BenchProfiles.Resolve(null).Select(p => p.Name));
    }

    [Fact]
    public void An_unknown_profile_is_named_with_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => BenchProfiles.Resolve("fast,turbo"));
        Assert.Contains("'turbo'", ex.Message);
        Assert.Contains("monolithic", ex.Message);
    }

    [Theory]
    [InlineData("""{ "x": { "parameters": { "no.such.key": "1" } } }""", "no.such.key")]
    [InlineData("""{ "x": { "profile": "handoff", "parameters": { "monolithic.formulation": "glsp" } } }""", "monolithic.formulation")]
    [InlineData("""{ "x": { "threads": -2 } }""", "threads")]
    [InlineData("""{ "x": { "profile": "turbo" } }""", "turbo")]
    public void An_invalid_profile_entry_is_rejected_with_its_name_and_the_field(string json, string field)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => BenchProfiles.Parse(json, "p.json"));
        Assert.Contains("'x'", ex.Message);
        Assert.Contains(field, ex.Message);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("""{ "fast": { } }""")]
    [InlineData("""{ "x": 3 }""")]
    [InlineData("""{ "x": { "threds": 2 } }""")]
    public void A_malformed_profiles_file_is_invalid_data_naming_the_file(string json)
    {
        var ex = Assert.Throws<InvalidDataException>(() => BenchProfiles.Parse(json, "p.json"));
        Assert.StartsWith("p.json", ex.Message);
    }

    [Fact]
    public void Objective_at_a_time_is_the_plan_held_then_and_time_to_reach_is_the_first_plan_as_good()
    {
        var run = new BenchRun
        {
            Set = "s", Instance = "i", Profile = "p", Kind = BenchProfileKind.Engine, Repeat = 1, Status = "FEASIBLE",
            TimeLimitSeconds = 40, WallSeconds = 40, Verdict = "valid",
            Trace = [(2, 100), (12, 90), (35, 80)],
            FinalObjective = 80,
        };

        Assert.Null(run.ObjectiveAt(1));
        Assert.Equal(100, run.ObjectiveAt(10));
        Assert.Equal(90, run.ObjectiveAt(30));
        Assert.Null(run.ObjectiveAt(60)); // the run was limited to 40 s
        Assert.Equal(12, run.TimeToReach(95));
        Assert.Equal(35, run.TimeToReach(80));
        Assert.Null(run.TimeToReach(79));
    }
}
