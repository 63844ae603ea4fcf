using Google.Protobuf;

namespace SolverEngine.Grpc.Internal;

/// <summary>
/// The one place where an exception out of a handler becomes a gRPC status (and trailers).
/// </summary>
internal static class ServerErrorMapper
{
    public static (Status Status, Metadata? Trailers) Map(Exception exception, ServerCall call, GrpcServerOptions options)
    {
        switch (exception)
        {
            case RpcException rpc:
                return (rpc.Status, rpc.Trailers);

            case IHasFieldViolations validation:
            {
                var violations = validation.FieldViolations;
                var detail = exception.Message;
                if (violations.Count > 0)
                {
                    detail += " " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
                }
                var details = new RpcStatusDetails((int)StatusCode.InvalidArgument, detail, violations);
                var trailers = new Metadata().Add(RpcStatusDetails.TrailerKey, details.ToByteArray());
                return (new Status(StatusCode.InvalidArgument, detail), trailers);
            }

            // Deadline and client cancel are checked before the exception type: whatever the
            // handler threw once its token fired is a consequence of the cancel.
            case not null when call.DeadlineExceeded:
                return (new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), null);

            case not null when call.ClientCancelled:
                return (new Status(StatusCode.Cancelled, "The call was cancelled by the client."), null);

            case OperationCanceledException:
                return (new Status(StatusCode.Cancelled, "The call was cancelled."), null);

            case InvalidProtocolBufferException ipb:
                return (new Status(StatusCode.Internal, "Failed to deserialize the request message: " + ipb.Message), null);

            default:
                var message = options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception!.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.";
                return (new Status(StatusCode.Unknown, message) { DebugException = exception }, null);
        }
    }
}
