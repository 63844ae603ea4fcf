namespace SolverEngine.Grpc;

/// <summary>
/// A call that ended with a non-OK status. Thrown by the client for a failed call; thrown by a
/// service handler to end its call with that status (and optional trailers).
/// </summary>
public class RpcException : Exception
{
    public RpcException(Status status) : this(status, new Metadata(), status.Detail) { }

    public RpcException(Status status, string message) : this(status, new Metadata(), message) { }

    public RpcException(Status status, Metadata trailers) : this(status, trailers, status.Detail) { }

    public RpcException(Status status, Metadata trailers, string message)
        : base(string.IsNullOrEmpty(message) ? status.ToString() : message, status.DebugException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata: received trailers on the client, trailers to send on the server.</summary>
    public Metadata Trailers { get; }
}
