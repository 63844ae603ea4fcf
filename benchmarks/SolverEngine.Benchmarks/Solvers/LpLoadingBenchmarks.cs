using BenchmarkDotNet.Attributes;
using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Solvers;

/// <summary>
/// Per-coefficient vs bulk model building, each followed by loading into a Clp model (no solve): the cost of
/// the convenience API against the row-major bulk API.
/// </summary>
[MemoryDiagnoser]
public class LpLoadingBenchmarks
{
    private TransportLp _data = null!;

    [Params(500, 50_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _data = TransportLp.Create(Rows);

    [Benchmark(Baseline = true, Description = "Bulk rows (AddRows) + load")]
    public int Bulk()
    {
        using var session = ClpLpSolver.Instance.CreateSession(_data.BuildBulk());
        return session.ConstraintCount;
    }

    [Benchmark(Description = "Per coefficient (SetCoefficient) + load")]
    public int PerCoefficient()
    {
        using var session = ClpLpSolver.Instance.CreateSession(_data.BuildPerCoefficient());
        return session.ConstraintCount;
    }
}
