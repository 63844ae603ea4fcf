using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Verification;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Coordination.Internal;

namespace SolverEngine.Planning.Tests.Coordination;

/// <summary>
/// The update stream: incumbents that are executable and improving, bounds that only tighten,
/// a final result equal to the last incumbent, and a heartbeat while the solve is busy.
/// </summary>
public class StreamingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Generated_M_streams_verified_improving_plans_with_monotone_bounds_and_ends_on_the_last_one()
    {
        var model = InstanceGenerator.Generate(InstanceSize.M, 1);
        var updates = new RecordingProgress();
        var options = new SolveOptions { TimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(20)), PlanDetail = PlanDetail.Full, Threads = 2 };

        var result = await new PlanningEngine().SolveAsync(model, options, updates);

        var stream = updates.Snapshot();
        var incumbents = stream.Where(u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent).Select(u => u.Incumbent).ToList();
        Assert.NotEmpty(incumbents);
        Assert.NotNull(result.Plan);

        // every streamed plan is executable, with the objective it was streamed with
        foreach (var inc in incumbents)
        {
            var report = PlanVerifier.Verify(model, inc.Plan, inc.Objective);
            Assert.True(report.IsValid, $"streamed incumbent {inc.Objective}: {report.ToText()}");
        }

        // bounds: upper never increases, lower never decreases, lower <= upper, across progress and incumbents
        var upper = double.PositiveInfinity;
        var lower = double.NegativeInfinity;
        var elapsed = TimeSpan.Zero;
        foreach (var u in stream)
        {
            var at = u.Elapsed.ToTimeSpan();
            Assert.True(at >= elapsed, $"elapsed went back from {elapsed} to {at}");
            elapsed = at;
            double lb;
            double? ub;
            switch (u.UpdateCase)
            {
                case SolveUpdate.UpdateOneofCase.Incumbent:
                    lb = u.Incumbent.LowerBound;
                    ub = u.Incumbent.Objective;
                    Assert.True(ub < upper, $"incumbent {ub} does not improve on {upper}");
                    break;
                case SolveUpdate.UpdateOneofCase.Progress:
                    lb = u.Progress.LowerBound;
                    ub = u.Progress.HasUpperBound ? u.Progress.UpperBound : null;
                    break;
                default:
                    throw new InvalidOperationException($"unexpected update {u.UpdateCase}");
            }
            Assert.True(lb >= lower, $"lower bound decreased from {lower} to {lb} ({u})");
            lower = lb;
            if (ub is { } v)
            {
                Assert.True(v <= upper, $"upper bound increased from {upper} to {v}");
                upper = v;
            }
            Assert.True(lower <= upper + 1e-9 * Math.Max(1, Math.Abs(upper)), $"lower bound {lower} above upper bound {upper}");
        }

        // the result is the last incumbent, and its bound is no weaker than the streamed ones
        var last = incumbents[^1];
        Assert.Equal(last.Objective, result.Objective);
        // the same plan; only the final one has its late orders diagnosed from the LP (alert causes)
        var streamedPlan = last.Plan.Clone();
        var finalPlan = result.Plan.Clone();
        streamedPlan.Alerts.Clear();
        finalPlan.Alerts.Clear();
        Assert.Equal(streamedPlan, finalPlan);
        Assert.True(result.LowerBound >= lower, $"result lower bound {result.LowerBound} below the streamed {lower}");
        Assert.Contains(stream, u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Progress && u.Progress.Phase == "aggregate");
        // each step of a round is named while it runs: the repair that makes the first plan is reported before that plan
        var firstIncumbent = stream.ToList().FindIndex(u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Incumbent);
        Assert.Contains(stream.Take(firstIncumbent), u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Progress && u.Progress.Phase == "repair");
        // and what each round of that repair found (M's first plan takes some twenty: infeasible minimum runs, idle lots, timing)
        Assert.Contains(stream.Take(firstIncumbent), u => u.UpdateCase == SolveUpdate.UpdateOneofCase.Progress && u.Progress.Phase == "repair"
                                                          && u.Progress.Message.StartsWith("repair round ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_heartbeat_reports_the_running_phase_and_counters_while_the_coordinator_is_busy()
    {
        var heard = new TaskCompletionSource<SolveUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new CallbackProgress(u =>
        {
            if (u.Progress?.Phase == "sequencing") heard.TrySetResult(u);
        });
        using var stream = new SolveStream(progress, Stopwatch.StartNew(), PlanDetail.Summary);
        stream.OnEvent(new CoordinationEvent("aggregate", 3, 120.5, null, 10, 4, null));
        var inst = Internal.Instance.InstanceBuilder.Build(IntegratedPlanTests.ManySmallProducts());
        var builder = new SolverEngine.Planning.Plans.PlanBuilder(inst, new SolverEngine.Planning.Aggregate.AggregateModel(inst));

        // No event comes while "sequencing" runs: only the heartbeat can report it.
        stream.Attach(builder, () => 42, () => "sequencing");

        var beat = await heard.Task.WaitAsync(Limit);
        Assert.Equal(42ul, beat.Progress.SubproblemsSolved);
        Assert.Equal(3u, beat.Progress.Iteration);
        Assert.Equal(4u, beat.Progress.Cuts);
        Assert.Equal(120.5, beat.Progress.LowerBound);
        Assert.False(beat.Progress.HasUpperBound);
    }

    [Fact]
    public void Bounds_are_kept_monotone_and_nothing_is_reported_after_dispose()
    {
        var updates = new RecordingProgress();
        var stream = new SolveStream(updates, Stopwatch.StartNew(), PlanDetail.Summary);
        stream.OnEvent(new CoordinationEvent("aggregate", 1, 100, null, 0, 0, null));
        stream.OnEvent(new CoordinationEvent("aggregate", 2, 90, null, 0, 0, null)); // a weaker bound is not reported
        stream.OnEvent(new CoordinationEvent("aggregate", 3, double.NegativeInfinity, null, 0, 0, null));
        stream.Dispose();
        stream.OnEvent(new CoordinationEvent("aggregate", 4, 200, null, 0, 0, null));

        var lbs = updates.Snapshot().Select(u => u.Progress.LowerBound).ToList();
        Assert.Equal([100.0, 100.0, 100.0], lbs);
        Assert.Equal(100, stream.LowerBound);
    }

    internal sealed class RecordingProgress : IProgress<SolveUpdate>
    {
        private readonly List<SolveUpdate> _updates = [];

        public void Report(SolveUpdate value)
        {
            lock (_updates) _updates.Add(value.Clone());
        }

        public List<SolveUpdate> Snapshot()
        {
            lock (_updates) return [.. _updates];
        }
    }

    private sealed class CallbackProgress(Action<SolveUpdate> report) : IProgress<SolveUpdate>
    {
        public void Report(SolveUpdate value) => report(value);
    }
}
