using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Modeling;
using static SolverEngine.Planning.Tests.TestSupport;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// deterministic = true with a seed: the same request gives the same plan, bit for bit, at 1, 2
/// and 4 threads (subproblem results consumed by id; limits count work, not time).
/// </summary>
public class DeterminismTests
{
    public static TheoryData<string> Models() => ["generated S seed 3", "generated M seed 2", "example dairy-cip.json"];

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Models))]
    public async Task Same_plan_bit_for_bit_at_1_2_and_4_threads(string which)
    {
        var model = Load(which);
        var results = new List<SolveResult>();
        foreach (var threads in new[] { 1, 2, 4 })
        {
            var options = new SolveOptions
            {
                // In deterministic mode this is a work budget (about 50M work units a second), not wall time.
                TimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(4)),
                Deterministic = true,
                Seed = 11,
                Threads = threads,
                // a work limit too: few rounds keep the test short on a busy machine
                Parameters = { ["coordinator.max_iterations"] = "4" },
            };
            var r = await new PlanningEngine().SolveAsync(model, options);
            Assert.True(r.Plan is not null, $"{which} at {threads} threads: no plan ({r.Status} {r.Message})");
            AssertVerified(model, r.Plan, r.Objective);
            Assert.Equal(threads, r.Stats.Threads);
            results.Add(r);
        }

        var first = results[0];
        foreach (var (r, threads) in results.Skip(1).Zip(new[] { 2, 4 }))
        {
            Assert.True(first.Plan.ToByteString().Equals(r.Plan.ToByteString()),
                $"{which}: the plan at {threads} threads differs from 1 thread (objective {first.Objective:R} vs {r.Objective:R}, runs {first.Plan.Runs.Count} vs {r.Plan.Runs.Count}).");
            Assert.Equal(first.Status, r.Status);
            Assert.Equal(BitConverter.DoubleToInt64Bits(first.Objective), BitConverter.DoubleToInt64Bits(r.Objective));
            Assert.Equal(BitConverter.DoubleToInt64Bits(first.LowerBound), BitConverter.DoubleToInt64Bits(r.LowerBound));
            Assert.Equal(first.Stats.Iterations, r.Stats.Iterations);
            Assert.Equal(first.Stats.SubproblemsSolved, r.Stats.SubproblemsSolved);
            Assert.Equal(first.Stats.Cuts, r.Stats.Cuts);
        }
    }

    internal static PlanningModel Load(string which) => which switch
    {
        "generated S seed 3" => InstanceGenerator.Generate(InstanceSize.S, 3),
        "generated M seed 2" => InstanceGenerator.Generate(InstanceSize.M, 2),
        "example dairy-cip.json" => ModelFiles.Load(Path.Combine(ExampleFileTests.ExamplesDir(), "dairy-cip.json")),
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, "unknown test model"),
    };
}
