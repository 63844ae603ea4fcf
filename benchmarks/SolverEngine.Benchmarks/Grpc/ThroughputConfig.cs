using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>
/// Adds operations per second (round trips or messages) to the shared configuration
/// (<see cref="SharedConfig"/>, which already shows Min and Median: on a shared machine whose load
/// swings during a run, Min is the fairest figure to compare two rows measured one after the other).
/// </summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
}
