using BenchmarkDotNet.Attributes;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Coordination.Internal;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Benchmarks.Coordination;

/// <summary>
/// The sequencer on one realistic (line, bucket): the largest product set of the rounded first LP
/// relaxation of generated M seed 1, with the weights the coordinator's scheduler gives it
/// (changeover cost + capacity dual x changeover hours, forbidden arcs infinite) and the state
/// carried in from the previous bucket. The portfolio with the coordinator's deterministic budget
/// is the baseline; beside it the same problem with the exact methods switched off (local search
/// and the assignment bound only), i.e. what exactness costs on a set of this size.
/// (TSPLIB instances: <see cref="SequencingBenchmarks"/>.)
/// </summary>
public class LineBucketSequencingBenchmarks
{
    private readonly PortfolioSequencer _sequencer = new();
    private SequencingProblem _problem = null!;
    private SequencingOptions _options = null!;

    /// <summary>Products in the chosen set, the line and bucket (printed once by the setup).</summary>
    public string Chosen { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var round = CoordinationRound.For(InstanceSize.M);
        var inst = round.Instance;
        _options = round.SequencingOptions;
        // the (line, bucket) with the most products, first in line-bucket order on ties
        var (l, t) = Enumerable.Range(0, inst.Lines.Length).SelectMany(li => Enumerable.Range(0, inst.T).Select(ti => (li, ti)))
            .MaxBy(k => (round.Pattern[k.li][k.ti].Count, -k.li, -k.ti));
        // its start state as the scheduler carries it (the previous bucket's end state)
        using var pipeline = new SubproblemPipeline(1);
        var (schedule, _) = new LineScheduler(inst, new PortfolioSequencer(), _options, pipeline)
            .Schedule(round.Pattern, (li, ti, p) => round.Produced(li, ti, p), round.HourPrice, CancellationToken.None);
        var start = schedule[l, t].StartState;
        var line = inst.Lines[l];
        var products = round.Pattern[l][t].Where(p => line.RecipesOfProduct[p].Length > 0).Distinct().OrderBy(p => p).ToArray();
        var price = round.HourPrice(l, t);
        var n = products.Length;
        var w = new double[n, n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                if (a == b) continue;
                var e = line.Changeover[products[a], products[b]];
                w[a, b] = e.Forbidden ? double.PositiveInfinity : e.Cost + price * e.Hours;
            }
        double[]? startWeights = null;
        if (start >= 0 || line.SetupPerBucket)
        {
            startWeights = new double[n];
            for (var b = 0; b < n; b++)
                startWeights[b] = line.Into(start, products[b]) is not { } c ? 0 : c.Forbidden ? double.PositiveInfinity : c.Cost + price * c.Hours;
        }
        _problem = new SequencingProblem(w, startWeights: startWeights);
        Chosen = $"line {l}, bucket {t}: {n} products, start state {start}";
        Console.WriteLine($"// LineBucketSequencingBenchmarks: {Chosen}; portfolio: {_sequencer.Solve(_problem, _options).Method}");
    }

    [Benchmark(Baseline = true, Description = "portfolio (coordinator's budget)")]
    public double Portfolio() => _sequencer.Solve(_problem, _options).Cost;

    [Benchmark(Description = "local search + assignment bound only")]
    public double LocalSearchOnly() =>
        _sequencer.Solve(_problem, _options with { ExactDpMaxNodes = 0, BranchAndBoundMaxNodes = 0 }).Cost;
}
