"""gRPC stubs for solverengine.v1.PlanningService, grpc.health.v1.Health and server reflection.

Written by hand on grpc's generic channel methods (channel.unary_unary / unary_stream /
stream_stream) with the protoc-generated message classes as serializers: exactly what a
grpc_tools-generated *_pb2_grpc.py stub does, without needing grpcio-tools (see generate.sh).
"""
from ._generated.grpc.health.v1 import health_pb2
from ._generated.grpc.reflection.v1 import reflection_pb2
from ._generated.solverengine.v1 import model_pb2, service_pb2

PLANNING_SERVICE = "solverengine.v1.PlanningService"


def _unary(channel, service, method, request, response):
    return channel.unary_unary(f"/{service}/{method}", request_serializer=request.SerializeToString,
                               response_deserializer=response.FromString)


def _server_stream(channel, service, method, request, response):
    return channel.unary_stream(f"/{service}/{method}", request_serializer=request.SerializeToString,
                                response_deserializer=response.FromString)


class PlanningServiceStub:
    """Callables per RPC, as a generated stub has them: stub.ValidateModel(model, timeout=5)."""

    def __init__(self, channel):
        s, m = PLANNING_SERVICE, service_pb2
        self.ValidateModel = _unary(channel, s, "ValidateModel", model_pb2.PlanningModel, m.ValidationReport)
        self.Solve = _server_stream(channel, s, "Solve", m.SolveRequest, m.SolveUpdate)
        self.SubmitJob = _unary(channel, s, "SubmitJob", m.SolveRequest, m.Job)
        self.GetJob = _unary(channel, s, "GetJob", m.GetJobRequest, m.Job)
        self.WatchJob = _server_stream(channel, s, "WatchJob", m.WatchJobRequest, m.SolveUpdate)
        self.CancelJob = _unary(channel, s, "CancelJob", m.CancelJobRequest, m.Job)
        self.ListJobs = _unary(channel, s, "ListJobs", m.ListJobsRequest, m.ListJobsResponse)
        self.GetPlanView = _unary(channel, s, "GetPlanView", m.PlanViewRequest, m.PlanView)


class HealthStub:
    """grpc.health.v1.Health: Check(HealthCheckRequest) and Watch (server stream)."""

    def __init__(self, channel):
        s = "grpc.health.v1.Health"
        self.Check = _unary(channel, s, "Check", health_pb2.HealthCheckRequest, health_pb2.HealthCheckResponse)
        self.Watch = _server_stream(channel, s, "Watch", health_pb2.HealthCheckRequest, health_pb2.HealthCheckResponse)


class ServerReflectionStub:
    """grpc.reflection.v1.ServerReflection.ServerReflectionInfo (bidirectional stream)."""

    def __init__(self, channel):
        self.ServerReflectionInfo = channel.stream_stream(
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)
