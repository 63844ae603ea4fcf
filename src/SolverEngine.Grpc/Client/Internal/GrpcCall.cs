using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using SolverEngine.Grpc.Internal;

namespace SolverEngine.Grpc.Client.Internal;

internal interface IGrpcCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }
    Status GetStatus();
    Metadata GetTrailers();
}

/// <summary>
/// One client call on one HTTP/2 stream: the request content streams framed messages, the
/// response body is read as framed messages, the status comes from trailers (or from the
/// headers of a trailers-only response).
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IGrpcCall
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private const string UserAgent = "solverengine-grpc-dotnet/1.0";

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly TaskCompletionSource _requestCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _lock = new();
    // Only calls that stream requests (client streaming, duplex) wait for the request stream.
    private TaskCompletionSource<Stream>? _requestStream;
    private Task<HttpResponseMessage>? _sendTask;
    private HttpResponseMessage? _response;
    private Task<HttpResponseMessage>? _checkedResponse;
    // Response headers and trailers become Metadata only when someone asks (most calls never do).
    private Task<Metadata>? _responseHeadersTask;
    private bool _responseHeadersAreMetadata;
    private HttpHeaders? _trailerSource;
    private PipeReader? _responseReader;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata? _trailers;
    private int _writing;
    private IClientStreamWriter<TRequest>? _requestWriter;
    private IAsyncStreamReader<TResponse>? _responseStreamReader;
    // The reader's token linked with the call's, kept while the reader passes the same token.
    private CancellationTokenSource? _readLinkedCts;
    private CancellationToken _readToken;

    private GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var timeout = deadline.ToUniversalTime() - channel.Options.TimeProvider.GetUtcNow().UtcDateTime;
            _deadlineCts = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, channel.Options.TimeProvider);
            _deadlineCts.Token.Register(static s => ((CancellationTokenSource)s!).Cancel(), _cts);
        }
        // After the response headers, only disposing the response resets the HTTP/2 stream
        // (RST_STREAM CANCEL), so a cancel does that: the server's handler sees it at once.
        _cts.Token.Register(static s => ((GrpcCall<TRequest, TResponse>)s!).ResetStream(), this);
    }

    public IClientStreamWriter<TRequest> RequestStream => _requestWriter ??= new RequestWriter(this);

    public IAsyncStreamReader<TResponse> ResponseStream => _responseStreamReader ??= new ResponseReader(this);

    /// <summary>The custom metadata of the response headers; empty when the call ended without any (trailers-only, failure).</summary>
    public Task<Metadata> ResponseHeadersAsync
    {
        get
        {
            lock (_lock)
            {
                return _responseHeadersTask ??= ReadResponseHeadersAsync();
            }
        }
    }

    private bool DeadlineExceeded => _deadlineCts?.IsCancellationRequested == true;

    public static GrpcCall<TRequest, TResponse> Start(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options, TRequest? request)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
        call.StartCore(request);
        return call;
    }

    private void StartCore(TRequest? request)
    {
        if (request is null) _requestStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var message = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new RequestContent(this, request),
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (_channel.Options.RequestCompressionAlgorithm is { } encoding)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, encoding);
        }
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var timeout = deadline.ToUniversalTime() - _channel.Options.TimeProvider.GetUtcNow().UtcDateTime;
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }
        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (GrpcProtocol.IsReservedHeader(entry.Key)) continue;
                headers.TryAddWithoutValidation(entry.Key, MetadataCodec.ToHeaderValue(entry));
            }
        }

        _sendTask = _channel.Invoker.SendAsync(message, _cts.Token);
    }

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await GetResponseAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            return new Metadata(); // the call failed before any headers; its status says why
        }
        return _responseHeadersAreMetadata ? ReadMetadata(response.Headers, trailers: false) : new Metadata();
    }

    /// <summary>The response once its headers arrived and were checked; a trailers-only response sets the status.</summary>
    /// <remarks>
    /// The check runs once and every caller awaits the same task: a second caller must not see the
    /// response before the first has read a trailers-only status from its headers, or it would read
    /// an empty body and report a missing grpc-status.
    /// </remarks>
    private Task<HttpResponseMessage> GetResponseAsync()
    {
        lock (_lock)
        {
            return _checkedResponse ??= CheckResponseAsync();
        }
    }

    private async Task<HttpResponseMessage> CheckResponseAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        lock (_lock)
        {
            _response = response;
        }
        if (_cts.IsCancellationRequested) ResetStream();

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var grpcStatus = TryReadStatus(response.Headers);
            var status = grpcStatus ?? new Status(MapHttpStatus(response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
            SetFinished(status, null, response.Headers);
            return response;
        }
        if (TryReadStatus(response.Headers) is { } trailersOnly)
        {
            SetFinished(trailersOnly, null, response.Headers);
            return response;
        }
        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var type) ? type.ToString() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            SetFinished(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: '{contentType}'."), new Metadata());
            return response;
        }
        _responseEncoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var enc) ? enc.ToString() : null;
        _responseHeadersAreMetadata = true;
        return response;
    }

    /// <summary>Reads the next response message; null at the end, where a non-OK status throws.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var response = await GetResponseAsync().ConfigureAwait(false);
        ThrowIfFinishedWithError();
        if (_status is { } done) return null; // trailers-only OK

        var token = ReadToken(cancellationToken);
        try
        {
            _responseReader ??= PipeReader.Create(await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false));
            var (message, _) = await MessageFraming.ReadMessageAsync(_responseReader, _method.ResponseParser,
                _responseEncoding, _channel.Options.MaxReceiveMessageSize, token).ConfigureAwait(false);
            if (message is not null) return message;
        }
        catch (RpcException ex)
        {
            SetFinished(ex.Status, ex.Trailers);
            Cancel();
            throw;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && !_cts.IsCancellationRequested)
        {
            // Only this read was cancelled, not the call.
            throw new OperationCanceledException("Reading the response was cancelled.", ex, cancellationToken);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        // End of body: the status is in the trailers.
        var trailers = response.TrailingHeaders;
        var status = TryReadStatus(trailers)
            ?? new Status(StatusCode.Internal, "Bad gRPC response. No grpc-status found in the response trailers.");
        SetFinished(status, null, trailers);
        _readLinkedCts?.Dispose();
        _readLinkedCts = null;
        ThrowIfFinishedWithError();
        return null;
    }

    /// <summary>The reader's token linked with the call's; one linked source per distinct reader token, not per message.</summary>
    private CancellationToken ReadToken(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return _cts.Token;
        if (_readLinkedCts is null || cancellationToken != _readToken)
        {
            _readLinkedCts?.Dispose();
            _readLinkedCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
            _readToken = cancellationToken;
        }
        return _readLinkedCts.Token;
    }

    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
        if (message is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message: the call ended with OK but no message."), GetTrailersOrEmpty());
        }
        if (await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server sent more than one response message to a call that expects one."), GetTrailersOrEmpty());
        }
        return message;
    }

    private async Task<Stream> GetRequestStreamAsync(CancellationToken cancellationToken)
    {
        var requestStream = _requestStream ?? throw new InvalidOperationException("This call sends a single request; it has no request stream.");
        if (requestStream.Task.IsCompletedSuccessfully) return requestStream.Task.Result;
        var sendTask = _sendTask!;
        // The request stream arrives when the handler starts sending the body; a call that
        // fails first (trailers-only error, connection failure) ends the wait.
        var first = await Task.WhenAny(requestStream.Task, sendTask, _cts.Token.AsTask(), cancellationToken.AsTask()).ConfigureAwait(false);
        if (first == requestStream.Task) return await requestStream.Task.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await GetResponseAsync().ConfigureAwait(false);
        ThrowIfFinishedWithError();
        if (requestStream.Task.IsCompleted) return await requestStream.Task.ConfigureAwait(false);
        throw new RpcException(_status ?? new Status(StatusCode.Internal, "The call ended before the request could be sent."), GetTrailersOrEmpty());
    }

    private async Task WriteAsync(TRequest message, WriteOptions? writeOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_requestCompleted.Task.IsCompleted)
        {
            throw new InvalidOperationException("The request stream is already completed; no more messages can be written.");
        }
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }
        try
        {
            var stream = await GetRequestStreamAsync(cancellationToken).ConfigureAwait(false);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
            await WriteFrameAsync(stream, message, writeOptions ?? _options.WriteOptions, flush: true, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException and not InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw Fail(ex);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>
    /// Writes one framed message to the request stream. Uncompressed: framed into one pooled
    /// buffer and written in one go. Flush for a message of a stream; a single request is sent
    /// when the content ends.
    /// </summary>
    private async Task WriteFrameAsync(Stream stream, IMessage message, WriteOptions? writeOptions, bool flush, CancellationToken cancellationToken)
    {
        var compress = _channel.Options.RequestCompressionAlgorithm is not null && ((writeOptions?.Flags ?? WriteFlags.None) & WriteFlags.NoCompress) == 0;
        if (compress)
        {
            var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
            MessageFraming.WriteMessage(writer, message, compress, CompressionLevel.Fastest, _channel.Options.MaxSendMessageSize);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        else
        {
            var size = message.CalculateSize();
            MessageFraming.ThrowIfTooLargeToSend(size, _channel.Options.MaxSendMessageSize);
            var frameSize = GrpcProtocol.HeaderSize + size;
            var buffer = ArrayPool<byte>.Shared.Rent(frameSize);
            try
            {
                MessageFraming.WriteFrame(buffer.AsSpan(0, frameSize), message);
                await stream.WriteAsync(buffer.AsMemory(0, frameSize), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        if (flush) await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task CompleteRequestAsync()
    {
        if (Volatile.Read(ref _writing) == 1)
        {
            throw new InvalidOperationException("A write is still in progress; await it before CompleteAsync.");
        }
        _requestCompleted.TrySetResult();
        return Task.CompletedTask;
    }

    public Status GetStatus() =>
        _status ?? throw new InvalidOperationException("The call has not finished yet; read the response (or the stream to its end) first.");

    public Metadata GetTrailers() =>
        TryGetTrailers() ?? throw new InvalidOperationException("The call has not finished yet; read the response (or the stream to its end) first.");

    private Metadata GetTrailersOrEmpty() => TryGetTrailers() ?? new Metadata();

    /// <summary>The trailers once the call has finished (read from the HTTP trailers on first use); null before.</summary>
    private Metadata? TryGetTrailers()
    {
        lock (_lock)
        {
            if (_status is null) return null;
            return _trailers ??= _trailerSource is null ? new Metadata() : ReadMetadata(_trailerSource, trailers: true);
        }
    }

    /// <summary>Records the final status (the first one wins) with its trailers, as Metadata or as HTTP headers to read later.</summary>
    private void SetFinished(Status status, Metadata? trailers, HttpHeaders? trailerSource = null)
    {
        lock (_lock)
        {
            if (_status is not null) return;
            _status = status;
            _trailers = trailers;
            _trailerSource = trailerSource;
        }
        _requestCompleted.TrySetResult();
    }

    private void ThrowIfFinishedWithError()
    {
        if (_status is { StatusCode: not StatusCode.OK } status)
        {
            throw new RpcException(status, GetTrailersOrEmpty());
        }
    }

    /// <summary>Turns a transport failure or a cancellation into the call's RpcException.</summary>
    private RpcException Fail(Exception ex)
    {
        if (ex is RpcException rpc) return rpc;
        Status status;
        if (DeadlineExceeded)
            status = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.") { DebugException = ex };
        else if (_options.CancellationToken.IsCancellationRequested || _cts.IsCancellationRequested)
            status = new Status(StatusCode.Cancelled, "Call cancelled.") { DebugException = ex };
        else if (FindProtocolError(ex) is { } code)
            status = code == 0x8 /* CANCEL */
                ? new Status(StatusCode.Cancelled, "The server cancelled the stream (RST_STREAM CANCEL).") { DebugException = ex }
                : new Status(StatusCode.Internal, $"HTTP/2 stream error 0x{code:X}: {ex.Message}") { DebugException = ex };
        else if (ex is HttpRequestException)
            status = new Status(StatusCode.Unavailable, $"Error starting gRPC call. {ex.GetType().Name}: {ex.Message}") { DebugException = ex };
        else
            status = new Status(StatusCode.Unavailable, $"Error reading gRPC response. {ex.GetType().Name}: {ex.Message}") { DebugException = ex };
        SetFinished(status, null);
        Cancel();
        var finalStatus = _status ?? status;
        return new RpcException(finalStatus, GetTrailersOrEmpty());
    }

    private static long? FindProtocolError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpProtocolException protocol) return protocol.ErrorCode;
        }
        return null;
    }

    private static Status? TryReadStatus(HttpHeaders headers)
    {
        // NonValidated: the raw strings, without parsing or copying the header collection.
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var values)) return null;
        var text = FirstValue(values);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid grpc-status '{text}'.");
        }
        var message = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var m) && FirstValue(m) is { } encoded
            ? PercentEncoding.Decode(encoded)
            : "";
        return new Status((StatusCode)code, message);
    }

    private static string? FirstValue(HeaderStringValues values)
    {
        foreach (var value in values) return value;
        return null;
    }

    private static Metadata ReadMetadata(HttpHeaders headers, bool trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (key.Equals(GrpcProtocol.StatusDetailsHeader, StringComparison.OrdinalIgnoreCase))
            {
                if (!trailers) continue;
            }
            else if (GrpcProtocol.IsReservedHeader(key) || key.Equals("date", StringComparison.OrdinalIgnoreCase)
                     || key.Equals("server", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            foreach (var value in values)
            {
                try
                {
                    MetadataCodec.AddReceived(metadata, key, value);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    // A header we cannot represent as metadata (e.g. bad base64) is left out.
                }
            }
        }
        return metadata;
    }

    private static StatusCode MapHttpStatus(HttpStatusCode code) => (int)code switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private void ResetStream()
    {
        HttpResponseMessage? response;
        lock (_lock) response = _response;
        try
        {
            response?.Dispose();
        }
        catch (Exception)
        {
            // Best effort: the stream may already be gone.
        }
        _requestCompleted.TrySetResult();
    }

    private void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        if (_status is null) Cancel(); // RST_STREAM for a call still running
        _requestCompleted.TrySetResult();
        _deadlineCts?.Dispose();
        _readLinkedCts?.Dispose();
        _response?.Dispose();
    }

    /// <summary>The request body: one message (unary, server streaming), or what the writer sends until CompleteAsync.</summary>
    private sealed class RequestContent : HttpContent
    {
        private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);
        private readonly GrpcCall<TRequest, TResponse> call;
        private readonly TRequest? single;

        public RequestContent(GrpcCall<TRequest, TResponse> call, TRequest? single)
        {
            this.call = call;
            this.single = single;
            Headers.ContentType = GrpcContentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            if (single is not null)
            {
                await call.WriteFrameAsync(stream, single, call._options.WriteOptions, flush: false, cancellationToken).ConfigureAwait(false);
                return;
            }
            call._requestStream!.TrySetResult(stream);
            // Returning ends the request stream (END_STREAM): wait for CompleteAsync or the end of the call.
            await call._requestCompleted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    private sealed class RequestWriter(GrpcCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) =>
            call.WriteAsync(message, WriteOptions, cancellationToken);

        public Task CompleteAsync() => call.CompleteRequestAsync();
    }

    private sealed class ResponseReader(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    {
        private static readonly Task<bool> True = Task.FromResult(true);
        private static readonly Task<bool> False = Task.FromResult(false);
        private TResponse? _current;

        public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first and check that it returned true.");

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            ValueTask<TResponse?> read;
            try
            {
                read = call.ReadMessageAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                return Task.FromException<bool>(ex);
            }
            if (read.IsCompletedSuccessfully)
            {
                _current = read.Result;
                return _current is null ? False : True;
            }
            return AwaitReadAsync(read);
        }

        private async Task<bool> AwaitReadAsync(ValueTask<TResponse?> read)
        {
            _current = await read.ConfigureAwait(false);
            return _current is not null;
        }
    }
}

internal static class CancellationTokenTaskExtensions
{
    /// <summary>A task that completes (cancelled) when the token fires; never for an uncancellable token.</summary>
    public static Task AsTask(this CancellationToken token)
    {
        if (!token.CanBeCanceled) return Task.Delay(Timeout.Infinite);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), tcs);
        return tcs.Task;
    }
}
