using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SolverEngine.Server.Tests.Infrastructure;

/// <summary>A <see cref="SolverEngineServer"/> in the test process on a free loopback port, with the engine the test gives.</summary>
internal static class InProcessServer
{
    public static async Task<SolverEngineServer> StartAsync(ISolveEngine engine, Action<SolverEngineServerOptions>? configure = null, MemoryLog? log = null)
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
        builder.Logging.ClearProviders();
        if (log is not null)
        {
            builder.Logging.AddProvider(log);
            builder.Logging.AddFilter("SolverEngine", LogLevel.Debug);
        }
        var server = builder.Build();
        await server.StartAsync();
        return server;
    }
}

/// <summary>Server log lines kept in memory, to explain a failed test.</summary>
internal sealed class MemoryLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public override string ToString() => string.Join("\n", _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(MemoryLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}");
    }
}
