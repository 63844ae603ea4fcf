using System.Collections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SolverEngine.Server;

/// <summary>Where the builder reads its settings from (tests point these elsewhere).</summary>
public sealed class SolverEngineServerBuilderSettings
{
    /// <summary>Folder holding appsettings.json (optional: a missing file or folder means no settings file). Default: the application's base directory.</summary>
    public string ContentRoot { get; init; } = AppContext.BaseDirectory;

    /// <summary>Environment variables to read SOLVERENGINE_* settings from. Default: the process environment.</summary>
    public IDictionary? Environment { get; init; }
}

/// <summary>
/// Configures a <see cref="SolverEngineServer"/>: <see cref="Options"/> already hold appsettings.json
/// and SOLVERENGINE_* environment variables, so set flags on top; add services (an
/// <see cref="ISolveEngine"/>, a TimeProvider) to <see cref="Services"/>.
/// </summary>
public sealed class SolverEngineServerBuilder
{
    private readonly WebApplicationBuilder _web;
    private bool _built;

    internal SolverEngineServerBuilder(SolverEngineServerBuilderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _web = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        // Our settings only: appsettings.json, then SOLVERENGINE_* variables (mapped into the
        // "SolverEngine" section, "__" for nesting). Not ASPNETCORE_URLS and friends.
        _web.Configuration.Sources.Clear();
        _web.Configuration
            .AddJsonFile(Path.Combine(settings.ContentRoot, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddInMemoryCollection(FromEnvironment(settings.Environment ?? System.Environment.GetEnvironmentVariables()));

        _web.Logging.ClearProviders();
        _web.Logging.AddConfiguration(_web.Configuration.GetSection("Logging"));
        _web.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        // stdout is for results (the "listening on" line); every log line goes to stderr.
        _web.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        _web.Services.Configure<Microsoft.Extensions.Hosting.ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        var options = new SolverEngineServerOptions();
        _web.Configuration.GetSection(SolverEngineServerOptions.SectionName).Bind(options);
        Options = options;
    }

    /// <summary>Settings so far (file, environment); change them before <see cref="Build"/>.</summary>
    public SolverEngineServerOptions Options { get; }

    public IConfiguration Configuration => _web.Configuration;

    public IServiceCollection Services => _web.Services;

    public ILoggingBuilder Logging => _web.Logging;

    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public SolverEngineServer Build()
    {
        if (_built) throw new InvalidOperationException("Build may be called once per builder.");
        _built = true;
        return SolverEngineServer.Build(_web, Options);
    }

    /// <summary>SOLVERENGINE_MAXQUEUEDJOBS=8 becomes SolverEngine:MAXQUEUEDJOBS=8 (binding ignores case).</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string key || !key.StartsWith(SolverEngineServerOptions.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                continue;
            var name = key[SolverEngineServerOptions.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
            if (name.Length == 0) continue;
            yield return new(SolverEngineServerOptions.SectionName + ":" + name, entry.Value as string);
        }
    }
}
