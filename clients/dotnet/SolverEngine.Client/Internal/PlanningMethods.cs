using SolverEngine.Contracts.V1;
using SolverEngine.Grpc;

namespace SolverEngine.Client.Internal;

/// <summary>The RPCs of solverengine.v1.PlanningService (service.proto). Mirrors the server's table; the paths are the contract.</summary>
internal static class PlanningMethods
{
    public const string ServiceName = "solverengine.v1.PlanningService";

    public static readonly Method<PlanningModel, ValidationReport> ValidateModel =
        new(MethodType.Unary, ServiceName, "ValidateModel", PlanningModel.Parser, ValidationReport.Parser);

    public static readonly Method<SolveRequest, SolveUpdate> Solve =
        new(MethodType.ServerStreaming, ServiceName, "Solve", SolveRequest.Parser, SolveUpdate.Parser);

    public static readonly Method<SolveRequest, Job> SubmitJob =
        new(MethodType.Unary, ServiceName, "SubmitJob", SolveRequest.Parser, Job.Parser);

    public static readonly Method<GetJobRequest, Job> GetJob =
        new(MethodType.Unary, ServiceName, "GetJob", GetJobRequest.Parser, Job.Parser);

    public static readonly Method<WatchJobRequest, SolveUpdate> WatchJob =
        new(MethodType.ServerStreaming, ServiceName, "WatchJob", WatchJobRequest.Parser, SolveUpdate.Parser);

    public static readonly Method<CancelJobRequest, Job> CancelJob =
        new(MethodType.Unary, ServiceName, "CancelJob", CancelJobRequest.Parser, Job.Parser);

    public static readonly Method<ListJobsRequest, ListJobsResponse> ListJobs =
        new(MethodType.Unary, ServiceName, "ListJobs", ListJobsRequest.Parser, ListJobsResponse.Parser);

    public static readonly Method<PlanViewRequest, PlanView> GetPlanView =
        new(MethodType.Unary, ServiceName, "GetPlanView", PlanViewRequest.Parser, PlanView.Parser);

    public static readonly Method<Grpc.Health.V1.HealthCheckRequest, Grpc.Health.V1.HealthCheckResponse> HealthCheck =
        new(MethodType.Unary, "grpc.health.v1.Health", "Check", Grpc.Health.V1.HealthCheckRequest.Parser, Grpc.Health.V1.HealthCheckResponse.Parser);
}
