using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using SolverEngine.Grpc.Client;
using SolverEngine.Grpc.Tests.Echo;

namespace SolverEngine.Grpc.Tests;

/// <summary>Our client against our server on a real loopback port: every call shape and the protocol features.</summary>
public class ClientServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static ServerServiceDefinition EchoService() => EchoMethods.Builder()
        .AddUnary(EchoMethods.Unary, async (request, context) =>
        {
            // Echo every custom request header back as a response header and as a trailer.
            var headers = new Metadata();
            foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
            {
                headers.Add(entry);
                context.ResponseTrailers.Add(entry.IsBinary ? new Metadata.Entry("trailer-" + entry.Key, entry.ValueBytes) : new Metadata.Entry("trailer-" + entry.Key, entry.Value));
            }
            if (headers.Count > 0) await context.WriteResponseHeadersAsync(headers);
            return new EchoReply
            {
                Text = request.Text + (context.LastRequestMessageCompressed ? " (compressed)" : ""),
                Padding = ByteString.CopyFrom(new byte[request.ReplySize]),
            };
        })
        .AddServerStreaming(EchoMethods.ServerStream, async (request, responses, context) =>
        {
            for (var i = 0; i < request.Repeat; i++)
            {
                await responses.WriteAsync(new EchoReply { Text = request.Text, Index = i }, context.CancellationToken);
            }
        })
        .AddClientStreaming(EchoMethods.ClientStream, async (requests, context) =>
        {
            var texts = new List<string>();
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken)) texts.Add(request.Text);
            return new EchoReply { Text = string.Join(",", texts), Index = texts.Count };
        })
        .AddDuplexStreaming(EchoMethods.Duplex, async (requests, responses, context) =>
        {
            var i = 0;
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                await responses.WriteAsync(new EchoReply { Text = request.Text.ToUpperInvariant(), Index = i++ }, context.CancellationToken);
            }
        })
        .Build();

    [Fact]
    public async Task Unary_round_trip_with_text_and_binary_metadata_both_ways()
    {
        await using var host = await TestHost.StartAsync(EchoService());
        var headers = new Metadata().Add("x-text", "hello").Add("x-data-bin", new byte[] { 0, 0xff, 0x10 });

        using var call = host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest { Text = "ping" }, new CallOptions(headers));
        var reply = await call;

        Assert.Equal("ping", reply.Text);
        var responseHeaders = await call.ResponseHeadersAsync;
        Assert.Equal("hello", responseHeaders.GetValue("x-text"));
        Assert.Equal(new byte[] { 0, 0xff, 0x10 }, responseHeaders.GetValueBytes("x-data-bin"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("hello", call.GetTrailers().GetValue("trailer-x-text"));
        Assert.Equal(new byte[] { 0, 0xff, 0x10 }, call.GetTrailers().GetValueBytes("trailer-x-data-bin"));
    }

    [Fact]
    public async Task Server_streaming_yields_every_message_in_order()
    {
        await using var host = await TestHost.StartAsync(EchoService());
        using var call = host.Channel.ServerStreamingCall(EchoMethods.ServerStream, new EchoRequest { Text = "s", Repeat = 25 });
        var indexes = new List<int>();
        await foreach (var reply in call.ReadAllAsync()) indexes.Add(reply.Index);
        Assert.Equal(Enumerable.Range(0, 25), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_of_zero_messages_is_a_trailers_only_ok()
    {
        await using var host = await TestHost.StartAsync(EchoService());
        using var call = host.Channel.ServerStreamingCall(EchoMethods.ServerStream, new EchoRequest { Repeat = 0 });
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_sees_every_request_then_answers_once()
    {
        await using var host = await TestHost.StartAsync(EchoService());
        using var call = host.Channel.ClientStreamingCall(EchoMethods.ClientStream);
        foreach (var text in new[] { "a", "b", "c" }) await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        await call.RequestStream.CompleteAsync();
        var reply = await call;
        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task Duplex_ping_pong_interleaves_requests_and_responses()
    {
        await using var host = await TestHost.StartAsync(EchoService());
        using var call = host.Channel.DuplexStreamingCall(EchoMethods.Duplex);
        foreach (var (text, i) in new[] { "one", "two", "three" }.Select((t, i) => (t, i)))
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(text.ToUpperInvariant(), call.ResponseStream.Current.Text);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Large_messages_cross_in_both_directions()
    {
        await using var host = await TestHost.StartAsync(EchoService());
        var text = new string('q', 1_000_000);
        var reply = await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest { Text = text, ReplySize = 3_000_000 });
        Assert.Equal(text, reply.Text);
        Assert.Equal(3_000_000, reply.Padding.Length);
    }

    [Fact]
    public async Task Gzip_request_is_decompressed_and_seen_as_compressed_by_the_handler()
    {
        await using var host = await TestHost.StartAsync(EchoService(), channelOptions: new GrpcChannelOptions { RequestCompressionAlgorithm = "gzip" });
        var reply = await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest { Text = new string('z', 10_000) });
        Assert.Equal(new string('z', 10_000) + " (compressed)", reply.Text);
    }

    [Fact]
    public async Task Server_compresses_responses_when_configured_and_accepted()
    {
        await using var host = await TestHost.StartAsync(EchoService(), o => o.ResponseCompressionAlgorithm = "gzip");
        using var raw = host.CreateRawClient();

        var body = Frame(new EchoRequest { Text = "x", ReplySize = 50_000 });
        using var request = GrpcRequest(EchoMethods.Unary.FullName, body);
        request.Headers.Add("grpc-accept-encoding", "identity,gzip");
        using var response = await raw.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("gzip", response.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, bytes[0]); // compressed flag
        Assert.True(bytes.Length < 50_000, $"compressed body has {bytes.Length} bytes");
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());

        // And our client reads it.
        var reply = await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest { Text = "y", ReplySize = 50_000 });
        Assert.Equal(50_000, reply.Padding.Length);
    }

    [Fact]
    public async Task Request_over_the_server_limit_is_resource_exhausted()
    {
        await using var host = await TestHost.StartAsync(EchoService(), o => o.MaxReceiveMessageSize = 1024);
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest { Text = new string('x', 2048) }));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Response_over_the_client_limit_is_resource_exhausted()
    {
        await using var host = await TestHost.StartAsync(EchoService(), channelOptions: new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest { ReplySize = 4096 }));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Unknown_method_and_unknown_service_are_unimplemented()
    {
        await using var host = await TestHost.StartAsync(EchoService());
        var unknownMethod = new Method<EchoRequest, EchoReply>(MethodType.Unary, "solverengine.grpc.tests.Echo", "Nope", EchoRequest.Parser, EchoReply.Parser);
        var unknownService = new Method<EchoRequest, EchoReply>(MethodType.Unary, "no.Such", "Call", EchoRequest.Parser, EchoReply.Parser);

        var ex1 = await Assert.ThrowsAsync<RpcException>(async () => await host.Channel.UnaryCall(unknownMethod, new EchoRequest()));
        var ex2 = await Assert.ThrowsAsync<RpcException>(async () => await host.Channel.UnaryCall(unknownService, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex1.StatusCode);
        Assert.Contains("Nope", ex1.Status.Detail);
        Assert.Equal(StatusCode.Unimplemented, ex2.StatusCode);
        Assert.Contains("no.Such", ex2.Status.Detail);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpc+json")]
    [InlineData("text/plain")]
    public async Task Other_content_types_get_415_with_a_grpc_status(string contentType)
    {
        await using var host = await TestHost.StartAsync(EchoService());
        using var raw = host.CreateRawClient();
        using var request = GrpcRequest(EchoMethods.Unary.FullName, Frame(new EchoRequest()));
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    public async Task Both_grpc_content_types_are_accepted(string contentType)
    {
        await using var host = await TestHost.StartAsync(EchoService());
        using var raw = host.CreateRawClient();
        using var request = GrpcRequest(EchoMethods.Unary.FullName, Frame(new EchoRequest { Text = "ok" }));
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await raw.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, response.ToString() + await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", EchoReply.Parser.ParseFrom(bytes.AsSpan(5)).Text);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Early_error_is_a_trailers_only_response_with_the_status_in_headers()
    {
        var service = EchoMethods.Builder()
            .AddUnary(EchoMethods.Unary, (_, _) => throw new RpcException(new Status(StatusCode.NotFound, "Plan 'P1' not found; 50% sure")))
            .Build();
        await using var host = await TestHost.StartAsync(service);
        using var raw = host.CreateRawClient();
        using var request = GrpcRequest(EchoMethods.Unary.FullName, Frame(new EchoRequest()));
        using var response = await raw.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Empty(bytes);
        Assert.Equal("5", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("Plan 'P1' not found; 50%25 sure", response.Headers.GetValues("grpc-message").Single());
        Assert.Equal("application/grpc", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_trailers_only_error_reaches_every_observer_of_the_call_with_its_status()
    {
        // Regression: awaiting the headers and the response at once used to let the second
        // observer read an empty body before the first had taken the status from the headers,
        // turning NOT_FOUND into INTERNAL "No grpc-status found" now and then.
        var service = EchoMethods.Builder()
            .AddUnary(EchoMethods.Unary, (_, _) => throw new RpcException(new Status(StatusCode.NotFound, "no such job")))
            .Build();
        await using var host = await TestHost.StartAsync(service);

        for (var i = 0; i < 200; i++)
        {
            using var call = host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest());
            var headers = call.ResponseHeadersAsync;
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Equal("no such job", error.Status.Detail);
            await headers.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task RpcException_status_message_and_trailers_reach_the_client()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n";
        var service = EchoMethods.Builder()
            .AddServerStreaming(EchoMethods.ServerStream, async (_, responses, _) =>
            {
                await responses.WriteAsync(new EchoReply { Text = "first" });
                throw new RpcException(new Status(StatusCode.Aborted, message), new Metadata().Add("retry-after", "5").Add("blob-bin", new byte[] { 9 }));
            })
            .Build();
        await using var host = await TestHost.StartAsync(service);
        using var call = host.Channel.ServerStreamingCall(EchoMethods.ServerStream, new EchoRequest());

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
        Assert.Equal("5", ex.Trailers.GetValue("retry-after"));
        Assert.Equal(new byte[] { 9 }, ex.Trailers.GetValueBytes("blob-bin"));
        Assert.Equal(StatusCode.Aborted, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Validation_exception_is_invalid_argument_with_every_violation_in_message_and_details()
    {
        var service = EchoMethods.Builder()
            .AddUnary(EchoMethods.Unary, (_, _) => throw new RpcValidationException("The model is invalid.",
                [new FieldViolation("lines[3].rate", "Rate -5 must be > 0."), new FieldViolation("horizon.buckets", "No buckets.")]))
            .Build();
        await using var host = await TestHost.StartAsync(service);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest()));

        Assert.True(ex.StatusCode == StatusCode.InvalidArgument, ex.Status.ToString());
        Assert.Contains("lines[3].rate: Rate -5 must be > 0.", ex.Status.Detail);
        Assert.Contains("horizon.buckets: No buckets.", ex.Status.Detail);
        var details = RpcStatusDetails.FromTrailers(ex.Trailers);
        Assert.NotNull(details);
        Assert.Equal((int)StatusCode.InvalidArgument, details.Code);
        Assert.Equal(["lines[3].rate", "horizon.buckets"], details.FieldViolations.Select(v => v.Field));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unexpected_exception_is_unknown_with_details_only_when_enabled(bool detailed)
    {
        var service = EchoMethods.Builder()
            .AddUnary(EchoMethods.Unary, (_, _) => throw new InvalidOperationException("secret internals"))
            .Build();
        await using var host = await TestHost.StartAsync(service, o => o.EnableDetailedErrors = detailed);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest()));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal(detailed, ex.Status.Detail.Contains("secret internals", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_deadline_cancels_the_handler_and_answers_deadline_exceeded()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = EchoMethods.Builder()
            .AddUnary(EchoMethods.Unary, async (_, context) =>
            {
                Assert.NotEqual(DateTime.MaxValue, context.Deadline);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                finally
                {
                    handlerCancelled.TrySetResult();
                }
                return new EchoReply();
            })
            .Build();
        await using var host = await TestHost.StartAsync(service);
        // A raw request, so that only the server's deadline (not a client-side timer) can end it.
        using var raw = host.CreateRawClient();
        using var request = GrpcRequest(EchoMethods.Unary.FullName, Frame(new EchoRequest()));
        request.Headers.Add("grpc-timeout", "200m");
        using var response = await raw.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        await handlerCancelled.Task.WaitAsync(Patience);
        var status = response.Headers.TryGetValues("grpc-status", out var h) ? h : response.TrailingHeaders.GetValues("grpc-status");
        Assert.Equal("4", status.Single());
    }

    [Fact]
    public async Task Client_deadline_gives_deadline_exceeded_and_sends_grpc_timeout()
    {
        var sawTimeout = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = EchoMethods.Builder()
            .AddUnary(EchoMethods.Unary, async (_, context) =>
            {
                sawTimeout.TrySetResult(context.HttpContext.Request.Headers["grpc-timeout"].ToString());
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new EchoReply();
            })
            .Build();
        await using var host = await TestHost.StartAsync(service);
        // Long enough for the first call's connection to reach the handler on a loaded machine: at 300 ms
        // the deadline once ended the call before the request was sent (full test run, 2 busy cores), and
        // the handler, which this test needs to see the header, never ran.
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Channel.UnaryCall(EchoMethods.Unary, new EchoRequest(), new CallOptions().WithTimeout(TimeSpan.FromSeconds(2))));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(GrpcTimeoutHeaderIsValid(await sawTimeout.Task.WaitAsync(Patience)));
    }

    [Fact]
    public async Task Client_cancel_reaches_the_handler_token_and_gives_cancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = EchoMethods.Builder()
            .AddDuplexStreaming(EchoMethods.Duplex, async (requests, responses, context) =>
            {
                await using var _ = context.CancellationToken.Register(() => handlerCancelled.TrySetResult());
                await requests.MoveNext(context.CancellationToken);
                await responses.WriteAsync(new EchoReply { Text = "started" });
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            })
            .Build();
        await using var host = await TestHost.StartAsync(service);
        using var cts = new CancellationTokenSource();
        using var call = host.Channel.DuplexStreamingCall(EchoMethods.Duplex, new CallOptions(CancellationToken: cts.Token));
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "go" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await started.Task.WaitAsync(Patience);

        cts.Cancel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await handlerCancelled.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Connection_refused_is_unavailable()
    {
        // Bind and release a port so that nothing listens on it.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.UnaryCall(EchoMethods.Unary, new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    private static bool GrpcTimeoutHeaderIsValid(string? value) => Internal.GrpcTimeout.TryParse(value, out var t) && t > TimeSpan.Zero;

    private static byte[] Frame(IMessage message)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        Internal.MessageFraming.WriteMessage(writer, message, false, System.IO.Compression.CompressionLevel.Fastest, null);
        return writer.WrittenSpan.ToArray();
    }

    private static HttpRequestMessage GrpcRequest(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }
}
