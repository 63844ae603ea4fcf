using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Coordination;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// Cut generation on the first relaxation of generated M seed 1 (one worker, the coordinator's
/// deterministic sequencing budget), two groups, each cold (the baseline: an empty bound cache, as
/// in the first round) against cached (the same work again, as later rounds see sets that did not
/// change):
/// <list type="bullet">
/// <item><b>separation</b>: <c>Coordinator.Separate</c> itself: candidate sets per (line, bucket)
/// from the LP point (products set up fully, products with production) whose cut could be violated,
/// their proven bounds, the violated ones kept;</item>
/// <item><b>bounds of the round's sets</b>: the proven changeover bound (hours and cost) of every
/// non-empty (line, bucket) set of the rounded pattern, i.e. of the sets the sequencing pass
/// schedules (<c>CutGenerator.Bounds</c>, shortest-path closure + sequencer lower bound): the
/// heaviest batch a round can ask for.</item>
/// </list>
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class CutGenerationBenchmarks
{
    private CoordinationRound _round = null!;
    private Coordinator _warmCoordinator = null!;
    private Coordinator? _coldCoordinator;
    private SubproblemPipeline _pipeline = null!;
    private CutGenerator _warmGenerator = null!;
    private CutGenerator? _coldGenerator;
    private List<CutGenerator.Request> _requests = null!;

    [GlobalSetup]
    public void Setup()
    {
        _round = CoordinationRound.For(InstanceSize.M);
        _warmCoordinator = _round.NewCoordinator();
        var cuts = Separate(_warmCoordinator);
        _pipeline = new SubproblemPipeline(1);
        var inst = _round.Instance;
        _requests = [];
        for (var l = 0; l < inst.Lines.Length; l++)
            for (var t = 0; t < inst.T; t++)
            {
                var positions = Enumerable.Range(0, inst.Lines[l].Products.Length).Where(i => _round.Pattern[l][t].Contains(inst.Lines[l].Products[i])).ToArray();
                if (positions.Length == 0) continue;
                _requests.Add(new CutGenerator.Request(l, t, positions, SetupCutKind.Hours));
                _requests.Add(new CutGenerator.Request(l, t, positions, SetupCutKind.Cost));
            }
        _warmGenerator = NewGenerator();
        var bounds = _warmGenerator.Bounds(_requests, CancellationToken.None);
        Console.WriteLine($"// CutGenerationBenchmarks: separation keeps {cuts} cuts ({_warmCoordinator.SubproblemsSolved} subproblems); " +
                          $"round's sets: {_requests.Count} bounds, {_warmGenerator.SubproblemsSolved} distinct subproblems, {bounds.Count(b => b > 0)} positive");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warmCoordinator.Dispose();
        _pipeline.Dispose();
    }

    [IterationSetup(Target = nameof(SeparationCold))]
    public void NewCoordinator() => _coldCoordinator = _round.NewCoordinator();

    [IterationCleanup(Target = nameof(SeparationCold))]
    public void DisposeCoordinator() => _coldCoordinator?.Dispose();

    [IterationSetup(Target = nameof(BoundsCold))]
    public void NewGeneratorForIteration() => _coldGenerator = NewGenerator();

    [Benchmark(Baseline = true, Description = "separation, cold cache")]
    [BenchmarkCategory("separation")]
    public int SeparationCold() => Separate(_coldCoordinator!);

    [Benchmark(Description = "separation, cached bounds")]
    [BenchmarkCategory("separation")]
    public int SeparationCached() => Separate(_warmCoordinator);

    [Benchmark(Baseline = true, Description = "bounds of the round's sets, cold cache")]
    [BenchmarkCategory("round-sets")]
    public double BoundsCold() => _coldGenerator!.Bounds(_requests, CancellationToken.None).Sum();

    [Benchmark(Description = "bounds of the round's sets, cached")]
    [BenchmarkCategory("round-sets")]
    public double BoundsCached() => _warmGenerator.Bounds(_requests, CancellationToken.None).Sum();

    private CutGenerator NewGenerator() => new(_round.Instance, new PortfolioSequencer(), _round.SequencingOptions, _pipeline);

    private int Separate(Coordinator c)
    {
        var cuts = new List<SetupCut>();
        c.Separate(_round.Values, cuts, new HashSet<string>(), CancellationToken.None);
        return cuts.Count;
    }
}
