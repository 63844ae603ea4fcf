using BenchmarkDotNet.Attributes;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>
/// What the loopback throughput benchmarks share: the servers (ours and plain Kestrel), the
/// parameters, and opening the connections outside the measurement. A subclass names its two
/// benchmarks (<see cref="Plain"/> the baseline, <see cref="Grpc"/> ours).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public abstract class LoopbackBenchmark
{
    private protected LoopbackServers Servers { get; private set; } = null!;

    /// <summary>Concurrent callers (1 = no extra tasks).</summary>
    [Params(1, 8)]
    public int Callers { get; set; }

    /// <summary>Size of the BytesValue payload of each message.</summary>
    [Params(256)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Servers = LoopbackServers.StartAsync(PayloadBytes).GetAwaiter().GetResult();
        // First calls open the connections outside the measurement.
        Plain().GetAwaiter().GetResult();
        Grpc().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Servers.DisposeAsync().AsTask().GetAwaiter().GetResult();

    public abstract Task Plain();

    public abstract Task Grpc();

    /// <summary>Runs <paramref name="caller"/> once per caller (on the pool when there are several), each with its share of <paramref name="total"/>.</summary>
    private protected Task<T[]> Spread<T>(int total, Func<int, Task<T>> caller)
    {
        var share = total / Callers;
        var callers = new Task<T>[Callers];
        for (var i = 0; i < callers.Length; i++)
            callers[i] = Callers == 1 ? caller(share) : Task.Run(() => caller(share));
        return Task.WhenAll(callers);
    }
}
