using SolverEngine.Grpc.Health.V1;

namespace SolverEngine.Grpc.Health;

/// <summary>The RPCs of grpc.health.v1.Health, for the server here and for any client (e.g. a readiness probe).</summary>
public static class HealthMethods
{
    public const string ServiceName = "grpc.health.v1.Health";

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Check =
        new(MethodType.Unary, ServiceName, "Check", HealthCheckRequest.Parser, HealthCheckResponse.Parser);

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch =
        new(MethodType.ServerStreaming, ServiceName, "Watch", HealthCheckRequest.Parser, HealthCheckResponse.Parser);
}
