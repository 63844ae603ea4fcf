using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SolverEngine.Grpc.Client;
using SolverEngine.Grpc.Tests.Echo;

namespace SolverEngine.Grpc.Tests;

public class TlsTests
{
    [Fact]
    public async Task Tls_endpoint_negotiates_h2_with_alpn_and_serves_calls()
    {
        using var certificate = CreateSelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0), certificate));
        builder.Services.AddGrpcServer();
        await using var app = builder.Build();
        var protocols = new List<string>();
        app.MapGrpcService(EchoMethods.Builder()
            .AddUnary(EchoMethods.Unary, (r, c) =>
            {
                lock (protocols) protocols.Add(c.HttpContext.Request.Protocol + "/" + c.HttpContext.Request.Scheme);
                return Task.FromResult(new EchoReply { Text = r.Text });
            })
            .Build());
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString();
        using var channel = GrpcChannel.ForAddress($"https://localhost:{port}", new GrpcChannelOptions { HttpHandler = handler });

        var reply = await channel.UnaryCall(EchoMethods.Unary, new EchoRequest { Text = "secure" });

        Assert.Equal("secure", reply.Text);
        Assert.Equal(["HTTP/2/https"], protocols);
        await app.StopAsync();
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
