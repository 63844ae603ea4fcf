using BenchmarkDotNet.Attributes;
using SolverEngine.Solvers;

namespace SolverEngine.Benchmarks.Solvers;

/// <summary>
/// Re-solve after adding one cut row: warm (the solved session keeps its basis, dual simplex) against cold
/// (a fresh model with the row, solved from scratch).
/// </summary>
[MemoryDiagnoser]
public class LpWarmStartBenchmarks
{
    private static readonly SolverOptions Options = new() { Algorithm = LpAlgorithm.DualSimplex };
    private TransportLp _data = null!;
    private LinearModel _model = null!;
    private LinearModel _modelWithCut = null!;
    private LinearExpression _cut = null!;
    private double _cutBound;
    private ClpLpSession? _session;

    [Params(500, 50_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = TransportLp.Create(Rows);
        _model = _data.BuildBulk();
        var solved = ClpLpSolver.Instance.Solve(_model, Options);

        // Cut: the first tenth of the sources may ship at most half of what they ship at the optimum.
        _cut = new LinearExpression();
        var shipped = 0.0;
        for (var k = 0; k < _data.Columns / 10; k++)
        {
            _cut.Add(new Variable(k));
            shipped += solved.Values[k];
        }

        _cutBound = shipped / 2;
        _modelWithCut = _data.BuildBulk();
        _modelWithCut.AddRow(_cut, double.NegativeInfinity, _cutBound);
    }

    [IterationSetup(Target = nameof(Warm))]
    public void SolvedSession()
    {
        _session?.Dispose();
        _session = ClpLpSolver.Instance.CreateSession(_model, Options);
        _session.Solve();
    }

    [IterationCleanup(Target = nameof(Warm))]
    public void DisposeSession()
    {
        _session?.Dispose();
        _session = null;
    }

    [Benchmark(Description = "Warm: add row to solved session + dual simplex")]
    public int Warm()
    {
        _session!.AddRow(_cut, double.NegativeInfinity, _cutBound);
        return _session.Solve().Iterations;
    }

    [Benchmark(Baseline = true, Description = "Cold: load model with the row + dual simplex")]
    public int Cold() => ClpLpSolver.Instance.Solve(_modelWithCut, Options).Iterations;
}
