using BenchmarkDotNet.Attributes;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// One separation round of the coordinator (<c>Coordinator.Separate</c>: candidate sets per (line,
/// bucket) from the LP point, their proven changeover bounds from the sequencer on the
/// shortest-path closure, the violated ones kept as cuts), on the first relaxation of generated M
/// seed 1, one worker. Cold (the baseline): a coordinator whose cut cache is empty, as in the
/// first round; cached: the same round again on a coordinator that has seen it, as later rounds
/// see the sets that did not change.
/// </summary>
public class CutGenerationBenchmarks
{
    private CoordinationRound _round = null!;
    private Coordinator _warm = null!;
    private Coordinator? _cold;

    [GlobalSetup]
    public void Setup()
    {
        _round = CoordinationRound.For(InstanceSize.M);
        _warm = _round.NewCoordinator();
        Separate(_warm);
    }

    [GlobalCleanup]
    public void Cleanup() => _warm.Dispose();

    [IterationSetup(Target = nameof(Cold))]
    public void NewCoordinator() => _cold = _round.NewCoordinator();

    [IterationCleanup(Target = nameof(Cold))]
    public void DisposeCoordinator() => _cold?.Dispose();

    [Benchmark(Baseline = true, Description = "separation round, cold cut cache")]
    public int Cold() => Separate(_cold!);

    [Benchmark(Description = "separation round, cached bounds")]
    public int Cached() => Separate(_warm);

    private int Separate(Coordinator c)
    {
        var cuts = new List<SetupCut>();
        c.Separate(_round.Values, cuts, new HashSet<string>(), CancellationToken.None);
        return cuts.Count;
    }
}
