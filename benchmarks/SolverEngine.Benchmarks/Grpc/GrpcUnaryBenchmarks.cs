using BenchmarkDotNet.Attributes;
using Google.Protobuf.WellKnownTypes;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>
/// Unary round trips on loopback (h2c): our gRPC server and client against a plain Kestrel HTTP/2
/// endpoint doing the same work with the same bytes (the baseline). One operation is one round
/// trip; <see cref="LoopbackBenchmark.Callers"/> tasks share the <see cref="Calls"/> of an invocation,
/// so Op/s is round trips per second and Allocated is per round trip (client and server together, one process).
/// </summary>
public class GrpcUnaryBenchmarks : LoopbackBenchmark
{
    private const int Calls = 64;

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "plain HTTP/2 unary")]
    public override Task Plain() => Run(static s => s.PlainUnaryAsync(s.Payload));

    [Benchmark(OperationsPerInvoke = Calls, Description = "gRPC unary")]
    public override Task Grpc() => Run(static s => s.GrpcUnaryAsync(s.Payload));

    private Task Run(Func<LoopbackServers, Task<BytesValue>> call) => Spread(Calls, count => Loop(Servers, call, count));

    private static async Task<int> Loop(LoopbackServers servers, Func<LoopbackServers, Task<BytesValue>> call, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var reply = await call(servers).ConfigureAwait(false);
            if (reply.Value.Length != servers.Payload.Value.Length)
            {
                throw new InvalidOperationException($"Reply of {reply.Value.Length} bytes; expected {servers.Payload.Value.Length}.");
            }
        }
        return count;
    }
}
