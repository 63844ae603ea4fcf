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

    /// <summary>Where the cancel lands: on the first incumbent, or on the next aggregate round after it (inside the sequencing of a later round).</summary>
    public enum CancelPoint { AtFirstIncumbent, InTheRoundAfterIt }

    /// <summary>
    /// Cancelled well inside the solve (after the first incumbent, signalled, not timed): the result
    /// is CANCELLED, carries the best plan streamed so far, and that plan passes the verifier.
    /// Deterministic with a work budget far beyond the cancel point, so the solve cannot end by
    /// itself before the cancel, on any machine.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(CancelPoint.AtFirstIncumbent)]
    [InlineData(CancelPoint.InTheRoundAfterIt)]
    public async Task A_solve_cancelled_mid_solve_of_M_returns_CANCELLED_with_the_best_plan_so_far_verified(CancelPoint point)
    {
        var model = InstanceGenerator.Generate(InstanceSize.M, 1);
        using var cts = new CancellationTokenSource();
        var incumbents = new List<double>();
        var cancelled = false;
        // Reported on the coordinator's thread (incumbents, round events) or the heartbeat's: record, then cancel at the chosen point.
        var progress = new Inline(u =>
        {
            lock (incumbents)
            {
                // every incumbent is recorded, also one streamed while the cancel is on its way
                if (u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent) incumbents.Add(u.Incumbent.Objective);
                if (cancelled) return;
                var fire = point == CancelPoint.AtFirstIncumbent
                    ? incumbents.Count > 0
                    : incumbents.Count > 0 && u.UpdateCase == SolveUpdate.UpdateOneofCase.Progress && u.Progress.Phase == "aggregate" && u.Progress.Iteration >= 2;
                if (!fire) return;
                cancelled = true;
            }
            cts.Cancel();
        });
        var options = new SolveOptions
        {
            TimeLimit = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
            Deterministic = true,
            Seed = 1,
            Threads = 2,
            PlanDetail = PlanDetail.Summary,
        };

        var result = await new PlanningEngine().SolveAsync(model, options, progress, cts.Token);

        Assert.True(cancelled, "the cancel point was never reached");
        Assert.Equal(SolveStatus.Cancelled, result.Status);
        double[] seen;
        lock (incumbents) seen = [.. incumbents];
        Assert.NotEmpty(seen);
        // the best plan so far: the last (best) incumbent streamed before the cancel
        Assert.NotNull(result.Plan);
        Assert.Equal(seen.Min(), result.Objective, 6);
        Assert.Equal(seen[^1], result.Objective, 6);
        Assert.True(result.LowerBound <= result.Objective + 1e-6, $"lower bound {result.LowerBound} above the objective {result.Objective}");
        var report = PlanVerifier.Verify(model, result.Plan, result.Objective);
        Assert.True(report.IsValid, report.ToText());
    }

    private sealed class Inline(Action<SolveUpdate> report) : IProgress<SolveUpdate>
    {
        public void Report(SolveUpdate value) => report(value);
    }
}
