namespace SolverEngine.Grpc;

/// <summary>One invalid field of a request: a path such as "model.lines[3].rate" and what is wrong with it.</summary>
public readonly record struct FieldViolation(string Field, string Description);

/// <summary>
/// An exception that carries request validation failures. The server maps any exception that
/// implements this to INVALID_ARGUMENT, listing every violation in grpc-message and in a
/// google.rpc.BadRequest detail of the grpc-status-details-bin trailer.
/// </summary>
public interface IHasFieldViolations
{
    IReadOnlyList<FieldViolation> FieldViolations { get; }
}

/// <summary>A ready-made validation exception for services that have no own type.</summary>
public sealed class RpcValidationException : Exception, IHasFieldViolations
{
    public RpcValidationException(string message, IReadOnlyList<FieldViolation> violations)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(violations);
        FieldViolations = violations;
    }

    public RpcValidationException(IReadOnlyList<FieldViolation> violations)
        : this($"The request has {violations?.Count ?? 0} invalid field(s).", violations!) { }

    public IReadOnlyList<FieldViolation> FieldViolations { get; }
}
