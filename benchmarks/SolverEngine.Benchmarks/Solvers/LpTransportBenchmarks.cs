using BenchmarkDotNet.Attributes;
using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Solvers;

/// <summary>Build + solve of the synthetic transport LP (rows x 2 rows columns). CI smokes the small size.</summary>
[MemoryDiagnoser]
public class LpTransportBenchmarks
{
    private TransportLp _data = null!;
    private LinearModel _model = null!;

    [Params(500, 50_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = TransportLp.Create(Rows);
        _model = _data.BuildBulk();
    }

    [Benchmark(Description = "Build LinearModel (bulk)")]
    public LinearModel Build() => _data.BuildBulk();

    [Benchmark(Description = "Load into Clp + dual simplex")]
    public double LoadAndSolve()
    {
        var result = ClpLpSolver.Instance.Solve(_model, new SolverOptions { Algorithm = LpAlgorithm.DualSimplex });
        return Check(result);
    }

    [Benchmark(Description = "Build + load + solve (Clp automatic)")]
    public double BuildAndSolve()
    {
        var result = ClpLpSolver.Instance.Solve(_data.BuildBulk());
        return Check(result);
    }

    private static double Check(LpResult result) =>
        result.Status == SolveStatus.Optimal ? result.Objective : throw new InvalidOperationException($"Transport LP not optimal: {result}");
}
