using System.Text;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation;
using SolverEngine.Grpc;
using SolverEngine.Server.Jobs;

namespace SolverEngine.Server.Internal;

/// <summary>
/// The one place where the server's own exceptions become gRPC statuses. What is not listed
/// here goes on to SolverEngine.Grpc's mapper (cancellation, deadline, unexpected: UNKNOWN).
/// </summary>
internal static class RpcErrors
{
    /// <summary>Most violations put into one status: they travel in trailers, which clients cap (often 8-16 KiB).</summary>
    internal const int MaxViolations = 50;
    private const int MaxDescriptionLength = 160;

    public static Exception? Map(Exception exception) => exception switch
    {
        ModelValidationException invalid => InvalidModel(invalid.Report),
        JobNotFoundException notFound => Rpc(StatusCode.NotFound, notFound.Message),
        JobQueueFullException full => Rpc(StatusCode.ResourceExhausted, full.Message),
        SolveEngineUnavailableException unavailable => Rpc(StatusCode.Unimplemented, unavailable.Message),
        ServerShuttingDownException stopping => Rpc(StatusCode.Unavailable, stopping.Message),
        ArgumentException argument => Rpc(StatusCode.InvalidArgument, WithoutParameterName(argument)),
        _ => null,
    };

    /// <summary>INVALID_ARGUMENT naming every error of the report with its field path (grpc-message and a BadRequest detail).</summary>
    public static RpcValidationException InvalidModel(ValidationReport report)
    {
        var errors = report.Issues.Where(i => i.Severity == ValidationIssue.Types.Severity.Error).ToList();
        var violations = errors.Take(MaxViolations)
            .Select(e => new FieldViolation("model." + e.Path, Describe(e)))
            .ToList();
        var message = new StringBuilder()
            .Append("The model is invalid: ").Append(errors.Count).Append(errors.Count == 1 ? " error" : " errors");
        message.Append(errors.Count > MaxViolations
            ? $" (the first {MaxViolations} follow; ValidateModel returns them all)."
            : ".");
        return new RpcValidationException(message.ToString(), violations);
    }

    private static string Describe(ValidationIssue issue)
    {
        var text = string.IsNullOrEmpty(issue.Code) ? issue.Message : $"{issue.Message} [{issue.Code}]";
        if (!string.IsNullOrEmpty(issue.Hint)) text += " " + issue.Hint;
        return text.Length <= MaxDescriptionLength * 2 ? text : text[..(MaxDescriptionLength * 2)] + "...";
    }

    // " (Parameter 'options')" says nothing to a remote caller.
    private static string WithoutParameterName(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);

    private static RpcException Rpc(StatusCode code, string message) => new(new Status(code, message));
}
