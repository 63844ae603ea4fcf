using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Verification;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// Cancellation is a result: a running solve stops when its token fires and returns CANCELLED with
/// the best plan so far (executable), or none when none existed yet. Latency is measured by the
/// cancel-latency benchmark verb, never asserted here.
/// </summary>
public class CancellationTests
{
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(InstanceSize.XL, 3)]
    [InlineData(InstanceSize.M, 8)]
    public async Task A_solve_cancelled_after_a_few_seconds_returns_CANCELLED_with_an_executable_plan_if_one_existed(InstanceSize size, int seconds)
    {
        var model = InstanceGenerator.Generate(size, 1);
        var updates = new StreamingTests.RecordingProgress();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var options = new SolveOptions { TimeLimit = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)), Threads = 2 };

        var result = await new PlanningEngine().SolveAsync(model, options, updates, cts.Token);

        Assert.Equal(SolveStatus.Cancelled, result.Status);
        var streamed = updates.Snapshot().Where(u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent).ToList();
        if (streamed.Count > 0)
        {
            // a plan existed: it is kept, it is the best one streamed, and it is executable
            Assert.NotNull(result.Plan);
            Assert.Equal(streamed[^1].Incumbent.Objective, result.Objective);
            var report = PlanVerifier.Verify(model, result.Plan, result.Objective);
            Assert.True(report.IsValid, report.ToText());
        }
        else if (result.Plan is { Runs.Count: > 0 } plan)
        {
            Assert.True(PlanVerifier.Verify(model, plan, result.Objective).IsValid);
        }
    }
}
