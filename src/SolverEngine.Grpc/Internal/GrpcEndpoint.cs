using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SolverEngine.Grpc.Internal;

/// <summary>The request delegate of one gRPC method: protocol checks, then the call, then the status.</summary>
internal sealed class GrpcEndpoint(IServerMethod method, GrpcServerOptions options, TimeProvider time, ILogger logger)
{
    public async Task HandleAsync(HttpContext httpContext)
    {
        if (!await AcceptAsync(httpContext, logger).ConfigureAwait(false)) return;

        using var call = new ServerCall(httpContext, method.FullName, options, time);
        Status status;
        Metadata? trailers = null;
        try
        {
            call.Initialize();
            await method.InvokeAsync(call).ConfigureAwait(false);
            status = call.DeadlineExceeded ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.") : call.Status;
        }
        catch (Exception ex)
        {
            (status, trailers) = ServerErrorMapper.Map(ex, call, options);
            if (status.StatusCode is StatusCode.Unknown or StatusCode.Internal && status.DebugException is not null)
            {
                GrpcServerLog.ErrorExecutingServiceMethod(logger, method.FullName, ex);
            }
            else
            {
                GrpcServerLog.CallEndedWithError(logger, method.FullName, status.StatusCode, status.Detail);
            }
        }
        call.Complete(status, trailers);
    }

    /// <summary>HTTP/2 and a gRPC content-type, or an HTTP error that also carries a grpc-status.</summary>
    public static async Task<bool> AcceptAsync(HttpContext httpContext, ILogger logger)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            await RejectAsync(httpContext, logger, StatusCodes.Status426UpgradeRequired,
                $"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2.").ConfigureAwait(false);
            return false;
        }
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            await RejectAsync(httpContext, logger, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{request.ContentType}' is not supported; use application/grpc or application/grpc+proto.").ConfigureAwait(false);
            return false;
        }
        return true;
    }

    private static Task RejectAsync(HttpContext httpContext, ILogger logger, int httpStatus, string message)
    {
        GrpcServerLog.RequestRejected(logger, httpContext.Request.Path, message);
        var response = httpContext.Response;
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(message);
        return Task.CompletedTask;
    }

    /// <summary>Any other POST: UNIMPLEMENTED as a trailers-only response.</summary>
    public static async Task HandleUnimplementedAsync(HttpContext httpContext, GrpcServiceRegistry registry, ILogger logger)
    {
        if (!await AcceptAsync(httpContext, logger).ConfigureAwait(false)) return;
        var path = httpContext.Request.Path.Value ?? "";
        GrpcServerLog.Unimplemented(logger, path);
        var service = path.TrimStart('/').Split('/')[0];
        var message = registry.Contains(service)
            ? $"Method '{path}' is unimplemented by service '{service}'."
            : $"Service '{service}' is unimplemented.";
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(message);
    }
}
