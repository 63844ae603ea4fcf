using SolverEngine.Server.Tests.Infrastructure;

namespace SolverEngine.Server.Tests.EndToEnd;

/// <summary>One `solverengine serve` process for a test class, with a 1 MiB request limit (set through the environment).</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public const int MaxReceiveMessageSize = 1024 * 1024;

    private ServeProcess? _serve;

    internal ServeProcess Serve => _serve ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _serve = await ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["SOLVERENGINE_MAXRECEIVEMESSAGESIZE"] = MaxReceiveMessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null) await _serve.DisposeAsync();
    }
}
