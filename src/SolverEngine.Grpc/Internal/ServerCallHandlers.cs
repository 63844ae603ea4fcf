using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace SolverEngine.Grpc.Internal;

/// <summary>One method of a service as the router sees it.</summary>
internal interface IServerMethod
{
    string Name { get; }
    string FullName { get; }
    MethodType Type { get; }
    Task InvokeAsync(ServerCall call);
}

internal sealed class ServerMethod(string name, string fullName, MethodType type, Func<ServerCall, CancellationToken, Task> invoke) : IServerMethod
{
    public string Name => name;
    public string FullName => fullName;
    public MethodType Type => type;
    public Task InvokeAsync(ServerCall call) => invoke(call, call.CancellationToken);
}

/// <summary>Runs a handler of each call type: read the request(s), call the handler, write the response(s).</summary>
internal static class ServerCallHandlers
{
    public static async Task UnaryAsync<TRequest, TResponse>(ServerCall call, Method<TRequest, TResponse> method,
        UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var request = await ReadSingleRequestAsync(call, method.RequestParser).ConfigureAwait(false);
        var response = await handler(request, call.Context).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The handler of {method.FullName} returned a null response.");
        call.WriteSingleMessage(response);
    }

    public static async Task ServerStreamingAsync<TRequest, TResponse>(ServerCall call, Method<TRequest, TResponse> method,
        ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var request = await ReadSingleRequestAsync(call, method.RequestParser).ConfigureAwait(false);
        await handler(request, new HttpContextStreamWriter<TResponse>(call), call.Context).ConfigureAwait(false);
    }

    public static async Task ClientStreamingAsync<TRequest, TResponse>(ServerCall call, Method<TRequest, TResponse> method,
        ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
    {
        var response = await handler(new HttpContextStreamReader<TRequest>(call, method.RequestParser), call.Context).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The handler of {method.FullName} returned a null response.");
        call.WriteSingleMessage(response);
    }

    public static Task DuplexStreamingAsync<TRequest, TResponse>(ServerCall call, Method<TRequest, TResponse> method,
        DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
        => handler(new HttpContextStreamReader<TRequest>(call, method.RequestParser), new HttpContextStreamWriter<TResponse>(call), call.Context);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<TRequest> ReadSingleRequestAsync<TRequest>(ServerCall call, MessageParser<TRequest> parser)
        where TRequest : class, IMessage<TRequest>
    {
        var request = await call.ReadMessageAsync(parser, call.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The request ended without a message; this method takes exactly one."));
        if (await call.ReadMessageAsync(parser, call.CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request has more than one message; this method takes exactly one."));
        }
        return request;
    }
}
