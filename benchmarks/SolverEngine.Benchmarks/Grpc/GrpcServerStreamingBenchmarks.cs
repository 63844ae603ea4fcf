using BenchmarkDotNet.Attributes;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>
/// Server-streaming messages on loopback (h2c): our gRPC server and client against a plain Kestrel
/// HTTP/2 endpoint streaming the same messages with no framing (the baseline). One operation is one
/// message; an invocation reads <see cref="Messages"/> messages over <see cref="Callers"/> concurrent
/// streams, so Op/s is messages per second and Allocated is per message (client and server together).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class GrpcServerStreamingBenchmarks
{
    private const int Messages = 256;
    private LoopbackServers _servers = null!;

    [Params(1, 8)]
    public int Callers { get; set; }

    /// <summary>Size of the BytesValue payload of each streamed message.</summary>
    [Params(256)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _servers = LoopbackServers.StartAsync(PayloadBytes).GetAwaiter().GetResult();
        Plain().GetAwaiter().GetResult();
        Grpc().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _servers.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "plain HTTP/2 stream")]
    public Task Plain() => Run(static (s, n) => s.PlainStreamAsync(n));

    [Benchmark(OperationsPerInvoke = Messages, Description = "gRPC server stream")]
    public Task Grpc() => Run(static (s, n) => s.GrpcStreamAsync(n));

    private async Task Run(Func<LoopbackServers, int, Task<int>> stream)
    {
        var perCaller = Messages / Callers;
        var callers = new Task<int>[Callers];
        for (var i = 0; i < callers.Length; i++)
        {
            callers[i] = Callers == 1 ? stream(_servers, perCaller) : Task.Run(() => stream(_servers, perCaller));
        }
        foreach (var received in await Task.WhenAll(callers).ConfigureAwait(false))
        {
            if (received != perCaller) throw new InvalidOperationException($"Received {received} messages; expected {perCaller}.");
        }
    }
}
