namespace SolverEngine.Interop.Tests;

/// <summary>
/// The official interop cases (doc/interop-test-descriptions.md of grpc/grpc), each run by a
/// real client process against our server. A case passes when the client exits 0.
/// </summary>
[Trait("Category", "Interop")]
public sealed class InteropTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Cases => new(InteropClients.Cases);

    [PythonInteropTheory]
    [MemberData(nameof(Cases))]
    public async Task Python_grpcio_client_passes(string testCase)
    {
        var (exitCode, output) = await InteropClients.RunAsync(InteropClients.Python,
            $"\"{InteropClients.PythonScript}\" --port {server.Port} --case {testCase}", ClientTimeout);
        Assert.True(exitCode == 0, $"Python interop case '{testCase}' failed (exit {exitCode}):\n{output}");
        Assert.Contains($"PASS {testCase}", output);
    }

    [NodeInteropTheory]
    [MemberData(nameof(Cases))]
    public async Task Node_grpc_js_client_passes(string testCase)
    {
        var (exitCode, output) = await InteropClients.RunAsync("node",
            $"\"{InteropClients.NodeScript}\" --port {server.Port} --case {testCase}", ClientTimeout);
        Assert.True(exitCode == 0, $"Node interop case '{testCase}' failed (exit {exitCode}):\n{output}");
        Assert.Contains($"PASS {testCase}", output);
    }
}
