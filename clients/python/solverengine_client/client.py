"""A thin, friendly layer over the PlanningService stub."""
import datetime

import grpc
from google.protobuf import duration_pb2, json_format

from ._generated.grpc.health.v1 import health_pb2
from ._generated.grpc.reflection.v1 import reflection_pb2
from ._generated.solverengine.v1 import model_pb2, service_pb2
from .stubs import PLANNING_SERVICE, HealthStub, PlanningServiceStub, ServerReflectionStub

STATUS_DETAILS_KEY = "grpc-status-details-bin"


def load_model(path):
    """Reads a model file: canonical proto3 JSON (*.json) or binary protobuf (anything else)."""
    if str(path).endswith(".json"):
        with open(path, "r", encoding="utf-8") as f:
            return json_format.Parse(f.read(), model_pb2.PlanningModel())
    with open(path, "rb") as f:
        return model_pb2.PlanningModel.FromString(f.read())


def _duration(value):
    if value is None:
        return None
    if isinstance(value, duration_pb2.Duration):
        return value
    d = duration_pb2.Duration()
    if isinstance(value, datetime.timedelta):
        d.FromTimedelta(value)
    else:
        d.FromNanoseconds(int(round(float(value) * 1e9)))
    return d


def field_violations(error):
    """The (field, description) pairs of a failed call's google.rpc.BadRequest detail, or []."""
    trailers = error.trailing_metadata() or ()
    raw = next((value for key, value in trailers if key == STATUS_DETAILS_KEY), None)
    if raw is None:
        return []
    return _parse_bad_request(raw)


def _read_varint(data, i):
    shift = result = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, i
        shift += 7


def _fields(data):
    """(field number, wire type, value) of a protobuf message; enough for google.rpc.Status."""
    i = 0
    while i < len(data):
        tag, i = _read_varint(data, i)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, i = _read_varint(data, i)
        elif wire == 2:
            length, i = _read_varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield number, wire, value


def _parse_bad_request(status_bytes):
    # google.rpc.Status{details=3: Any{type_url=1, value=2}} -> BadRequest{field_violations=1: {field=1, description=2}}
    violations = []
    for number, _, any_bytes in _fields(status_bytes):
        if number != 3:
            continue
        parts = {n: v for n, _, v in _fields(any_bytes)}
        if parts.get(1, b"").decode() != "type.googleapis.com/google.rpc.BadRequest":
            continue
        for n, _, fv in _fields(parts.get(2, b"")):
            if n == 1:
                f = {k: v for k, _, v in _fields(fv)}
                violations.append((f.get(1, b"").decode(), f.get(2, b"").decode()))
    return violations


class Client:
    """A connection to a SolverEngine server.

        with Client("127.0.0.1:50051") as c:
            report = c.validate(load_model("model.json"))
            for update in c.solve(model, time_limit=30):
                ...

    Every call takes timeout= (seconds, the gRPC deadline); failures raise grpc.RpcError.
    """

    def __init__(self, address, credentials=None, options=None):
        if "://" in address:
            address = address.split("://", 1)[1].rstrip("/")
        opts = [("grpc.max_receive_message_length", 256 * 1024 * 1024)] + list(options or [])
        self.channel = (grpc.secure_channel(address, credentials, options=opts) if credentials
                        else grpc.insecure_channel(address, options=opts))
        self.stub = PlanningServiceStub(self.channel)
        self.health = HealthStub(self.channel)

    def close(self):
        self.channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- PlanningService -------------------------------------------------------------------
    def validate(self, model, timeout=None):
        """ValidationReport: valid, and every issue with its field path."""
        return self.stub.ValidateModel(model, timeout=timeout)

    @staticmethod
    def request(model, time_limit=None, name="", **options):
        """A SolveRequest; options are SolveOptions fields (relative_gap=, threads=, seed=...)."""
        opts = service_pb2.SolveOptions(**options)
        if time_limit is not None:
            opts.time_limit.CopyFrom(_duration(time_limit))
        return service_pb2.SolveRequest(model=model, options=opts, name=name)

    def solve(self, model, time_limit=None, timeout=None, **options):
        """Yields SolveUpdates (progress, incumbents, then the result). Cancelling the iterator stops the solve."""
        return self.stub.Solve(self.request(model, time_limit, **options), timeout=timeout)

    def submit_job(self, model, time_limit=None, name="", timeout=None, **options):
        return self.stub.SubmitJob(self.request(model, time_limit, name, **options), timeout=timeout)

    def get_job(self, job_id, timeout=None):
        return self.stub.GetJob(service_pb2.GetJobRequest(job_id=job_id), timeout=timeout)

    def watch_job(self, job_id, timeout=None):
        return self.stub.WatchJob(service_pb2.WatchJobRequest(job_id=job_id), timeout=timeout)

    def cancel_job(self, job_id, timeout=None):
        return self.stub.CancelJob(service_pb2.CancelJobRequest(job_id=job_id), timeout=timeout)

    def list_jobs(self, page_size=0, page_token="", timeout=None):
        return self.stub.ListJobs(service_pb2.ListJobsRequest(page_size=page_size, page_token=page_token), timeout=timeout)

    def get_plan_view(self, job_id, granularity, site_id="", line_id="", timeout=None):
        request = service_pb2.PlanViewRequest(job_id=job_id, granularity=granularity, site_id=site_id, line_id=line_id)
        return self.stub.GetPlanView(request, timeout=timeout)

    # --- health and reflection -------------------------------------------------------------
    def check_health(self, service="", timeout=None):
        """The serving status name, e.g. "SERVING" ("" = the whole server)."""
        response = self.health.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)

    def list_services(self, timeout=None):
        """Service names the server lists through grpc.reflection.v1."""
        stub = ServerReflectionStub(self.channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        responses = stub.ServerReflectionInfo(iter([request]), timeout=timeout)
        return [s.name for r in responses for s in r.list_services_response.service]


__all__ = ["Client", "load_model", "field_violations", "PLANNING_SERVICE"]
