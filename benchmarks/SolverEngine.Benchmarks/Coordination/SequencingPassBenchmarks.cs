using BenchmarkDotNet.Attributes;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// The sequencing pass of one coordination round: every (line, bucket) of the rounded first LP
/// relaxation of generated M seed 1 sequenced with the carried state and repaired where it does not
/// fit (<c>LineScheduler.Schedule</c>, one worker, the coordinator's deterministic budget). Cold
/// (the baseline): a new scheduler, as in the first round; cached: the same pattern again on a
/// scheduler that has solved it (results cached by line, product set, start state and hour price).
/// </summary>
public class SequencingPassBenchmarks
{
    private CoordinationRound _round = null!;
    private LineScheduler _warm = null!;
    private SubproblemPipeline _warmPipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _round = CoordinationRound.For(InstanceSize.M);
        _warmPipeline = new SubproblemPipeline(1);
        _warm = NewScheduler(_warmPipeline);
        Pass(_warm);
    }

    [GlobalCleanup]
    public void Cleanup() => _warmPipeline.Dispose();

    [Benchmark(Baseline = true, Description = "sequencing pass, cold cache")]
    public int Cold()
    {
        using var pipeline = new SubproblemPipeline(1);
        return Pass(NewScheduler(pipeline));
    }

    [Benchmark(Description = "sequencing pass, cached results")]
    public int Cached() => Pass(_warm);

    private LineScheduler NewScheduler(SubproblemPipeline pipeline) => new(_round.Instance, new PortfolioSequencer(), _round.SequencingOptions, pipeline);

    private int Pass(LineScheduler scheduler)
    {
        var (schedule, _) = scheduler.Schedule(_round.Pattern, (l, t, p) => _round.Produced(l, t, p), _round.HourPrice, CancellationToken.None);
        return schedule.Buckets.Sum(b => b.Sum(s => s.Order.Length));
    }
}
