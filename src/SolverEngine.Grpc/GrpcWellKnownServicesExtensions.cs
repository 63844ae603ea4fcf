using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SolverEngine.Grpc.Health;
using SolverEngine.Grpc.Internal;
using SolverEngine.Grpc.Reflection;

namespace SolverEngine.Grpc;

public static class GrpcWellKnownServicesExtensions
{
    /// <summary>Maps grpc.health.v1.Health; set statuses through the <see cref="HealthServiceStatus"/> singleton.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var statuses = endpoints.ServiceProvider.GetService<HealthServiceStatus>()
            ?? throw new InvalidOperationException("Call builder.Services.AddGrpcServer() before MapGrpcHealthService.");
        return endpoints.MapGrpcService(HealthService.Create(statuses));
    }

    /// <summary>
    /// Maps grpc.reflection.v1 and v1alpha ServerReflection. They describe every service mapped
    /// with a FileDescriptor (see <see cref="ServerServiceDefinition.CreateBuilder(Google.Protobuf.Reflection.ServiceDescriptor)"/>).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call builder.Services.AddGrpcServer() before MapGrpcReflectionService.");
        var v1 = endpoints.MapGrpcService(ReflectionService.CreateV1(registry));
        var v1Alpha = endpoints.MapGrpcService(ReflectionService.CreateV1Alpha(registry));
        return new Both(v1, v1Alpha);
    }

    private sealed class Both(IEndpointConventionBuilder a, IEndpointConventionBuilder b) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            a.Add(convention);
            b.Add(convention);
        }
    }
}
