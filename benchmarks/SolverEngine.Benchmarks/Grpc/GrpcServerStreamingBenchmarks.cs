using BenchmarkDotNet.Attributes;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>
/// Server-streaming messages on loopback (h2c): our gRPC server and client against a plain Kestrel
/// HTTP/2 endpoint streaming the same messages with no framing (the baseline). One operation is one
/// message; an invocation reads <see cref="Messages"/> messages over <see cref="LoopbackBenchmark.Callers"/>
/// concurrent streams, so Op/s is messages per second and Allocated is per message (client and server together).
/// </summary>
public class GrpcServerStreamingBenchmarks : LoopbackBenchmark
{
    private const int Messages = 256;

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "plain HTTP/2 stream")]
    public override Task Plain() => Run(static (s, n) => s.PlainStreamAsync(n));

    [Benchmark(OperationsPerInvoke = Messages, Description = "gRPC server stream")]
    public override Task Grpc() => Run(static (s, n) => s.GrpcStreamAsync(n));

    private async Task Run(Func<LoopbackServers, int, Task<int>> stream)
    {
        var perCaller = Messages / Callers;
        foreach (var received in await Spread(Messages, n => stream(Servers, n)).ConfigureAwait(false))
        {
            if (received != perCaller) throw new InvalidOperationException($"Received {received} messages; expected {perCaller}.");
        }
    }
}
