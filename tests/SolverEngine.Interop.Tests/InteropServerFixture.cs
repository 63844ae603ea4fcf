using Microsoft.AspNetCore.Builder;
using SolverEngine.InteropServer;

namespace SolverEngine.Interop.Tests;

/// <summary>One interop server for all cases, on a free 127.0.0.1 port.</summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _app = await InteropServerHost.StartAsync(port: 0);
        Port = InteropServerHost.GetPort(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
