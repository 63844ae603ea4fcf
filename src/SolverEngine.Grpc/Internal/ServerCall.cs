using System.IO.Compression;
using System.Net;
using System.Runtime.CompilerServices;
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
    private Metadata? _responseTrailers;
    // A caller's token linked with the call's, kept for the next reads and writes that pass the
    // same token (a streaming handler passes one token to every call) instead of one per message.
    private CancellationTokenSource? _callerLinkedCts;
    private CancellationToken _callerToken;
    private int _writing;
    // A message is in the response body (maybe not flushed yet): the status must go in trailers.
    private bool _messageWritten;

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
    public Metadata ResponseTrailers => _responseTrailers ??= new();
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var (message, compressed) = await MessageFraming.ReadMessageAsync(HttpContext.Request.BodyReader, parser,
            RequestEncoding, _options.MaxReceiveMessageSize, LinkedToken(cancellationToken)).ConfigureAwait(false);
        if (message is not null) LastMessageCompressed = compressed;
        return message;
    }

    /// <summary>
    /// A token that fires when the caller's token or the call's own (deadline, client abort) does.
    /// The same caller token gets the same linked source again; it is disposed with the call.
    /// </summary>
    public CancellationToken LinkedToken(CancellationToken callerToken)
    {
        if (!callerToken.CanBeCanceled || callerToken == CancellationToken || !CancellationToken.CanBeCanceled)
        {
            return callerToken.CanBeCanceled ? callerToken : CancellationToken;
        }
        if (_callerLinkedCts is null || callerToken != _callerToken)
        {
            _callerLinkedCts?.Dispose();
            _callerLinkedCts = CancellationTokenSource.CreateLinkedTokenSource(callerToken, CancellationToken);
            _callerToken = callerToken;
        }
        return _callerLinkedCts.Token;
    }

    /// <summary>
    /// Frames the one response message of a unary or client-streaming call into the response pipe
    /// without flushing: Kestrel sends it with the trailers when the call completes, in one flush.
    /// </summary>
    public void WriteSingleMessage(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CancellationToken.ThrowIfCancellationRequested();
        PrepareResponseHeaders();
        var compress = ResponseEncoding is not null && ((WriteOptions?.Flags ?? WriteFlags.None) & WriteFlags.NoCompress) == 0;
        MessageFraming.WriteMessage(HttpContext.Response.BodyWriter, message, compress, _options.ResponseCompressionLevel, _options.MaxSendMessageSize);
        _messageWritten = true;
    }

    /// <summary>Frames the message into the response pipe and flushes; no state machine unless the flush has to wait.</summary>
    public Task WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // A cancelled token means the message is not sent at all (not framed, then left unflushed).
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (CancellationToken.IsCancellationRequested) return Task.FromCanceled(CancellationToken);
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            return Task.FromException(new InvalidOperationException("A response write is already in progress; await each WriteAsync before the next."));
        }
        ValueTask<System.IO.Pipelines.FlushResult> flush;
        try
        {
            PrepareResponseHeaders();
            var compress = ResponseEncoding is not null && ((WriteOptions?.Flags ?? WriteFlags.None) & WriteFlags.NoCompress) == 0;
            var writer = HttpContext.Response.BodyWriter;
            MessageFraming.WriteMessage(writer, message, compress, _options.ResponseCompressionLevel, _options.MaxSendMessageSize);
            _messageWritten = true;
            flush = writer.FlushAsync(LinkedToken(cancellationToken));
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _writing, 0);
            return Task.FromException(ex); // as an async method would: the error is in the task
        }
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result; // consumes the ValueTask
            Volatile.Write(ref _writing, 0);
            return Task.CompletedTask;
        }
        return AwaitFlushAsync(flush);
    }

    private async Task AwaitFlushAsync(ValueTask<System.IO.Pipelines.FlushResult> flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
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

    /// <summary>
    /// Sets the status: in trailers, or as a trailers-only response when nothing was sent yet.
    /// Kestrel sends what is still buffered, then the trailers, when the request delegate returns.
    /// </summary>
    public void Complete(Status status, Metadata? extraTrailers)
    {
        if (ClientCancelled) return; // the stream is reset; nothing can reach the client
        var response = HttpContext.Response;
        try
        {
            if (!response.HasStarted && !_messageWritten)
            {
                PrepareResponseHeaders();
                // Trailers-only: the status goes in the one HEADERS frame, which ends the stream.
                WriteStatus(response.Headers, status, extraTrailers);
            }
            else
            {
                var trailers = HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                    ?? throw new InvalidOperationException("The server does not support response trailers; gRPC needs HTTP/2.");
                WriteStatus(trailers, status, extraTrailers);
            }
        }
        catch (Exception) when (ClientCancelled)
        {
            // The client went away while we were finishing.
        }
    }

    private void WriteStatus(IHeaderDictionary target, Status status, Metadata? extraTrailers)
    {
        target.Append(GrpcProtocol.StatusHeader, GrpcProtocol.StatusCodeText(status.StatusCode));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target.Append(GrpcProtocol.MessageHeader, PercentEncoding.Encode(status.Detail));
        }
        if (_responseTrailers is not null) AppendTrailers(target, _responseTrailers);
        if (extraTrailers is not null) AppendTrailers(target, extraTrailers);
    }

    private static void AppendTrailers(IHeaderDictionary target, Metadata trailers)
    {
        for (var i = 0; i < trailers.Count; i++)
        {
            var entry = trailers[i];
            if (GrpcProtocol.IsReservedHeader(entry.Key) && entry.Key != GrpcProtocol.StatusDetailsHeader) continue;
            target.Append(entry.Key, MetadataCodec.ToHeaderValue(entry));
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
        _callerLinkedCts?.Dispose();
        _linkedCts?.Dispose();
        _deadlineCts?.Dispose();
    }
}
