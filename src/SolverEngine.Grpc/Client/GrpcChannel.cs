using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using SolverEngine.Grpc.Client.Internal;

namespace SolverEngine.Grpc.Client;

/// <summary>
/// A connection to a gRPC server over HttpClient/SocketsHttpHandler with HTTP/2: h2c with prior
/// knowledge for "http://", TLS with ALPN h2 for "https://". Thread-safe; share one per server.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly bool _disposeInvoker;
    // Request URIs per method (reference identity), so a call does not parse one.
    private readonly ConcurrentDictionary<IMethod, Uri> _methodUris = new();

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        var handler = options.HttpHandler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null || options.DisposeHttpHandler);
        _disposeInvoker = true;
    }

    /// <summary>A channel to "http://host:port" (plaintext h2c) or "https://host:port" (TLS).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{address}' is not an absolute address; use e.g. 'http://127.0.0.1:50051'.", nameof(address));
        }
        return ForAddress(uri, options);
    }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' has scheme '{address.Scheme}'; use http (h2c) or https (TLS).", nameof(address));
        }
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    internal Uri GetMethodUri(IMethod method) =>
        _methodUris.GetOrAdd(method, static (m, address) => new Uri(address, m.FullName), Address);

    public AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = GrpcCall<TRequest, TResponse>.Start(this, Check(method, MethodType.Unary), options, request);
        return new AsyncUnaryCall<TResponse>(call, call.ReadSingleResponseAsync());
    }

    public AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = GrpcCall<TRequest, TResponse>.Start(this, Check(method, MethodType.ServerStreaming), options, request);
        return new AsyncServerStreamingCall<TResponse>(call, call.ResponseStream);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var call = GrpcCall<TRequest, TResponse>.Start(this, Check(method, MethodType.ClientStreaming), options, null);
        return new AsyncClientStreamingCall<TRequest, TResponse>(call, call.RequestStream, call.ReadSingleResponseAsync());
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var call = GrpcCall<TRequest, TResponse>.Start(this, Check(method, MethodType.DuplexStreaming), options, null);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call, call.RequestStream, call.ResponseStream);
    }

    private static Method<TRequest, TResponse> Check<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method '{method.FullName}' is {method.Type}; it cannot be called as {expected}.", nameof(method));
        }
        return method;
    }

    public void Dispose()
    {
        if (_disposeInvoker) _invoker.Dispose();
    }
}
