using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace SolverEngine.Grpc.Internal;

/// <summary>
/// The server side of one call: request headers, deadline, reading and writing framed
/// messages on the HttpContext pipes, and the final status. One handler task uses it at a time.
/// </summary>
internal sealed class ServerCall : IDisposable
{
    private readonly GrpcServerOptions _options;
    private readonly TimeProvider _time;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenSource? _linkedCts;
    private Metadata? _requestHeaders;
    private int _writing;

    public ServerCall(HttpContext httpContext, string methodFullName, GrpcServerOptions options, TimeProvider time)
    {
        HttpContext = httpContext;
        MethodFullName = methodFullName;
        _options = options;
        _time = time;
        Context = new ServerCallContext(this);
    }

    public HttpContext HttpContext { get; }
    public string MethodFullName { get; }
    public ServerCallContext Context { get; }
    public DateTime Deadline { get; private set; } = DateTime.MaxValue;
    public Metadata ResponseTrailers { get; } = new();
    public Status Status { get; set; } = Status.DefaultSuccess;
    public WriteOptions? WriteOptions { get; set; }
    public string? ResponseEncoding { get; private set; }
    public string? RequestEncoding { get; private set; }
    public bool LastMessageCompressed { get; private set; }
    public CancellationToken CancellationToken { get; private set; }

    public bool DeadlineExceeded => _deadlineCts?.IsCancellationRequested == true;
    public bool ClientCancelled => HttpContext.RequestAborted.IsCancellationRequested;

    public string Peer
    {
        get
        {
            var c = HttpContext.Connection;
            if (c.RemoteIpAddress is null) return "unknown";
            return c.RemoteIpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"ipv6:[{c.RemoteIpAddress}]:{c.RemotePort}"
                : $"ipv4:{c.RemoteIpAddress}:{c.RemotePort}";
        }
    }

    public Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    /// <summary>Reads the protocol headers: timeout (deadline), encodings. Throws RpcException on malformed values.</summary>
    public void Initialize()
    {
        var request = HttpContext.Request;
        RequestEncoding = NullIfEmpty(request.Headers[GrpcProtocol.EncodingHeader]);

        if (_options.ResponseCompressionAlgorithm is { } algorithm
            && GrpcProtocol.AcceptsEncoding(request.Headers[GrpcProtocol.AcceptEncodingHeader], algorithm))
        {
            ResponseEncoding = algorithm;
        }

        var timeoutHeader = NullIfEmpty(request.Headers[GrpcProtocol.TimeoutHeader]);
        if (timeoutHeader is not null)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var timeout))
            {
                throw new RpcException(new Status(StatusCode.Internal,
                    $"Invalid grpc-timeout '{timeoutHeader}': expected 1-8 digits and a unit H, M, S, m, u or n."));
            }
            Deadline = _time.GetUtcNow().UtcDateTime + timeout;
            // A deadline is a linked token source: whichever comes first, client abort or deadline.
            _deadlineCts = new CancellationTokenSource(timeout, _time);
            _linkedCts = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted, _deadlineCts.Token);
            CancellationToken = _linkedCts.Token;
        }
        else
        {
            CancellationToken = HttpContext.RequestAborted;
        }
    }

    public void SetResponseEncoding(string? value)
    {
        if (HttpContext.Response.HasStarted)
        {
            throw new InvalidOperationException("Response compression must be chosen before the response headers are sent.");
        }
        if (value is not null && !GrpcProtocol.IsSupportedEncoding(value))
        {
            throw new ArgumentException($"Compression '{value}' is not supported; use '{GrpcProtocol.Gzip}' or null.", nameof(value));
        }
        ResponseEncoding = value is null || value.Equals(GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase) ? null : value;
    }

    public async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var (message, compressed) = await MessageFraming.ReadMessageAsync(HttpContext.Request.BodyReader, parser,
            RequestEncoding, _options.MaxReceiveMessageSize, cancellationToken).ConfigureAwait(false);
        if (message is not null) LastMessageCompressed = compressed;
        return message;
    }

    public async Task WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        CancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A response write is already in progress; await each WriteAsync before the next.");
        }
        try
        {
            PrepareResponseHeaders();
            var compress = ResponseEncoding is not null && ((WriteOptions?.Flags ?? WriteFlags.None) & WriteFlags.NoCompress) == 0;
            var writer = HttpContext.Response.BodyWriter;
            MessageFraming.WriteMessage(writer, message, compress, _options.ResponseCompressionLevel, _options.MaxSendMessageSize);
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken)
                : null;
            await writer.FlushAsync(linked?.Token ?? CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (HttpContext.Response.HasStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call, before any message.");
        }
        PrepareResponseHeaders();
        foreach (var entry in headers)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key)) continue;
            HttpContext.Response.Headers.Append(entry.Key, MetadataCodec.ToHeaderValue(entry));
        }
        await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the status: in trailers, or as a trailers-only response when nothing was sent yet.</summary>
    public async Task CompleteAsync(Status status, Metadata? extraTrailers)
    {
        if (ClientCancelled) return; // the stream is reset; nothing can reach the client
        var response = HttpContext.Response;
        try
        {
            if (!response.HasStarted)
            {
                PrepareResponseHeaders();
                // Trailers-only: the status goes in the one HEADERS frame, which ends the stream.
                WriteStatus(response.Headers, status, extraTrailers, (h, k, v) => h.Append(k, v));
            }
            else
            {
                await response.BodyWriter.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                var trailers = HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                    ?? throw new InvalidOperationException("The server does not support response trailers; gRPC needs HTTP/2.");
                WriteStatus(trailers, status, extraTrailers, (h, k, v) => h.Append(k, v));
            }
        }
        catch (Exception) when (ClientCancelled)
        {
            // The client went away while we were finishing.
        }
    }

    private void WriteStatus(IHeaderDictionary target, Status status, Metadata? extraTrailers,
        Action<IHeaderDictionary, string, string> append)
    {
        append(target, GrpcProtocol.StatusHeader, ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            append(target, GrpcProtocol.MessageHeader, PercentEncoding.Encode(status.Detail));
        }
        foreach (var entry in ResponseTrailers.Concat(extraTrailers ?? Enumerable.Empty<Metadata.Entry>()))
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key) && entry.Key != GrpcProtocol.StatusDetailsHeader) continue;
            append(target, entry.Key, MetadataCodec.ToHeaderValue(entry));
        }
    }

    private void PrepareResponseHeaders()
    {
        var response = HttpContext.Response;
        if (response.HasStarted || response.ContentType is not null) return;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        if (ResponseEncoding is not null)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = ResponseEncoding;
        }
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (key, values) in HttpContext.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(key)) continue;
            foreach (var value in values)
            {
                if (value is null) continue;
                try
                {
                    MetadataCodec.AddReceived(metadata, key, value);
                }
                catch (FormatException ex)
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"Request header '{key}' is not valid base64: {ex.Message}"));
                }
            }
        }
        return metadata;
    }

    private static string? NullIfEmpty(StringValues values) => StringValues.IsNullOrEmpty(values) ? null : values.ToString();

    public void Dispose()
    {
        _linkedCts?.Dispose();
        _deadlineCts?.Dispose();
    }
}
