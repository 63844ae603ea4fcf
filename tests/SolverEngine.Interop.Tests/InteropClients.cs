using System.Diagnostics;

namespace SolverEngine.Interop.Tests;

/// <summary>Where the client scripts live and whether their runtimes are installed.</summary>
internal static class InteropClients
{
    /// <summary>Debian's interpreter, where python3-grpcio is installed (a pyenv python3 may lack grpc).</summary>
    public static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static readonly string InteropDir = Path.Combine(FindRepoRoot(), "tests", "interop");

    public static string PythonScript => Path.Combine(InteropDir, "python", "interop_client.py");

    public static string NodeScript => Path.Combine(InteropDir, "node", "interop_client.js");

    public static readonly Lazy<string?> PythonMissing = new(() =>
        Succeeds(Python, "-c \"import grpc, google.protobuf\"") && Succeeds("protoc", "--version")
            ? null
            : "Python gRPC is not installed (apt-get install -y python3-grpcio python3-protobuf protobuf-compiler); see tests/interop/README.md.");

    public static readonly Lazy<string?> NodeMissing = new(() =>
        Directory.Exists(Path.Combine(InteropDir, "node", "node_modules", "@grpc", "grpc-js")) && Succeeds("node", "--version")
            ? null
            : "Node gRPC is not installed (npm ci --prefix tests/interop/node); see tests/interop/README.md.");

    public static readonly string[] Cases =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary", "client_streaming",
        "server_streaming", "ping_pong", "empty_stream", "custom_metadata", "status_code_and_message",
        "special_status_message", "unimplemented_method", "unimplemented_service", "cancel_after_begin",
        "cancel_after_first_response", "timeout_on_sleeping_server",
    ];

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InteropDir,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"'{fileName} {arguments}' did not finish within {timeout.TotalSeconds} s.\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static bool Succeeds(string fileName, string arguments)
    {
        try
        {
            var (code, _) = RunAsync(fileName, arguments, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not on PATH
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolverEngine.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No SolverEngine.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}

/// <summary>A theory that is skipped, with the reason, when the Python gRPC client cannot run here.</summary>
public sealed class PythonInteropTheoryAttribute : TheoryAttribute
{
    public PythonInteropTheoryAttribute()
    {
        if (InteropClients.PythonMissing.Value is { } reason) Skip = reason;
    }
}

/// <summary>A theory that is skipped, with the reason, when the Node gRPC client cannot run here.</summary>
public sealed class NodeInteropTheoryAttribute : TheoryAttribute
{
    public NodeInteropTheoryAttribute()
    {
        if (InteropClients.NodeMissing.Value is { } reason) Skip = reason;
    }
}
