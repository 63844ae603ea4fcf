using Google.Protobuf;
using Google.Protobuf.Reflection;
using SolverEngine.Grpc.Internal;

namespace SolverEngine.Grpc;

public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);

public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);

public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(
    TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>
/// One service's methods and handlers, ready to be mapped with
/// <c>app.MapGrpcService(definition)</c>. Build it with <see cref="CreateBuilder(string)"/>.
/// </summary>
public sealed class ServerServiceDefinition
{
    private ServerServiceDefinition(string serviceName, IReadOnlyList<IServerMethod> methods, FileDescriptor? file)
    {
        ServiceName = serviceName;
        Methods = methods;
        FileDescriptor = file;
    }

    public string ServiceName { get; }

    /// <summary>The proto file that declares the service, offered by server reflection (may be null).</summary>
    public FileDescriptor? FileDescriptor { get; }

    internal IReadOnlyList<IServerMethod> Methods { get; }

    /// <summary>The "/package.Service/Method" paths of the service's methods.</summary>
    public IEnumerable<string> MethodPaths => Methods.Select(m => m.FullName);

    public static Builder CreateBuilder(string serviceName) => new(serviceName, null);

    /// <summary>A builder whose service name and reflection file come from a protobuf service descriptor.</summary>
    public static Builder CreateBuilder(ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new Builder(service.FullName, service.File);
    }

    public sealed class Builder
    {
        private readonly string _serviceName;
        private readonly FileDescriptor? _file;
        private readonly List<IServerMethod> _methods = new();

        internal Builder(string serviceName, FileDescriptor? file)
        {
            ArgumentException.ThrowIfNullOrEmpty(serviceName);
            _serviceName = serviceName;
            _file = file;
        }

        public Builder AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.Unary, handler, (call, ct) => ServerCallHandlers.UnaryAsync(call, method, handler));

        public Builder AddClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.ClientStreaming, handler, (call, ct) => ServerCallHandlers.ClientStreamingAsync(call, method, handler));

        public Builder AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.ServerStreaming, handler, (call, ct) => ServerCallHandlers.ServerStreamingAsync(call, method, handler));

        public Builder AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.DuplexStreaming, handler, (call, ct) => ServerCallHandlers.DuplexStreamingAsync(call, method, handler));

        public ServerServiceDefinition Build() => new(_serviceName, _methods.ToArray(), _file);

        private Builder Add<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, Delegate handler,
            Func<ServerCall, CancellationToken, Task> invoke)
            where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>
        {
            ArgumentNullException.ThrowIfNull(method);
            ArgumentNullException.ThrowIfNull(handler);
            if (method.Type != expected)
            {
                throw new ArgumentException($"Method '{method.FullName}' is {method.Type} but the handler is for {expected} calls.", nameof(method));
            }
            if (method.ServiceName != _serviceName)
            {
                throw new ArgumentException($"Method '{method.FullName}' belongs to service '{method.ServiceName}', not '{_serviceName}'.", nameof(method));
            }
            if (_methods.Any(m => m.Name == method.Name))
            {
                throw new ArgumentException($"Method '{method.Name}' is already added to service '{_serviceName}'.", nameof(method));
            }
            _methods.Add(new ServerMethod(method.Name, method.FullName, method.Type, invoke));
            return this;
        }
    }
}
