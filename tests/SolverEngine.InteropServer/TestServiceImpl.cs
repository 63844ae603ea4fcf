using Google.Protobuf;
using Grpc.Testing;
using SolverEngine.Grpc;

namespace SolverEngine.InteropServer;

/// <summary>
/// grpc.testing.TestService as the interop test descriptions (doc/interop-test-descriptions.md
/// of grpc/grpc) require of a server. UnimplementedCall is deliberately not mapped.
/// </summary>
public static class TestServiceImpl
{
    private const string Service = "grpc.testing.TestService";
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public static readonly Method<Empty, Empty> EmptyCall = new(MethodType.Unary, Service, "EmptyCall", Empty.Parser, Empty.Parser);
    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = new(MethodType.Unary, Service, "UnaryCall", SimpleRequest.Parser, SimpleResponse.Parser);
    public static readonly Method<SimpleRequest, SimpleResponse> CacheableUnaryCall = new(MethodType.Unary, Service, "CacheableUnaryCall", SimpleRequest.Parser, SimpleResponse.Parser);
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall =
        new(MethodType.ServerStreaming, Service, "StreamingOutputCall", StreamingOutputCallRequest.Parser, StreamingOutputCallResponse.Parser);
    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall =
        new(MethodType.ClientStreaming, Service, "StreamingInputCall", StreamingInputCallRequest.Parser, StreamingInputCallResponse.Parser);
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall =
        new(MethodType.DuplexStreaming, Service, "FullDuplexCall", StreamingOutputCallRequest.Parser, StreamingOutputCallResponse.Parser);
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> HalfDuplexCall =
        new(MethodType.DuplexStreaming, Service, "HalfDuplexCall", StreamingOutputCallRequest.Parser, StreamingOutputCallResponse.Parser);

    public static ServerServiceDefinition Create() =>
        ServerServiceDefinition.CreateBuilder(TestReflection.Descriptor.Services[0])
            .AddUnary(EmptyCall, async (request, context) =>
            {
                await EchoMetadataAsync(context);
                return new Empty();
            })
            .AddUnary(UnaryCall, Unary)
            .AddUnary(CacheableUnaryCall, Unary)
            .AddServerStreaming(StreamingOutputCall, async (request, responses, context) =>
            {
                await EchoMetadataAsync(context);
                foreach (var parameters in request.ResponseParameters)
                {
                    await WriteResponseAsync(responses, parameters, context);
                }
                ThrowIfStatusRequested(request.ResponseStatus);
            })
            .AddClientStreaming(StreamingInputCall, async (requests, context) =>
            {
                await EchoMetadataAsync(context);
                var total = 0;
                while (await requests.MoveNext(context.CancellationToken))
                {
                    EnsureCompression(requests.Current.ExpectCompressed, context);
                    total += requests.Current.Payload?.Body.Length ?? 0;
                }
                return new StreamingInputCallResponse { AggregatedPayloadSize = total };
            })
            .AddDuplexStreaming(FullDuplexCall, async (requests, responses, context) =>
            {
                await EchoMetadataAsync(context);
                while (await requests.MoveNext(context.CancellationToken))
                {
                    var request = requests.Current;
                    ThrowIfStatusRequested(request.ResponseStatus);
                    foreach (var parameters in request.ResponseParameters)
                    {
                        await WriteResponseAsync(responses, parameters, context);
                    }
                }
            })
            .AddDuplexStreaming(HalfDuplexCall, async (requests, responses, context) =>
            {
                await EchoMetadataAsync(context);
                var all = new List<StreamingOutputCallRequest>();
                while (await requests.MoveNext(context.CancellationToken)) all.Add(requests.Current);
                foreach (var request in all)
                {
                    ThrowIfStatusRequested(request.ResponseStatus);
                    foreach (var parameters in request.ResponseParameters)
                    {
                        await WriteResponseAsync(responses, parameters, context);
                    }
                }
            })
            .Build();

    private static async Task<SimpleResponse> Unary(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        EnsureCompression(request.ExpectCompressed, context);
        ThrowIfStatusRequested(request.ResponseStatus);

        if (request.ResponseCompressed is { } compressed)
        {
            context.ResponseCompressionAlgorithm = compressed.Value ? "gzip" : null;
        }
        var response = new SimpleResponse();
        if (request.ResponseSize > 0)
        {
            response.Payload = CreatePayload(request.ResponseSize);
        }
        if (request.FillUsername)
        {
            response.Username = ""; // no authentication on this plaintext server
        }
        return response;
    }

    private static async Task WriteResponseAsync(IServerStreamWriter<StreamingOutputCallResponse> responses,
        ResponseParameters parameters, ServerCallContext context)
    {
        if (parameters.IntervalUs > 0)
        {
            await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
        }
        responses.WriteOptions = parameters.Compressed is { Value: true } ? null : new WriteOptions(WriteFlags.NoCompress);
        if (parameters.Compressed is { Value: true } && context.ResponseCompressionAlgorithm is null && !context.HttpContext.Response.HasStarted)
        {
            context.ResponseCompressionAlgorithm = "gzip";
        }
        await responses.WriteAsync(new StreamingOutputCallResponse { Payload = CreatePayload(parameters.Size) }, context.CancellationToken);
    }

    private static Payload CreatePayload(int size) =>
        new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    // expect_compressed: the client says whether this message was sent compressed; check it.
    private static void EnsureCompression(BoolValue? expectCompressed, ServerCallContext context)
    {
        if (expectCompressed is null) return;
        if (expectCompressed.Value != context.LastRequestMessageCompressed)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                expectCompressed.Value ? "Expected a compressed request message, got an uncompressed one."
                                       : "Expected an uncompressed request message, got a compressed one."));
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var initial = context.RequestHeaders.GetValue(EchoInitialKey);
        if (initial is not null)
        {
            await context.WriteResponseHeadersAsync(new Metadata().Add(EchoInitialKey, initial));
        }
        var trailing = context.RequestHeaders.GetValueBytes(EchoTrailingKey);
        if (trailing is not null)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }
    }
}
