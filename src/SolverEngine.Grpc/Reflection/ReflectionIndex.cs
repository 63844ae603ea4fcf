using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace SolverEngine.Grpc.Reflection;

/// <summary>
/// Finds proto files by name and by the symbols they declare, over the files of the mapped
/// services and their transitive dependencies; answers with a file and all it imports.
/// </summary>
internal sealed class ReflectionIndex
{
    private readonly Dictionary<string, FileDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _bySymbol = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<string> serviceNames, IEnumerable<FileDescriptor> files)
    {
        ServiceNames = serviceNames.ToArray();
        foreach (var file in files) AddFile(file);
    }

    public IReadOnlyList<string> ServiceNames { get; }

    public IReadOnlyList<ByteString>? FileByName(string name) =>
        _byName.TryGetValue(name, out var file) ? WithDependencies(file) : null;

    public IReadOnlyList<ByteString>? FileContainingSymbol(string symbol)
    {
        if (_bySymbol.TryGetValue(symbol, out var file)) return WithDependencies(file);
        // A method is named "pkg.Service.Method"; look up its service.
        var dot = symbol.LastIndexOf('.');
        return dot > 0 && _bySymbol.TryGetValue(symbol[..dot], out file) && file.Services.Any(s => s.FullName == symbol[..dot])
            ? WithDependencies(file)
            : null;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_byName.TryAdd(file.Name, file)) return;
        foreach (var service in file.Services)
        {
            _bySymbol.TryAdd(service.FullName, file);
            foreach (var method in service.Methods) _bySymbol.TryAdd(method.FullName, file);
        }
        foreach (var message in file.MessageTypes) AddMessage(message, file);
        foreach (var e in file.EnumTypes) _bySymbol.TryAdd(e.FullName, file);
        foreach (var dependency in file.Dependencies) AddFile(dependency);
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _bySymbol.TryAdd(message.FullName, file);
        foreach (var nested in message.NestedTypes) AddMessage(nested, file);
        foreach (var e in message.EnumTypes) _bySymbol.TryAdd(e.FullName, file);
    }

    private static IReadOnlyList<ByteString> WithDependencies(FileDescriptor root)
    {
        var result = new List<ByteString>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<FileDescriptor>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var file = stack.Pop();
            if (!seen.Add(file.Name)) continue;
            result.Add(file.SerializedData);
            foreach (var dependency in file.Dependencies) stack.Push(dependency);
        }
        return result;
    }
}
