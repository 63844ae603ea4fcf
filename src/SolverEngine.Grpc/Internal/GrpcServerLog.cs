using Microsoft.Extensions.Logging;

namespace SolverEngine.Grpc.Internal;

internal static partial class GrpcServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Error when executing service method '{Method}'.")]
    public static partial void ErrorExecutingServiceMethod(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Call '{Method}' ended with status {StatusCode}: {Detail}")]
    public static partial void CallEndedWithError(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(3, LogLevel.Debug, "Rejected request for '{Path}': {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Unimplemented gRPC path '{Path}'.")]
    public static partial void Unimplemented(ILogger logger, string path);
}
