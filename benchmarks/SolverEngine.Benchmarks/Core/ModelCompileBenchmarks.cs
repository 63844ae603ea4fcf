using BenchmarkDotNet.Attributes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Validation;
using SolverEngine.Planning.Internal.Instance;

namespace SolverEngine.Benchmarks.Core;

/// <summary>
/// The front of every solve on a generated model (seed 1): validation alone (the baseline: what
/// <c>ValidateModel</c> and every solve pay), validation + compile to the index-based
/// <see cref="CompiledModel"/>, and the planning layer's instance built from a compiled model
/// (working time, changeover matrices by precedence, demand), which the engine does next.
/// </summary>
public class ModelCompileBenchmarks
{
    private PlanningModel _model = null!;
    private CompiledModel _compiled = null!;

    /// <summary>Generated size (M: 6 lines, 40 products, 24 buckets; L: 20 lines, 150 products, 42 buckets).</summary>
    [Params(InstanceSize.M, InstanceSize.L)]
    public InstanceSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = InstanceGenerator.Generate(Size, 1);
        _compiled = ModelCompiler.Compile(_model);
    }

    [Benchmark(Baseline = true, Description = "validate only")]
    public bool Validate() => ModelValidator.Validate(_model).Valid;

    [Benchmark(Description = "validate + compile (CompiledModel)")]
    public int Compile() => ModelCompiler.Compile(_model).Buckets.Count;

    [Benchmark(Description = "planning instance from the compiled model")]
    public int PlanningInstance() => InstanceBuilder.Build(_compiled).T;
}
