using Google.Protobuf;

namespace SolverEngine.Grpc.Internal;

/// <summary>Reads request messages from the HTTP/2 request body.</summary>
internal sealed class HttpContextStreamReader<T>(ServerCall call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly Task<bool> False = Task.FromResult(false);
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first and check that it returned true.");

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // The call's own token (deadline, client abort) always applies.
        var read = call.ReadMessageAsync(parser, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            _current = read.Result;
            return _current is null ? False : True;
        }
        return AwaitReadAsync(read);
    }

    private async Task<bool> AwaitReadAsync(ValueTask<T?> read)
    {
        _current = await read.ConfigureAwait(false);
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
