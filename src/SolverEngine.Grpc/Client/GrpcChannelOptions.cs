namespace SolverEngine.Grpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The handler that sends requests. Null: a SocketsHttpHandler made for gRPC (HTTP/2 with prior
    /// knowledge for http://, ALPN h2 for https://, several connections when streams run out).
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>Largest response message accepted; larger fails the call with RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent; larger fails the call with RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Compress request messages with this algorithm ("gzip"); null: uncompressed.</summary>
    public string? RequestCompressionAlgorithm { get; set; }

    /// <summary>Clock for deadlines (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>Per-call settings: metadata, deadline, cancellation, write options.</summary>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    CancellationToken CancellationToken = default,
    WriteOptions? WriteOptions = null)
{
    /// <summary>A deadline this far from now.</summary>
    public CallOptions WithTimeout(TimeSpan timeout, TimeProvider? time = null) =>
        this with { Deadline = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime + timeout };
}
