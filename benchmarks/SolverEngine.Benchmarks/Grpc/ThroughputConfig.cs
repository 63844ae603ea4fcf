using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>Adds the operations-per-second column (round trips or messages per second) to the default columns.</summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
}
