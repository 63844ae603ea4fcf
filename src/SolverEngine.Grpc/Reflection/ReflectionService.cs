using Google.Protobuf;
using SolverEngine.Grpc.Internal;
using V1 = SolverEngine.Grpc.Reflection.V1;
using V1Alpha = SolverEngine.Grpc.Reflection.V1alpha;

namespace SolverEngine.Grpc.Reflection;

/// <summary>grpc.reflection.v1 and v1alpha ServerReflection over the registry's services and files.</summary>
internal static class ReflectionService
{
    private const int NotFound = (int)StatusCode.NotFound;
    private const int Unimplemented = (int)StatusCode.Unimplemented;

    public static ServerServiceDefinition CreateV1(GrpcServiceRegistry registry) =>
        Create(registry, V1.ReflectionReflection.Descriptor.Services[0], V1.ServerReflectionRequest.Parser, V1.ServerReflectionResponse.Parser, AnswerV1);

    // v1alpha has the same wire format as v1: answer through v1 and re-parse.
    public static ServerServiceDefinition CreateV1Alpha(GrpcServiceRegistry registry) =>
        Create(registry, V1Alpha.ReflectionReflection.Descriptor.Services[0], V1Alpha.ServerReflectionRequest.Parser, V1Alpha.ServerReflectionResponse.Parser,
            (index, request) => V1Alpha.ServerReflectionResponse.Parser.ParseFrom(
                AnswerV1(index, V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString())).ToByteString()));

    /// <summary>The ServerReflectionInfo stream of one reflection version: an answer per request; the index is built on the first.</summary>
    private static ServerServiceDefinition Create<TRequest, TResponse>(GrpcServiceRegistry registry, Google.Protobuf.Reflection.ServiceDescriptor service,
        MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser, Func<ReflectionIndex, TRequest, TResponse> answer)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var method = new Method<TRequest, TResponse>(MethodType.DuplexStreaming, service.FullName, "ServerReflectionInfo", requestParser, responseParser);
        return ServerServiceDefinition.CreateBuilder(service)
            .AddDuplexStreaming(method, async (requests, responses, context) =>
            {
                ReflectionIndex? index = null;
                while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
                {
                    index ??= new ReflectionIndex(registry.ServiceNames, registry.Files);
                    await responses.WriteAsync(answer(index, requests.Current), context.CancellationToken).ConfigureAwait(false);
                }
            })
            .Build();
    }

    private static V1.ServerReflectionResponse AnswerV1(ReflectionIndex index, V1.ServerReflectionRequest request)
    {
        var response = new V1.ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case V1.ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new V1.ListServiceResponse();
                list.Service.AddRange(index.ServiceNames.Select(n => new V1.ServiceResponse { Name = n }));
                response.ListServicesResponse = list;
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFiles(response, index.FileByName(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFiles(response, index.FileContainingSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case V1.ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
            case V1.ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                // The registered proto3 files declare no extensions.
                response.ErrorResponse = new V1.ErrorResponse { ErrorCode = NotFound, ErrorMessage = "Extensions are not registered with this server." };
                break;
            default:
                response.ErrorResponse = new V1.ErrorResponse { ErrorCode = Unimplemented, ErrorMessage = "Empty or unknown reflection request." };
                break;
        }
        return response;
    }

    private static void SetFiles(V1.ServerReflectionResponse response, IReadOnlyList<Google.Protobuf.ByteString>? files, string notFound)
    {
        if (files is null)
        {
            response.ErrorResponse = new V1.ErrorResponse { ErrorCode = NotFound, ErrorMessage = notFound };
            return;
        }
        var fd = new V1.FileDescriptorResponse();
        fd.FileDescriptorProto.AddRange(files);
        response.FileDescriptorResponse = fd;
    }
}
