using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using SolverEngine.Contracts.Grpc;
using SolverEngine.Grpc;
using SolverEngine.Server.Jobs;
using SolverEngine.Server.Services;

namespace SolverEngine.Server.Tests.Contracts;

/// <summary>
/// The one table of PlanningService methods (used by the server and the C# client) against the
/// service that protoc generated from service.proto: a new or changed rpc fails here until the
/// table follows it.
/// </summary>
public sealed class PlanningServiceDescriptorsTests
{
    [Fact]
    public void The_table_has_exactly_the_rpcs_of_the_service_in_the_file_descriptor()
    {
        var service = PlanningServiceDescriptors.Service;
        Assert.Equal("solverengine.v1.PlanningService", service.FullName);
        Assert.Equal(PlanningServiceDescriptors.ServiceName, service.FullName);

        var inProto = service.Methods.Select(m => m.Name).ToArray();
        var inTable = PlanningServiceDescriptors.All.Select(m => m.Name).ToArray();
        Assert.NotEmpty(inProto);
        Assert.Equal(inProto, inTable); // same rpcs, same order, no duplicates
    }

    [Fact]
    public void Every_method_matches_its_rpc_in_call_type_path_and_message_types()
    {
        foreach (var method in PlanningServiceDescriptors.All)
        {
            var rpc = PlanningServiceDescriptors.Service.FindMethodByName(method.Name);
            Assert.NotNull(rpc);
            var expectedType = (rpc.IsClientStreaming, rpc.IsServerStreaming) switch
            {
                (false, false) => MethodType.Unary,
                (false, true) => MethodType.ServerStreaming,
                (true, false) => MethodType.ClientStreaming,
                (true, true) => MethodType.DuplexStreaming,
            };
            Assert.True(expectedType == method.Type, $"{method.FullName}: table says {method.Type}, service.proto says {expectedType}.");
            Assert.Equal(PlanningServiceDescriptors.ServiceName, method.ServiceName);
            Assert.Equal($"/{rpc.Service.FullName}/{rpc.Name}", method.FullName);

            var messageTypes = method.GetType().GetGenericArguments();
            Assert.Equal(2, messageTypes.Length);
            Assert.True(rpc.InputType.FullName == DescriptorOf(messageTypes[0]).FullName,
                $"{method.FullName}: request is {DescriptorOf(messageTypes[0]).FullName} in the table, {rpc.InputType.FullName} in service.proto.");
            Assert.True(rpc.OutputType.FullName == DescriptorOf(messageTypes[1]).FullName,
                $"{method.FullName}: response is {DescriptorOf(messageTypes[1]).FullName} in the table, {rpc.OutputType.FullName} in service.proto.");
        }
    }

    [Fact]
    public async Task The_server_maps_a_handler_for_every_method_of_the_table()
    {
        var options = new SolverEngineServerOptions();
        await using var jobs = new JobManager(null, options, TimeProvider.System, NullLogger<JobManager>.Instance);
        var definition = new PlanningService(jobs, NullLogger<PlanningService>.Instance).CreateDefinition();

        Assert.Equal(PlanningServiceDescriptors.ServiceName, definition.ServiceName);
        Assert.Same(PlanningServiceDescriptors.Service.File, definition.FileDescriptor);
        Assert.Equal(PlanningServiceDescriptors.All.Select(m => m.FullName).Order(StringComparer.Ordinal),
            definition.MethodPaths.Order(StringComparer.Ordinal));
    }

    private static MessageDescriptor DescriptorOf(Type messageType)
    {
        var property = messageType.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            ?? throw new InvalidOperationException($"{messageType} has no static Descriptor; is it a generated protobuf message?");
        Assert.True(typeof(IMessage).IsAssignableFrom(messageType));
        return (MessageDescriptor)property.GetValue(null)!;
    }
}
