using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SolverEngine.Grpc.Client;
using SolverEngine.Grpc.Tests.Echo;

namespace SolverEngine.Grpc.Tests;

/// <summary>The Echo service's methods, shared by the test servers and clients.</summary>
internal static class EchoMethods
{
    private const string Service = "solverengine.grpc.tests.Echo";
    public static readonly Method<EchoRequest, EchoReply> Unary = new(MethodType.Unary, Service, "Unary", EchoRequest.Parser, EchoReply.Parser);
    public static readonly Method<EchoRequest, EchoReply> ServerStream = new(MethodType.ServerStreaming, Service, "ServerStream", EchoRequest.Parser, EchoReply.Parser);
    public static readonly Method<EchoRequest, EchoReply> ClientStream = new(MethodType.ClientStreaming, Service, "ClientStream", EchoRequest.Parser, EchoReply.Parser);
    public static readonly Method<EchoRequest, EchoReply> Duplex = new(MethodType.DuplexStreaming, Service, "Duplex", EchoRequest.Parser, EchoReply.Parser);

    public static ServerServiceDefinition.Builder Builder() => ServerServiceDefinition.CreateBuilder(EchoReflection.Descriptor.Services[0]);
}

/// <summary>A real Kestrel server on a free 127.0.0.1 port (h2c) with a channel of our client to it.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, Uri address, GrpcChannelOptions? channelOptions)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address, channelOptions);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestHost> StartAsync(ServerServiceDefinition service, Action<GrpcServerOptions>? configure = null,
        GrpcChannelOptions? channelOptions = null, bool wellKnownServices = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0)));
        builder.Services.AddGrpcServer(configure);
        var app = builder.Build();
        app.MapGrpcService(service);
        if (wellKnownServices)
        {
            app.MapGrpcHealthService();
            app.MapGrpcReflectionService();
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address), channelOptions);
    }

    /// <summary>A raw HTTP/2 client for protocol-level checks.</summary>
    public HttpClient CreateRawClient() => new(new SocketsHttpHandler())
    {
        BaseAddress = Address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
