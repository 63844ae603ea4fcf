using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SolverEngine.Grpc.Health;
using SolverEngine.Grpc.Internal;

namespace SolverEngine.Grpc;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers the gRPC server: options, the service registry and the health status store.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null) services.Configure(configure);
        services.AddRouting();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<HealthServiceStatus>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
