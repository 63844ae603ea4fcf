using Google.Protobuf;

namespace SolverEngine.Grpc.Internal;

/// <summary>Reads request messages from the HTTP/2 request body.</summary>
internal sealed class HttpContextStreamReader<T>(ServerCall call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first and check that it returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // The call's own token (deadline, client abort) always applies.
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
            : null;
        _current = await call.ReadMessageAsync(parser, linked?.Token ?? call.CancellationToken).ConfigureAwait(false);
        return _current is not null;
    }
}

/// <summary>Writes response messages to the HTTP/2 response body.</summary>
internal sealed class HttpContextStreamWriter<T>(ServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public WriteOptions? WriteOptions { get => call.WriteOptions; set => call.WriteOptions = value; }

    public Task WriteAsync(T message, CancellationToken cancellationToken = default) => call.WriteMessageAsync(message, cancellationToken);
}
