using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolverEngine.Grpc.Internal;

namespace SolverEngine.Grpc;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of the service at POST /{package.Service}/{Method}. The first call also
    /// maps a fallback that answers any other POST path with UNIMPLEMENTED.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServerServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        var sp = endpoints.ServiceProvider;
        var registry = sp.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("gRPC services are not registered: call builder.Services.AddGrpcServer() before MapGrpcService.");
        var options = sp.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var time = sp.GetRequiredService<TimeProvider>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("SolverEngine.Grpc.Server");

        registry.Add(service.ServiceName, service.FileDescriptor);
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in service.Methods)
        {
            var endpoint = new GrpcEndpoint(method, options, time, logger);
            builders.Add(endpoints.MapPost(method.FullName, endpoint.HandleAsync).WithDisplayName("gRPC " + method.FullName));
        }
        MapUnimplementedFallback(endpoints, registry, logger);
        return new CompositeConventionBuilder(builders);
    }

    private static void MapUnimplementedFallback(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry, ILogger logger)
    {
        lock (registry)
        {
            if (registry.FallbackMapped) return;
            registry.FallbackMapped = true;
        }
        // Literal method routes outrank this parameterised one, so it only catches unknown paths.
        endpoints.MapPost("{unimplementedService}/{unimplementedMethod}",
                (HttpContext ctx) => GrpcEndpoint.HandleUnimplementedAsync(ctx, registry, logger))
            .WithDisplayName("gRPC unimplemented");
    }

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var b in builders) b.Add(convention);
        }
    }
}
