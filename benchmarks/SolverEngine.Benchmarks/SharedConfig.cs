using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace SolverEngine.Benchmarks;

/// <summary>
/// The one configuration every BenchmarkDotNet class runs under (handed to <c>BenchmarkSwitcher</c>
/// in Program.cs; command-line options such as <c>--job short</c> or <c>--inProcess</c> are merged
/// into it): allocations per operation, and the best and median iteration beside the mean. On the
/// shared development machine the load swings during a run; Min is the least disturbed figure, and
/// ratios against a [Baseline] of the same class are the figures to compare.
/// </summary>
internal static class SharedConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Min, StatisticColumn.Median);
}
