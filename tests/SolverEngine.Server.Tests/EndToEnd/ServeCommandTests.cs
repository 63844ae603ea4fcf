using SolverEngine.Server.Tests.Infrastructure;

namespace SolverEngine.Server.Tests.EndToEnd;

/// <summary>The `serve` command as a process: flags, stdout, signals.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Port_0_prints_the_bound_address_and_SIGTERM_stops_cleanly()
    {
        await using var serve = await ServeProcess.StartAsync();
        Assert.Equal("127.0.0.1", serve.Address.Host);
        Assert.NotEqual(0, serve.Address.Port);
        // stdout holds only the address line: logs go to stderr.
        Assert.Equal($"listening on http://127.0.0.1:{serve.Address.Port}", serve.StandardOutput.Trim());
        await PythonClient.AssertChecksPassAsync(serve.HostPort, "health");

        var exitCode = await serve.TerminateAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("Server stopped", serve.StandardError);
    }

    [Fact]
    public async Task An_invalid_setting_from_the_environment_exits_2_naming_it()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ServeProcess.StartAsync(
            new Dictionary<string, string> { ["SOLVERENGINE_MAXCONCURRENTSOLVES"] = "-3" }));
        Assert.Contains("exited with code 2", ex.Message);
        Assert.Contains("MaxConcurrentSolves is -3", ex.Message);
    }
}
