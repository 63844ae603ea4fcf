using SolverEngine.Grpc.Client;
using SolverEngine.Grpc.Tests.Echo;

namespace SolverEngine.Grpc.Tests;

/// <summary>
/// Tokens that callers pass to reads and writes (besides the call's own): the stream reuses one
/// linked token source per caller token instead of making one per message, and must still honour
/// both the caller's token and the call's.
/// </summary>
public class CallerTokenTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Handler_and_reader_with_their_own_tokens_stream_every_message_in_order()
    {
        using var handlerCts = new CancellationTokenSource();
        var service = EchoMethods.Builder()
            .AddServerStreaming(EchoMethods.ServerStream, async (request, responses, context) =>
            {
                for (var i = 0; i < request.Repeat; i++)
                {
                    await responses.WriteAsync(new EchoReply { Text = request.Text, Index = i }, handlerCts.Token);
                }
            })
            .Build();
        await using var host = await TestHost.StartAsync(service);
        using var readerCts = new CancellationTokenSource(Patience);

        using var call = host.Channel.ServerStreamingCall(EchoMethods.ServerStream, new EchoRequest { Text = "m", Repeat = 300 });
        var indexes = new List<int>();
        await foreach (var reply in call.ReadAllAsync(readerCts.Token)) indexes.Add(reply.Index);

        Assert.Equal(Enumerable.Range(0, 300), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_handler_token_cancelled_between_writes_stops_the_next_write()
    {
        using var handlerCts = new CancellationTokenSource();
        var writeFailed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = EchoMethods.Builder()
            .AddServerStreaming(EchoMethods.ServerStream, async (request, responses, context) =>
            {
                await responses.WriteAsync(new EchoReply { Index = 0 }, handlerCts.Token);
                await responses.WriteAsync(new EchoReply { Index = 1 }, handlerCts.Token);
                handlerCts.Cancel();
                try
                {
                    await responses.WriteAsync(new EchoReply { Index = 2 }, handlerCts.Token);
                    writeFailed.TrySetResult(new InvalidOperationException("the write went through"));
                }
                catch (Exception ex)
                {
                    writeFailed.TrySetResult(ex);
                }
            })
            .Build();
        await using var host = await TestHost.StartAsync(service);

        using var call = host.Channel.ServerStreamingCall(EchoMethods.ServerStream, new EchoRequest { Repeat = 3 });
        var indexes = new List<int>();
        await foreach (var reply in call.ReadAllAsync()) indexes.Add(reply.Index);

        Assert.IsAssignableFrom<OperationCanceledException>(await writeFailed.Task.WaitAsync(Patience));
        Assert.Equal([0, 1], indexes);
    }

    [Fact]
    public async Task A_reader_token_cancelled_while_waiting_cancels_that_read()
    {
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = EchoMethods.Builder()
            .AddServerStreaming(EchoMethods.ServerStream, async (request, responses, context) =>
            {
                await responses.WriteAsync(new EchoReply { Index = 0 }, context.CancellationToken);
                firstSent.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            })
            .Build();
        await using var host = await TestHost.StartAsync(service);
        using var readerCts = new CancellationTokenSource();

        using var call = host.Channel.ServerStreamingCall(EchoMethods.ServerStream, new EchoRequest { Repeat = 1 });
        Assert.True(await call.ResponseStream.MoveNext(readerCts.Token));
        Assert.Equal(0, call.ResponseStream.Current.Index);
        await firstSent.Task.WaitAsync(Patience);

        var read = call.ResponseStream.MoveNext(readerCts.Token); // same token: the kept linked source
        readerCts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Patience));
    }
}
