using Google.Protobuf.Reflection;
using SolverEngine.Contracts.V1;
using SolverEngine.Grpc;

namespace SolverEngine.Contracts.Grpc;

/// <summary>
/// The RPCs of solverengine.v1.PlanningService (service.proto) as SolverEngine.Grpc methods: call
/// type, "/package.Service/Method" path and message parsers. The server maps its handlers to
/// these and the client calls them, so the two cannot drift apart; a test checks that the table
/// matches the service in the generated file descriptor rpc by rpc.
/// </summary>
public static class PlanningServiceDescriptors
{
    /// <summary>The service as protoc describes it (used for server reflection).</summary>
    public static ServiceDescriptor Service => ServiceReflection.Descriptor.Services[0];

    /// <summary>"solverengine.v1.PlanningService".</summary>
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

    /// <summary>Every method above, in service.proto's order.</summary>
    public static IReadOnlyList<IMethod> All { get; } =
        [ValidateModel, Solve, SubmitJob, GetJob, WatchJob, CancelJob, ListJobs, GetPlanView];
}
