using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SolverEngine.Grpc;
using SolverEngine.Grpc.Client;

namespace SolverEngine.Benchmarks.Grpc;

/// <summary>
/// One Kestrel server on a free 127.0.0.1 port (h2c, real sockets) with the same work behind two
/// doors: our gRPC service (SolverEngine.Grpc) and plain HTTP/2 endpoints that carry the same
/// protobuf bytes with no gRPC framing, headers or trailers. Each side has its own client with
/// the same SocketsHttpHandler settings (those of <see cref="GrpcChannel"/>).
/// </summary>
/// <remarks>
/// Unary: the request is a BytesValue of the payload; the server parses it and answers with it.
/// Server streaming: the request is an Int32Value (how many messages); the server writes that many
/// BytesValue messages, flushing each (as a gRPC stream writer does). The plain stream needs no
/// delimiters because every message has the same, known size.
/// </remarks>
internal sealed class LoopbackServers : IAsyncDisposable
{
    private const string Service = "solverengine.benchmarks.Throughput";
    public const string PlainUnaryPath = "/plain/unary";
    public const string PlainStreamPath = "/plain/stream";

    public static readonly Method<BytesValue, BytesValue> Unary =
        new(MethodType.Unary, Service, "Unary", BytesValue.Parser, BytesValue.Parser);

    public static readonly Method<Int32Value, BytesValue> ServerStream =
        new(MethodType.ServerStreaming, Service, "ServerStream", Int32Value.Parser, BytesValue.Parser);

    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _plain;
    private readonly Uri _plainUnaryUri;
    private readonly Uri _plainStreamUri;

    private LoopbackServers(WebApplication app, Uri address, BytesValue payload)
    {
        _app = app;
        Payload = payload;
        MessageSize = payload.CalculateSize();
        Grpc = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = CreateHandler() });
        _plain = new HttpMessageInvoker(CreateHandler(), disposeHandler: true);
        _plainUnaryUri = new Uri(address, PlainUnaryPath);
        _plainStreamUri = new Uri(address, PlainStreamPath);
    }

    public GrpcChannel Grpc { get; }

    public BytesValue Payload { get; }

    /// <summary>Serialized size of <see cref="Payload"/>: every message on the wire, both doors.</summary>
    public int MessageSize { get; }

    public static async Task<LoopbackServers> StartAsync(int payloadBytes)
    {
        var payload = new BytesValue { Value = ByteString.CopyFrom(Enumerable.Range(0, payloadBytes).Select(i => (byte)i).ToArray()) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning); // failures only
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0)));
        builder.Services.AddGrpcServer();
        var app = builder.Build();

        app.MapGrpcService(ServerServiceDefinition.CreateBuilder(Service)
            .AddUnary(Unary, (request, _) => Task.FromResult(request))
            .AddServerStreaming(ServerStream, async (request, responses, context) =>
            {
                for (var i = 0; i < request.Value; i++)
                {
                    await responses.WriteAsync(payload, context.CancellationToken).ConfigureAwait(false);
                }
            })
            .Build());
        app.MapPost(PlainUnaryPath, async context =>
        {
            var request = await ReadBodyAsync(context.Request.BodyReader, BytesValue.Parser, context.RequestAborted).ConfigureAwait(false);
            var response = context.Response;
            response.ContentType = "application/octet-stream";
            WriteMessage(response.BodyWriter, request); // sent when the delegate returns, like a gRPC unary response
        });
        app.MapPost(PlainStreamPath, async context =>
        {
            var request = await ReadBodyAsync(context.Request.BodyReader, Int32Value.Parser, context.RequestAborted).ConfigureAwait(false);
            var response = context.Response;
            response.ContentType = "application/octet-stream";
            for (var i = 0; i < request.Value; i++)
            {
                WriteMessage(response.BodyWriter, payload);
                await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        });

        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackServers(app, new Uri(address), payload);
    }

    /// <summary>The handler settings of <see cref="GrpcChannel"/>'s default, for both clients.</summary>
    private static SocketsHttpHandler CreateHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
    };

    public async Task<BytesValue> GrpcUnaryAsync(BytesValue request)
    {
        using var call = Grpc.UnaryCall(Unary, request);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    public async Task<int> GrpcStreamAsync(int count)
    {
        using var call = Grpc.ServerStreamingCall(ServerStream, new Int32Value { Value = count });
        var received = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            received += call.ResponseStream.Current.Value.Length > 0 ? 1 : 0;
        }
        return received;
    }

    public async Task<BytesValue> PlainUnaryAsync(BytesValue request)
    {
        using var message = NewPlainRequest(_plainUnaryUri, request);
        using var response = await _plain.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
        var reply = await ReadBodyAsync(reader, BytesValue.Parser, CancellationToken.None).ConfigureAwait(false);
        await reader.CompleteAsync().ConfigureAwait(false);
        return reply;
    }

    public async Task<int> PlainStreamAsync(int count)
    {
        using var message = NewPlainRequest(_plainStreamUri, new Int32Value { Value = count });
        using var response = await _plain.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
        var received = 0;
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            while (buffer.Length >= MessageSize)
            {
                var reply = BytesValue.Parser.ParseFrom(buffer.Slice(0, MessageSize));
                received += reply.Value.Length > 0 ? 1 : 0;
                buffer = buffer.Slice(MessageSize);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty) throw new InvalidOperationException($"The plain stream ended inside a message ({buffer.Length} bytes left).");
                break;
            }
        }
        await reader.CompleteAsync().ConfigureAwait(false);
        return received;
    }

    private static HttpRequestMessage NewPlainRequest(Uri uri, IMessage body) => new(HttpMethod.Post, uri)
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Content = new MessageContent(body),
    };

    /// <summary>Serializes a message straight into the response pipe (Kestrel wants GetSpan before Advance).</summary>
    private static void WriteMessage(System.IO.Pipelines.PipeWriter writer, IMessage message)
    {
        var size = message.CalculateSize();
        message.WriteTo(writer.GetSpan(size)[..size]);
        writer.Advance(size);
    }

    /// <summary>Reads a whole body and parses it as one message.</summary>
    private static async Task<T> ReadBodyAsync<T>(PipeReader reader, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                var message = parser.ParseFrom(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                return message;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Grpc.Dispose();
        _plain.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A request body of one serialized message, written straight into the request stream.</summary>
    private sealed class MessageContent : HttpContent
    {
        private readonly IMessage _message;

        public MessageContent(IMessage message)
        {
            _message = message;
            Headers.ContentType = OctetStream;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var size = _message.CalculateSize();
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            try
            {
                _message.WriteTo(buffer.AsSpan(0, size));
                await stream.WriteAsync(buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = -1; // like a gRPC request: streamed, no content-length
            return false;
        }
    }
}
