using Microsoft.Extensions.Logging;
using SolverEngine.Contracts.Grpc;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using SolverEngine.Core.Views;
using SolverEngine.Grpc;
using SolverEngine.Server.Internal;
using SolverEngine.Server.Jobs;

namespace SolverEngine.Server.Services;

/// <summary>
/// solverengine.v1.PlanningService: validation here, solves through the <see cref="JobManager"/>
/// (a Solve call is a job that its call watches and cancels when it ends).
/// </summary>
public sealed class PlanningService
{
    private readonly JobManager _jobs;
    private readonly ILogger _logger;

    public PlanningService(JobManager jobs, ILogger<PlanningService> logger)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(logger);
        _jobs = jobs;
        _logger = logger;
    }

    /// <summary>The service definition to map with <c>app.MapGrpcService(...)</c>; reflection gets service.proto and its imports.</summary>
    public ServerServiceDefinition CreateDefinition() =>
        ServerServiceDefinition.CreateBuilder(PlanningServiceDescriptors.Service)
            .AddUnary(PlanningServiceDescriptors.ValidateModel, (request, context) => Guard(() => Task.FromResult(ValidateModel(request))))
            .AddServerStreaming(PlanningServiceDescriptors.Solve, (request, responses, context) => Guard(() => SolveAsync(request, responses, context)))
            .AddUnary(PlanningServiceDescriptors.SubmitJob, (request, context) => Guard(() => Task.FromResult(_jobs.Submit(request))))
            .AddUnary(PlanningServiceDescriptors.GetJob, (request, context) => Guard(() => Task.FromResult(_jobs.Get(RequireId(request.JobId)))))
            .AddServerStreaming(PlanningServiceDescriptors.WatchJob, (request, responses, context) => Guard(() => WatchJobAsync(request, responses, context)))
            .AddUnary(PlanningServiceDescriptors.CancelJob, (request, context) => Guard(() => _jobs.CancelAsync(RequireId(request.JobId), context.CancellationToken)))
            .AddUnary(PlanningServiceDescriptors.ListJobs, (request, context) => Guard(() => Task.FromResult(ListJobs(request))))
            .AddUnary(PlanningServiceDescriptors.GetPlanView, (request, context) => Guard(() => Task.FromResult(GetPlanView(request))))
            .Build();

    public ValidationReport ValidateModel(PlanningModel model)
    {
        var report = ModelValidator.Validate(model);
        ServerLog.ModelValidated(_logger, model.Name, report.Issues.Count(i => i.Severity == ValidationIssue.Types.Severity.Error),
            report.Issues.Count(i => i.Severity == ValidationIssue.Types.Severity.Warning));
        return report;
    }

    private async Task SolveAsync(SolveRequest request, IServerStreamWriter<SolveUpdate> responses, ServerCallContext context)
    {
        var job = _jobs.Submit(request);
        var delivered = false;
        try
        {
            await foreach (var update in _jobs.Watch(job.Id, context.CancellationToken).ConfigureAwait(false))
                await responses.WriteAsync(update, context.CancellationToken).ConfigureAwait(false);
            delivered = true;
        }
        finally
        {
            // The solve lives as long as its call: whatever ended the call before the result
            // (deadline, client cancel, disconnect, a failed write) stops it. Done here rather than
            // in a token registration, which the handler's exit could unregister before it ran.
            if (!delivered) StopOrphanedSolve(job.Id);
        }
    }

    private void StopOrphanedSolve(string jobId) =>
        _ = _jobs.CancelAsync(jobId, CancellationToken.None).ContinueWith(
            t => ServerLog.OrphanedSolveNotCancelled(_logger, jobId, t.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private async Task WatchJobAsync(WatchJobRequest request, IServerStreamWriter<SolveUpdate> responses, ServerCallContext context)
    {
        await foreach (var update in _jobs.Watch(RequireId(request.JobId), context.CancellationToken).ConfigureAwait(false))
            await responses.WriteAsync(update, context.CancellationToken).ConfigureAwait(false);
    }

    private ListJobsResponse ListJobs(ListJobsRequest request)
    {
        var (jobs, next) = _jobs.List(request.PageSize, request.PageToken);
        var response = new ListJobsResponse { NextPageToken = next };
        response.Jobs.AddRange(jobs);
        return response;
    }

    private PlanView GetPlanView(PlanViewRequest request)
    {
        var (status, result, model) = _jobs.GetResultForView(RequireId(request.JobId));
        if (result is null)
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Job '{request.JobId}' is {status}; a plan view needs a finished job (watch it with WatchJob)."));
        if (result.Plan is null || (result.Plan.Runs.Count == 0 && result.Plan.Buckets.Count == 0))
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Job '{request.JobId}' ended {result.Status} without a plan; there is nothing to view. {result.Message}".TrimEnd()));
        // The one implementation of plan views (the CLI's `solverengine view` uses it too).
        return PlanViews.Build(model, result.Plan, request.Granularity, request.SiteId, request.LineId).ToProto();
    }

    private static string RequireId(string jobId) =>
        string.IsNullOrWhiteSpace(jobId)
            ? throw new ArgumentException("job_id is empty; pass the id returned by SubmitJob (or listed by ListJobs).", nameof(jobId))
            : jobId;

    // Every handler runs through here so that the server's exceptions map to statuses in one place.
    private static async Task<T> Guard<T>(Func<Task<T>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (Exception ex) when (RpcErrors.Map(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    private static async Task Guard(Func<Task> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (Exception ex) when (RpcErrors.Map(ex) is { } mapped)
        {
            throw mapped;
        }
    }
}
