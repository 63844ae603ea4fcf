using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolverEngine.Grpc;
using SolverEngine.Grpc.Health;
using SolverEngine.Server.Internal;
using SolverEngine.Server.Jobs;
using SolverEngine.Server.Services;
using ServingStatus = SolverEngine.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace SolverEngine.Server;

/// <summary>
/// The SolverEngine gRPC server: PlanningService, grpc.health.v1.Health and server reflection on
/// Kestrel. Build it with <see cref="CreateBuilder"/>, then <see cref="StartAsync"/>; stop it with
/// <see cref="StopAsync"/> (graceful: health NOT_SERVING, no new solves, running ones get the
/// grace period, then are cancelled) or <see cref="DisposeAsync"/>.
/// </summary>
/// <example><code>
/// var builder = SolverEngineServer.CreateBuilder();
/// builder.Options.Port = 0;
/// await using var server = builder.Build();
/// await server.StartAsync(ct);
/// Console.WriteLine($"listening on {server.Address}");
/// await server.WaitForShutdownAsync(ct);   // until ct fires or the host is told to stop (SIGTERM)
/// </code></example>
public sealed class SolverEngineServer : IAsyncDisposable
{
    /// <summary>Health service name of the PlanningService (the server as a whole is "").</summary>
    public const string HealthServiceName = SolverEngine.Contracts.Grpc.PlanningServiceDescriptors.ServiceName;

    private readonly WebApplication _app;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private bool _started;
    private bool _stopped;

    internal SolverEngineServer(WebApplication app, SolverEngineServerOptions options)
    {
        _app = app;
        Options = options;
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SolverEngine.Server");
    }

    /// <summary>A builder with settings from appsettings.json (next to the binary), SOLVERENGINE_* environment variables and defaults.</summary>
    public static SolverEngineServerBuilder CreateBuilder() => new(new SolverEngineServerBuilderSettings());

    /// <inheritdoc cref="CreateBuilder()"/>
    public static SolverEngineServerBuilder CreateBuilder(SolverEngineServerBuilderSettings settings) => new(settings);

    public SolverEngineServerOptions Options { get; }

    /// <summary>The application's services (the <see cref="JobManager"/>, the health status...).</summary>
    public IServiceProvider Services => _app.Services;

    public JobManager Jobs => _app.Services.GetRequiredService<JobManager>();

    /// <summary>The bound addresses (the real port when <see cref="SolverEngineServerOptions.Port"/> was 0). Valid after start.</summary>
    public IReadOnlyList<Uri> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).ToArray()
        ?? [];

    /// <summary>The first bound address, e.g. http://127.0.0.1:54321.</summary>
    public Uri Address => Addresses.FirstOrDefault() ?? throw new InvalidOperationException("The server has not started; call StartAsync first.");

    /// <summary>Starts listening; health reports SERVING once this returns.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started) throw new InvalidOperationException("The server has already been started.");
        _started = true;
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var health = _app.Services.GetRequiredService<HealthServiceStatus>();
        health.SetStatus("", ServingStatus.Serving);
        health.SetStatus(HealthServiceName, ServingStatus.Serving);
        foreach (var address in Addresses) ServerLog.Listening(_logger, address.ToString().TrimEnd('/'));
    }

    /// <summary>Waits until <paramref name="cancellationToken"/> fires or the host is asked to stop (e.g. SIGTERM), then stops gracefully.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        var lifetime = _app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopping.TrySetResult()))
        using (lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task.ConfigureAwait(false);
        }
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Graceful stop: health NOT_SERVING first, new solves refused, Kestrel stops accepting;
    /// running solves and streams get <see cref="SolverEngineServerOptions.ShutdownGracePeriod"/>,
    /// then solves are cancelled (their streams end with the CANCELLED result). Idempotent.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _stopGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped || !_started) return;
            _stopped = true;
            var jobs = Jobs;
            _app.Services.GetRequiredService<HealthServiceStatus>().EnterNotServing();
            ServerLog.ShuttingDown(_logger, jobs.RunningCount, jobs.QueuedCount, Options.ShutdownGracePeriod);
            // Draining and Kestrel's stop run together: Kestrel waits for the open calls, which
            // end when their solves end (or are cancelled at the end of the grace period).
            var drain = jobs.DrainAsync(Options.ShutdownGracePeriod, cancellationToken);
            var stop = _app.StopAsync(cancellationToken);
            await Task.WhenAll(drain, stop).ConfigureAwait(false);
            ServerLog.Stopped(_logger);
        }
        finally
        {
            _stopGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopGate.Dispose();
    }

    internal static SolverEngineServer Build(WebApplicationBuilder web, SolverEngineServerOptions options)
    {
        options.Validate();
        var endPoint = options.ResolveEndPoint();
        X509Certificate2? certificate = options.TlsCertificatePath is { } path
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.TlsCertificatePassword)
            : null;

        web.WebHost.ConfigureKestrel(kestrel =>
        {
            // The gRPC layer enforces MaxReceiveMessageSize per message; Kestrel's body cap would cut streams short.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.ListenGrpc(endPoint, certificate);
        });
        // Open calls may run into the grace period; Kestrel aborts what is left a little after it.
        web.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownGracePeriod + TimeSpan.FromSeconds(5));
        web.Services.AddGrpcServer(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = options.MaxSendMessageSize;
            grpc.EnableDetailedErrors = options.DetailedErrors;
        });
        web.Services.AddSingleton(options);
        web.Services.TryAddSingleton(TimeProvider.System);
        // The planning engine, unless the caller registered another (tests drive the queue with their own).
        web.Services.TryAddSingleton<ISolveEngine>(_ => new PlanningEngineSolver());
        web.Services.AddSingleton(sp => new JobManager(sp.GetService<ISolveEngine>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JobManager>>()));
        web.Services.AddSingleton<PlanningService>();

        var app = web.Build();
        var health = app.Services.GetRequiredService<HealthServiceStatus>();
        // NOT_SERVING until StartAsync has bound the port.
        health.SetStatus("", ServingStatus.NotServing);
        health.SetStatus(HealthServiceName, ServingStatus.NotServing);
        app.MapGrpcService(app.Services.GetRequiredService<PlanningService>().CreateDefinition());
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        return new SolverEngineServer(app, options);
    }
}
