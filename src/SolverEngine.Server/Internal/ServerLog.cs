using Microsoft.Extensions.Logging;

namespace SolverEngine.Server.Internal;

/// <summary>Every log event of the server, with fixed event ids.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "SolverEngine server listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(2, LogLevel.Information, "Shutting down: health NOT_SERVING, no new solves; {Running} running, {Queued} queued, grace period {Grace}")]
    public static partial void ShuttingDown(ILogger logger, int running, int queued, TimeSpan grace);

    [LoggerMessage(3, LogLevel.Warning, "Grace period of {Grace} is over; cancelling {Running} running solve(s)")]
    public static partial void GracePeriodOver(ILogger logger, TimeSpan grace, int running);

    [LoggerMessage(4, LogLevel.Information, "Server stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(10, LogLevel.Information, "Job {JobId} '{Name}' queued ({Queued} waiting, {Running} running)")]
    public static partial void JobQueued(ILogger logger, string jobId, string name, int queued, int running);

    [LoggerMessage(11, LogLevel.Information, "Job {JobId} started")]
    public static partial void JobStarted(ILogger logger, string jobId);

    [LoggerMessage(12, LogLevel.Information, "Job {JobId} ended {Status} (solve status {SolveStatus}, objective {Objective}) after {Elapsed}")]
    public static partial void JobFinished(ILogger logger, string jobId, string status, string solveStatus, double objective, TimeSpan elapsed);

    [LoggerMessage(13, LogLevel.Information, "Job {JobId} cancellation requested")]
    public static partial void JobCancelRequested(ILogger logger, string jobId);

    [LoggerMessage(14, LogLevel.Error, "Job {JobId} failed: the engine threw")]
    public static partial void JobFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "Solve refused: queue full ({Running} running, {Queued} queued)")]
    public static partial void QueueFull(ILogger logger, int running, int queued);

    [LoggerMessage(16, LogLevel.Warning, "Job {JobId}: its Solve call ended but the solve could not be cancelled")]
    public static partial void OrphanedSolveNotCancelled(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(20, LogLevel.Debug, "Validated model '{Name}': {Errors} error(s), {Warnings} warning(s)")]
    public static partial void ModelValidated(ILogger logger, string name, int errors, int warnings);
}
