using BenchmarkDotNet.Attributes;
using SolverEngine.Core.Generation;
using SolverEngine.Planning.Aggregate;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Benchmarks.Planning;

/// <summary>
/// Building the aggregate LP through the modelling API (<c>AggregateModel.Build</c> into a
/// <c>LinearModel</c>: production, set-ups, changeovers, stock, backlog, deliveries, transfers,
/// materials, capacity and linking rows over every bucket), on a generated model (seed 1). Cold
/// (the baseline): a new <see cref="AggregateModel"/> (lane and purchase arrivals, frozen runs,
/// process physics) and its first relaxation, as at the start of a solve; rebuild: the relaxation
/// again on the same aggregate model, as every coordinator round and the fixed set-up LP do.
/// Loading into Clp is measured apart (Solvers/LpLoadingBenchmarks).
/// </summary>
public class AggregateBuildBenchmarks
{
    private PlanningInstance _inst = null!;
    private AggregateModel _warm = null!;

    /// <summary>Generated size (M: ~24 buckets x 6 lines; L: 42 buckets x 20 lines, ~144k columns).</summary>
    [Params(InstanceSize.M, InstanceSize.L)]
    public InstanceSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _inst = InstanceBuilder.Build(InstanceGenerator.Generate(Size, 1));
        _warm = new AggregateModel(_inst);
        var lp = _warm.Build(null, Array.Empty<SetupCut>());
        Console.WriteLine($"// AggregateBuildBenchmarks {Size}: {lp.VariableCount} columns, {lp.ConstraintCount} rows, {lp.EntryCount} entries");
    }

    [Benchmark(Baseline = true, Description = "cold: new AggregateModel + relaxation")]
    public int Cold() => new AggregateModel(_inst).Build(null, Array.Empty<SetupCut>()).EntryCount;

    [Benchmark(Description = "rebuild the relaxation (same AggregateModel)")]
    public int Rebuild() => _warm.Build(null, Array.Empty<SetupCut>()).EntryCount;
}
