using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;
using SolverEngine.Grpc.Health;
using SolverEngine.Grpc.Health.V1;
using V1 = SolverEngine.Grpc.Reflection.V1;
using V1Alpha = SolverEngine.Grpc.Reflection.V1alpha;

namespace SolverEngine.Grpc.Tests;

/// <summary>grpc.health.v1 and server reflection (v1, v1alpha) through our client against a real server.</summary>
public class WellKnownServicesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check =
        new(MethodType.Unary, "grpc.health.v1.Health", "Check", HealthCheckRequest.Parser, HealthCheckResponse.Parser);
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch =
        new(MethodType.ServerStreaming, "grpc.health.v1.Health", "Watch", HealthCheckRequest.Parser, HealthCheckResponse.Parser);
    private static readonly Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse> ReflectV1 =
        new(MethodType.DuplexStreaming, "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo", V1.ServerReflectionRequest.Parser, V1.ServerReflectionResponse.Parser);
    private static readonly Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> ReflectV1Alpha =
        new(MethodType.DuplexStreaming, "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", V1Alpha.ServerReflectionRequest.Parser, V1Alpha.ServerReflectionResponse.Parser);

    private static Task<TestHost> StartAsync() => TestHost.StartAsync(
        EchoMethods.Builder().AddUnary(EchoMethods.Unary, (r, _) => Task.FromResult(new Echo.EchoReply { Text = r.Text })).Build(),
        wellKnownServices: true);

    [Fact]
    public async Task Health_check_reports_host_set_statuses_and_not_found_for_unknown_services()
    {
        await using var host = await StartAsync();
        var statuses = host.Services.GetRequiredService<HealthServiceStatus>();
        statuses.SetStatus("solverengine.grpc.tests.Echo", HealthCheckResponse.Types.ServingStatus.NotServing);

        var overall = await host.Channel.UnaryCall(Check, new HealthCheckRequest());
        var echo = await host.Channel.UnaryCall(Check, new HealthCheckRequest { Service = "solverengine.grpc.tests.Echo" });
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await host.Channel.UnaryCall(Check, new HealthCheckRequest { Service = "nope.Service" }));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, echo.Status);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Health_watch_sends_the_current_status_then_each_change()
    {
        await using var host = await StartAsync();
        var statuses = host.Services.GetRequiredService<HealthServiceStatus>();
        using var cts = new CancellationTokenSource(Patience);
        using var call = host.Channel.ServerStreamingCall(Watch, new HealthCheckRequest { Service = "svc" }, new Client.CallOptions(CancellationToken: cts.Token));

        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);
        statuses.SetStatus("svc", HealthCheckResponse.Types.ServingStatus.Serving);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
        statuses.SetStatus("svc", HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Reflection_v1_lists_services_and_returns_files_with_transitive_dependencies()
    {
        await using var host = await StartAsync();
        using var call = host.Channel.DuplexStreamingCall(ReflectV1);

        async Task<V1.ServerReflectionResponse> AskAsync(V1.ServerReflectionRequest request)
        {
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            return call.ResponseStream.Current;
        }

        var list = await AskAsync(new V1.ServerReflectionRequest { ListServices = "" });
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "solverengine.grpc.tests.Echo"],
            list.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal));

        var bySymbol = await AskAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "solverengine.grpc.tests.Echo" });
        var files = bySymbol.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        Assert.Equal("echo.proto", files[0].Name);
        Assert.Contains(files, f => f.Name == "google/protobuf/timestamp.proto");

        var byMethod = await AskAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "solverengine.grpc.tests.Echo.Duplex" });
        Assert.Equal("echo.proto", FileDescriptorProto.Parser.ParseFrom(byMethod.FileDescriptorResponse.FileDescriptorProto[0]).Name);

        var byMessage = await AskAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "google.protobuf.Timestamp" });
        Assert.Equal("google/protobuf/timestamp.proto", FileDescriptorProto.Parser.ParseFrom(byMessage.FileDescriptorResponse.FileDescriptorProto[0]).Name);

        var byName = await AskAsync(new V1.ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" });
        Assert.Equal("grpc.health.v1", FileDescriptorProto.Parser.ParseFrom(byName.FileDescriptorResponse.FileDescriptorProto[0]).Package);

        var missing = await AskAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "no.Such" });
        Assert.Equal((int)StatusCode.NotFound, missing.ErrorResponse.ErrorCode);
        Assert.Equal("no.Such", missing.OriginalRequest.FileContainingSymbol);

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Reflection_v1alpha_answers_like_v1()
    {
        await using var host = await StartAsync();
        using var call = host.Channel.DuplexStreamingCall(ReflectV1Alpha);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "solverengine.grpc.tests.EchoRequest" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        Assert.Equal("echo.proto", files[0].Name);
        Assert.Equal(2, files.Count);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }
}
