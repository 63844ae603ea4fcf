using System.Diagnostics;

namespace SolverEngine.Server.Tests.Infrastructure;

/// <summary>Runs python/e2e_checks.py (grpcio + clients/python) against a server.</summary>
internal static class PythonClient
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>Runs the named checks; fails the test with the script's reasons when any fails.</summary>
    public static async Task AssertChecksPassAsync(string hostPort, params string[] checks)
    {
        var info = new ProcessStartInfo(TestPaths.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { TestPaths.PythonChecks, "--address", hostPort, "--models", TestPaths.ModelsDirectory }.Concat(checks))
            info.ArgumentList.Add(arg);
        info.Environment["PYTHONPATH"] = TestPaths.PythonClientDirectory;
        // grpcio would otherwise pick up a proxy from the environment for 127.0.0.1.
        info.Environment["no_grpc_proxy"] = "127.0.0.1,localhost";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"Python checks failed (exit {process.ExitCode}):\n{output}");
        foreach (var check in checks) Assert.Contains($"PASS {check}", output);
    }
}
