using Microsoft.AspNetCore.Http;
using SolverEngine.Grpc.Internal;

namespace SolverEngine.Grpc;

/// <summary>What a service handler knows about its call, and what it may set on the response.</summary>
public sealed class ServerCallContext
{
    private readonly ServerCall _call;

    internal ServerCallContext(ServerCall call) => _call = call;

    /// <summary>The method path, "/package.Service/Method".</summary>
    public string Method => _call.MethodFullName;

    /// <summary>The client's address, e.g. "ipv4:127.0.0.1:51234".</summary>
    public string Peer => _call.Peer;

    /// <summary>The call's deadline in UTC (from grpc-timeout); DateTime.MaxValue when none was given.</summary>
    public DateTime Deadline => _call.Deadline;

    /// <summary>Custom request metadata (reserved HTTP/2 and grpc-* headers left out; "-bin" values decoded).</summary>
    public Metadata RequestHeaders => _call.RequestHeaders;

    /// <summary>Trailers sent with the final status.</summary>
    public Metadata ResponseTrailers => _call.ResponseTrailers;

    /// <summary>Cancelled when the client cancels (RST_STREAM / disconnect) or the deadline passes.</summary>
    public CancellationToken CancellationToken => _call.CancellationToken;

    /// <summary>The status sent when the handler returns normally (default OK).</summary>
    public Status Status { get => _call.Status; set => _call.Status = value; }

    /// <summary>Options for response writes (e.g. <see cref="WriteFlags.NoCompress"/>).</summary>
    public WriteOptions? WriteOptions { get => _call.WriteOptions; set => _call.WriteOptions = value; }

    /// <summary>
    /// Compression for response messages ("gzip" or null for none). Starts as the server's
    /// <see cref="GrpcServerOptions.ResponseCompressionAlgorithm"/> when the client accepts it.
    /// Set before the response headers are sent.
    /// </summary>
    public string? ResponseCompressionAlgorithm
    {
        get => _call.ResponseEncoding;
        set => _call.SetResponseEncoding(value);
    }

    /// <summary>The grpc-encoding the client used for its messages (null: identity).</summary>
    public string? RequestCompressionAlgorithm => _call.RequestEncoding;

    /// <summary>Whether the most recently read request message had its compressed flag set.</summary>
    public bool LastRequestMessageCompressed => _call.LastMessageCompressed;

    /// <summary>Sends the response headers now, with this custom metadata. At most once, before the first message.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => _call.WriteResponseHeadersAsync(responseHeaders);

    /// <summary>The underlying ASP.NET Core request, for what the abstraction does not cover.</summary>
    public HttpContext HttpContext => _call.HttpContext;
}
