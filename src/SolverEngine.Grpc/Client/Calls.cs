using System.Runtime.CompilerServices;
using Google.Protobuf;
using SolverEngine.Grpc.Client.Internal;

namespace SolverEngine.Grpc.Client;

/// <summary>A unary call: await it for the response; a failure throws <see cref="RpcException"/>.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
    where TResponse : class, IMessage<TResponse>
{
    private readonly IGrpcCall _call;

    internal AsyncUnaryCall(IGrpcCall call, Task<TResponse> response)
    {
        _call = call;
        ResponseAsync = response;
    }

    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers (custom metadata), once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The final status; only after the call has finished.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailers; only after the call has finished.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _call.Dispose();
}

/// <summary>A server-streaming call: read <see cref="ResponseStream"/> (or ReadAllAsync) to the end.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
    where TResponse : class, IMessage<TResponse>
{
    private readonly IGrpcCall _call;

    internal AsyncServerStreamingCall(IGrpcCall call, IAsyncStreamReader<TResponse> responseStream)
    {
        _call = call;
        ResponseStream = responseStream;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => ResponseStream.ReadAllAsync(cancellationToken);

    public void Dispose() => _call.Dispose();
}

/// <summary>A client-streaming call: write requests, CompleteAsync, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly IGrpcCall _call;

    internal AsyncClientStreamingCall(IGrpcCall call, IClientStreamWriter<TRequest> requestStream, Task<TResponse> response)
    {
        _call = call;
        RequestStream = requestStream;
        ResponseAsync = response;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public void Dispose() => _call.Dispose();
}

/// <summary>A bidirectional call: write requests and read responses concurrently.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly IGrpcCall _call;

    internal AsyncDuplexStreamingCall(IGrpcCall call, IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream)
    {
        _call = call;
        RequestStream = requestStream;
        ResponseStream = responseStream;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public Status GetStatus() => _call.GetStatus();

    public Metadata GetTrailers() => _call.GetTrailers();

    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => ResponseStream.ReadAllAsync(cancellationToken);

    public void Dispose() => _call.Dispose();
}
