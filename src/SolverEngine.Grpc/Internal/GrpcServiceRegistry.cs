using Google.Protobuf.Reflection;

namespace SolverEngine.Grpc.Internal;

/// <summary>The services mapped on this host: names for UNIMPLEMENTED and reflection, files for reflection.</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly object _lock = new();
    private readonly Dictionary<string, FileDescriptor?> _services = new(StringComparer.Ordinal);

    public bool FallbackMapped { get; set; }

    public void Add(string serviceName, FileDescriptor? file)
    {
        lock (_lock)
        {
            if (!_services.TryAdd(serviceName, file))
            {
                throw new InvalidOperationException($"gRPC service '{serviceName}' is already mapped.");
            }
        }
    }

    public bool Contains(string serviceName)
    {
        lock (_lock) return _services.ContainsKey(serviceName);
    }

    public IReadOnlyList<string> ServiceNames
    {
        get { lock (_lock) return _services.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray(); }
    }

    public IReadOnlyList<FileDescriptor> Files
    {
        get { lock (_lock) return _services.Values.OfType<FileDescriptor>().Distinct().ToArray(); }
    }
}
