using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SolverEngine.Server.Tests.Infrastructure;

/// <summary>A <see cref="SolverEngineServer"/> in the test process on a free loopback port, with the engine the test gives.</summary>
internal static class InProcessServer
{
    public static async Task<SolverEngineServer> StartAsync(ISolveEngine engine, Action<SolverEngineServerOptions>? configure = null)
    {
        // No appsettings.json and no environment: the test's settings only.
        var builder = SolverEngineServer.CreateBuilder(new SolverEngineServerBuilderSettings
        {
            ContentRoot = Path.Combine(Path.GetTempPath(), "solverengine-no-settings"),
            Environment = new Dictionary<string, string>(),
        });
        builder.Options.Host = "127.0.0.1";
        builder.Options.Port = 0;
        configure?.Invoke(builder.Options);
        builder.Services.AddSingleton(engine);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var server = builder.Build();
        await server.StartAsync();
        return server;
    }
}
