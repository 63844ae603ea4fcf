using BenchmarkDotNet.Attributes;
using Google.Protobuf.WellKnownTypes;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>
/// Unary round trips on loopback (h2c): our gRPC server and client against a plain Kestrel HTTP/2
/// endpoint doing the same work with the same bytes (the baseline). One operation is one round
/// trip; <see cref="Callers"/> tasks share the <see cref="Calls"/> of an invocation, so Op/s is round
/// trips per second and Allocated is per round trip (client and server together, one process).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class GrpcUnaryBenchmarks
{
    private const int Calls = 64;
    private LoopbackServers _servers = null!;

    [Params(1, 8)]
    public int Callers { get; set; }

    /// <summary>Size of the BytesValue payload in each request and response.</summary>
    [Params(256)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _servers = LoopbackServers.StartAsync(PayloadBytes).GetAwaiter().GetResult();
        // First calls open the connections outside the measurement.
        Plain().GetAwaiter().GetResult();
        Grpc().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _servers.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "plain HTTP/2 unary")]
    public Task Plain() => Run(static s => s.PlainUnaryAsync(s.Payload));

    [Benchmark(OperationsPerInvoke = Calls, Description = "gRPC unary")]
    public Task Grpc() => Run(static s => s.GrpcUnaryAsync(s.Payload));

    private Task Run(Func<LoopbackServers, Task<BytesValue>> call)
    {
        if (Callers == 1) return Loop(_servers, call, Calls);
        var callers = new Task[Callers];
        for (var i = 0; i < callers.Length; i++)
        {
            callers[i] = Task.Run(() => Loop(_servers, call, Calls / Callers));
        }
        return Task.WhenAll(callers);
    }

    private static async Task Loop(LoopbackServers servers, Func<LoopbackServers, Task<BytesValue>> call, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var reply = await call(servers).ConfigureAwait(false);
            if (reply.Value.Length != servers.Payload.Value.Length)
            {
                throw new InvalidOperationException($"Reply of {reply.Value.Length} bytes; expected {servers.Payload.Value.Length}.");
            }
        }
    }
}
