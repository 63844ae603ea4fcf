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

    public static ServerServiceDefinition CreateV1(GrpcServiceRegistry registry)
    {
        var method = new Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse>(MethodType.DuplexStreaming,
            "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo", V1.ServerReflectionRequest.Parser, V1.ServerReflectionResponse.Parser);
        return ServerServiceDefinition.CreateBuilder(V1.ReflectionReflection.Descriptor.Services[0])
            .AddDuplexStreaming(method, async (requests, responses, context) =>
            {
                ReflectionIndex? index = null;
                while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
                {
                    index ??= new ReflectionIndex(registry.ServiceNames, registry.Files);
                    await responses.WriteAsync(AnswerV1(index, requests.Current), context.CancellationToken).ConfigureAwait(false);
                }
            })
            .Build();
    }

    public static ServerServiceDefinition CreateV1Alpha(GrpcServiceRegistry registry)
    {
        var method = new Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>(MethodType.DuplexStreaming,
            "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", V1Alpha.ServerReflectionRequest.Parser, V1Alpha.ServerReflectionResponse.Parser);
        return ServerServiceDefinition.CreateBuilder(V1Alpha.ReflectionReflection.Descriptor.Services[0])
            .AddDuplexStreaming(method, async (requests, responses, context) =>
            {
                ReflectionIndex? index = null;
                while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
                {
                    index ??= new ReflectionIndex(registry.ServiceNames, registry.Files);
                    // v1alpha has the same wire format as v1: answer through v1 and re-parse.
                    var v1Request = V1.ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
                    var v1Response = AnswerV1(index, v1Request);
                    await responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(v1Response.ToByteString()),
                        context.CancellationToken).ConfigureAwait(false);
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
