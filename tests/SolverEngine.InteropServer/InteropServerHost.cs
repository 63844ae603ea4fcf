using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SolverEngine.Grpc;

namespace SolverEngine.InteropServer;

/// <summary>Builds and starts the interop server: TestService, health and reflection on plaintext h2c.</summary>
public static class InteropServerHost
{
    /// <summary>Starts on 127.0.0.1:port (0 = a free port); the bound port is in <see cref="GetPort"/>.</summary>
    public static async Task<WebApplication> StartAsync(int port, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(new IPEndPoint(IPAddress.Loopback, port)));
        builder.Services.AddGrpcServer(o => o.EnableDetailedErrors = true);

        var app = builder.Build();
        app.MapGrpcService(TestServiceImpl.Create());
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        await app.StartAsync(cancellationToken);
        return app;
    }

    public static int GetPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }
}
