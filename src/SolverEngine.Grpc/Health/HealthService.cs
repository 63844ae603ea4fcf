using SolverEngine.Grpc.Health.V1;

namespace SolverEngine.Grpc.Health;

/// <summary>grpc.health.v1.Health over <see cref="HealthServiceStatus"/>.</summary>
internal static class HealthService
{
    public static ServerServiceDefinition Create(HealthServiceStatus statuses) =>
        ServerServiceDefinition.CreateBuilder(HealthReflection.Descriptor.Services[0])
            .AddUnary(HealthMethods.Check, (request, _) =>
            {
                var status = statuses.GetStatus(request.Service)
                    ?? throw new RpcException(new Status(StatusCode.NotFound, $"Service '{request.Service}' is unknown to the health service."));
                return Task.FromResult(new HealthCheckResponse { Status = status });
            })
            .AddServerStreaming(HealthMethods.Watch, async (request, responses, context) =>
            {
                try
                {
                    await foreach (var status in statuses.WatchAsync(request.Service, context.CancellationToken).ConfigureAwait(false))
                    {
                        await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
                {
                    // The watcher went away: a normal end of Watch.
                }
            })
            .Build();
}
