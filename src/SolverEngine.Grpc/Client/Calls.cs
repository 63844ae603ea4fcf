using System.Runtime.CompilerServices;
using Google.Protobuf;
using SolverEngine.Grpc.Client.Internal;

namespace SolverEngine.Grpc.Client;

/// <summary>
/// What every call type offers over its running call: response headers, final status, trailers and cancel on
/// dispose. Only this assembly derives from it (one sealed type per call shape below).
/// </summary>
public abstract class AbstractAsyncCall : IDisposable
{
    private readonly IGrpcCall _call;

    private protected AbstractAsyncCall(IGrpcCall call) => _call = call;

    /// <summary>The response headers (custom metadata), once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The final status; only after the call has finished.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailers; only after the call has finished.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _call.Dispose();
}

/// <summary>A unary call: await it for the response; a failure throws <see cref="RpcException"/>.</summary>
public sealed class AsyncUnaryCall<TResponse> : AbstractAsyncCall
    where TResponse : class, IMessage<TResponse>
{
    internal AsyncUnaryCall(IGrpcCall call, Task<TResponse> response) : base(call) => ResponseAsync = response;

    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

/// <summary>A server-streaming call: read <see cref="ResponseStream"/> (or ReadAllAsync) to the end.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : AbstractAsyncCall
    where TResponse : class, IMessage<TResponse>
{
    internal AsyncServerStreamingCall(IGrpcCall call, IAsyncStreamReader<TResponse> responseStream) : base(call) => ResponseStream = responseStream;

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => ResponseStream.ReadAllAsync(cancellationToken);
}

/// <summary>A client-streaming call: write requests, CompleteAsync, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : AbstractAsyncCall
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    internal AsyncClientStreamingCall(IGrpcCall call, IClientStreamWriter<TRequest> requestStream, Task<TResponse> response)
        : base(call)
    {
        RequestStream = requestStream;
        ResponseAsync = response;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

/// <summary>A bidirectional call: write requests and read responses concurrently.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : AbstractAsyncCall
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    internal AsyncDuplexStreamingCall(IGrpcCall call, IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream)
        : base(call)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => ResponseStream.ReadAllAsync(cancellationToken);
}
