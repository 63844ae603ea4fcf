using Google.Protobuf;

namespace SolverEngine.Grpc;

/// <summary>The four gRPC call shapes.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}

/// <summary>A method without its message types: enough to list, route or log it.</summary>
public interface IMethod
{
    MethodType Type { get; }

    /// <summary>Fully qualified service name, e.g. "grpc.testing.TestService".</summary>
    string ServiceName { get; }

    string Name { get; }

    /// <summary>The HTTP/2 path: "/package.Service/Method".</summary>
    string FullName { get; }
}

/// <summary>
/// Describes one RPC: its shape, "package.Service" and method name, and how to parse its
/// messages. Shared by the server (routing, parsing requests) and the client (path, parsing responses).
/// </summary>
public sealed class Method<TRequest, TResponse> : IMethod
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method(MethodType type, string serviceName, string name,
        MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(requestParser);
        ArgumentNullException.ThrowIfNull(responseParser);
        if (serviceName.Contains('/') || name.Contains('/'))
        {
            throw new ArgumentException($"Service '{serviceName}' and method '{name}' must not contain '/'.");
        }
        Type = type;
        ServiceName = serviceName;
        Name = name;
        RequestParser = requestParser;
        ResponseParser = responseParser;
        FullName = "/" + serviceName + "/" + name;
    }

    public MethodType Type { get; }

    /// <summary>Fully qualified service name, e.g. "grpc.testing.TestService".</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 path: "/package.Service/Method".</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    public override string ToString() => $"{FullName} ({Type})";
}
