namespace SolverEngine.Server.Jobs;

/// <summary>No job has this id (never submitted, or forgotten after <see cref="SolverEngineServerOptions.MaxRetainedJobs"/>). gRPC: NOT_FOUND.</summary>
public sealed class JobNotFoundException(string jobId)
    : KeyNotFoundException($"No job has id '{jobId}'. Ids come from SubmitJob; finished jobs are kept until {nameof(SolverEngineServerOptions.MaxRetainedJobs)} newer ones have ended.")
{
    public string JobId { get; } = jobId;
}

/// <summary>Every solve slot is busy and the queue is full. gRPC: RESOURCE_EXHAUSTED.</summary>
public sealed class JobQueueFullException(int running, int queued)
    : InvalidOperationException($"The server is busy: {running} solve(s) running and {queued} queued, the most it takes. Retry later, or raise {nameof(SolverEngineServerOptions.MaxQueuedJobs)} / {nameof(SolverEngineServerOptions.MaxConcurrentSolves)}.");

/// <summary>This build has no planning engine registered. gRPC: UNIMPLEMENTED.</summary>
public sealed class SolveEngineUnavailableException()
    : NotSupportedException("Solving is not available in this build: no planning engine is registered (ISolveEngine). ValidateModel works; Solve and SubmitJob need the engine.");

/// <summary>The server is shutting down and takes no new solves. gRPC: UNAVAILABLE.</summary>
public sealed class ServerShuttingDownException()
    : InvalidOperationException("The server is shutting down and takes no new solves; retry on another instance.");
