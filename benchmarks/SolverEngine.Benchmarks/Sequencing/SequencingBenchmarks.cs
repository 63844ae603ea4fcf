using BenchmarkDotNet.Attributes;
using SolverEngine.Core.Import;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Benchmarks.Sequencing;

/// <summary>
/// Speed of the sequencer on fixed TSPLIB instances, one per method of the portfolio: Held-Karp
/// (br17), branch-and-bound (ftv33, ry48p) and local search with the assignment bound (rbg443,
/// deterministic work budget so every run does the same work). Quality is measured apart, by
/// <see cref="TsplibSequencingSuite"/>.
/// </summary>
[MemoryDiagnoser]
public class SequencingBenchmarks
{
    private readonly PortfolioSequencer _sequencer = new();
    private SequencingProblem _problem = null!;

    /// <summary>Instance file name (without .atsp).</summary>
    [Params("br17", "ftv33", "ry48p", "rbg443")]
    public string Instance { get; set; } = "br17";

    [GlobalSetup]
    public void Setup()
    {
        var instance = TsplibReader.ReadFile(Path.Combine(TsplibSequencingSuite.DefaultDirectory, Instance + ".atsp"));
        _problem = SequencingProblem.ForClosedTour(instance.ToMatrix());
    }

    [Benchmark]
    public double Solve() =>
        _sequencer.Solve(_problem, new SequencingOptions { Deterministic = true, WorkLimit = 2_000_000_000, Seed = 1 }).Cost;
}
