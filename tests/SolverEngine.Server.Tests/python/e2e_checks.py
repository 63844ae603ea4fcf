#!/usr/bin/env python3
"""End-to-end checks of a running SolverEngine server through Python grpcio.

    python3 e2e_checks.py --address 127.0.0.1:50051 --models DIR CHECK [CHECK...]

Uses the solverengine_client package (clients/python on PYTHONPATH). Prints one line per
check; exits 0 when all pass, 1 otherwise (the reason on stderr). Driven by the xunit tests
in EndToEnd/, which start `solverengine serve` and pass its address.
"""
import argparse
import os
import sys

import grpc
from google.protobuf import descriptor_pb2

from solverengine_client import PLANNING_SERVICE, Client, field_violations, load_model, model_pb2, service_pb2
from solverengine_client._generated.grpc.reflection.v1 import reflection_pb2
from solverengine_client.stubs import ServerReflectionStub

TIMEOUT = 30
# The four mistakes in Models/broken.json, by field path.
BROKEN_PATHS = {"products[1].id", "lines[0].site_id", "recipes[0].rate", "orders[0].product_id"}


class Fail(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Fail(message)


def expect_error(call, *codes):
    try:
        result = call()
        if hasattr(result, "__iter__") and not isinstance(result, (str, bytes)):
            list(result)
    except grpc.RpcError as e:
        check(e.code() in codes, f"expected {[c.name for c in codes]}, got {e.code().name}: {e.details()}")
        return e
    raise Fail(f"expected {[c.name for c in codes]}, but the call succeeded")


class Checks:
    def __init__(self, address, models):
        self.client = Client(address)
        self.channel = self.client.channel
        self.models = models

    def model(self, name):
        return load_model(os.path.join(self.models, name))

    def health(self):
        check(self.client.check_health("", timeout=TIMEOUT) == "SERVING", "server health is not SERVING")
        status = self.client.check_health(PLANNING_SERVICE, timeout=TIMEOUT)
        check(status == "SERVING", f"{PLANNING_SERVICE} health is {status}")
        expect_error(lambda: self.client.check_health("no.such.Service", timeout=TIMEOUT), grpc.StatusCode.NOT_FOUND)

    def reflection(self):
        services = self.client.list_services(timeout=TIMEOUT)
        for name in (PLANNING_SERVICE, "grpc.health.v1.Health"):
            check(name in services, f"reflection lists {services}, not {name}")
        # The service's file comes with its imports, so a generic tool can build every message.
        stub = ServerReflectionStub(self.channel)
        request = reflection_pb2.ServerReflectionRequest(file_containing_symbol=PLANNING_SERVICE)
        response = next(iter(stub.ServerReflectionInfo(iter([request]), timeout=TIMEOUT)))
        check(response.WhichOneof("message_response") == "file_descriptor_response",
              f"file_containing_symbol answered {response}")
        files = {}
        for raw in response.file_descriptor_response.file_descriptor_proto:
            fd = descriptor_pb2.FileDescriptorProto.FromString(raw)
            files[fd.name] = fd
        check("solverengine/v1/service.proto" in files, f"files: {sorted(files)}")
        check("solverengine/v1/model.proto" in files, f"imports missing: {sorted(files)}")
        methods = {m.name for s in files["solverengine/v1/service.proto"].service for m in s.method}
        expected = {"ValidateModel", "Solve", "SubmitJob", "GetJob", "WatchJob", "CancelJob", "ListJobs", "GetPlanView"}
        check(methods == expected, f"methods {sorted(methods)}")

    def validate_broken(self):
        report = self.client.validate(self.model("broken.json"), timeout=TIMEOUT)
        check(not report.valid, "a model with four mistakes is reported valid")
        errors = [i for i in report.issues if i.severity == service_pb2.ValidationIssue.ERROR]
        paths = {i.path for i in errors}
        check(BROKEN_PATHS <= paths, f"missing paths {sorted(BROKEN_PATHS - paths)} in {sorted(paths)}")
        for issue in errors:
            check(issue.message and issue.code, f"issue without message or code: {issue}")
        rate = next(i for i in errors if i.path == "recipes[0].rate")
        check("-5" in rate.message, f"the rate issue does not show the value: {rate.message}")

    def validate_valid(self):
        report = self.client.validate(self.model("small.json"), timeout=TIMEOUT)
        errors = [f"{i.path}: {i.message}" for i in report.issues if i.severity == service_pb2.ValidationIssue.ERROR]
        check(report.valid, f"small.json reported invalid: {errors}")
        check(report.summary.recipes == 2 and report.summary.buckets == 7, f"summary {report.summary}")

    def solve_broken(self):
        error = expect_error(lambda: self.client.solve(self.model("broken.json"), time_limit=5, timeout=TIMEOUT),
                             grpc.StatusCode.INVALID_ARGUMENT)
        for path in BROKEN_PATHS:
            check("model." + path in error.details(), f"'{path}' not in the message: {error.details()}")
        fields = {f for f, _ in field_violations(error)}
        check(fields == {"model." + p for p in BROKEN_PATHS}, f"BadRequest detail lists {sorted(fields)}")

    def submit_broken(self):
        error = expect_error(lambda: self.client.submit_job(self.model("broken.json"), timeout=TIMEOUT),
                             grpc.StatusCode.INVALID_ARGUMENT)
        check(len(field_violations(error)) == len(BROKEN_PATHS), f"violations: {field_violations(error)}")

    def unknown_method(self):
        for path in (f"/{PLANNING_SERVICE}/NoSuchMethod", "/no.such.Service/Call"):
            call = self.channel.unary_unary(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)
            expect_error(lambda: call(b"", timeout=TIMEOUT), grpc.StatusCode.UNIMPLEMENTED)

    def garbage_request(self):
        raw = self.channel.unary_unary(f"/{PLANNING_SERVICE}/ValidateModel",
                                       request_serializer=lambda b: b, response_deserializer=lambda b: b)
        # Field 1 (name), length-delimited, claiming far more bytes than follow: unparseable.
        garbage = b"\x0a\xff\xff\xff\x0f" + bytes(range(7, 200, 3))
        expect_error(lambda: raw(garbage, timeout=TIMEOUT), grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.INTERNAL)
        # The server keeps serving.
        self.validate_valid()

    def oversize_request(self):
        # The test starts the server with SOLVERENGINE_MAXRECEIVEMESSAGESIZE=1048576.
        model = self.model("small.json")
        model.name = "x" * (2 * 1024 * 1024)
        expect_error(lambda: self.client.validate(model, timeout=TIMEOUT), grpc.StatusCode.RESOURCE_EXHAUSTED)
        self.validate_valid()

    def unknown_job(self):
        for call in (lambda: self.client.get_job("job-unknown", timeout=TIMEOUT),
                     lambda: self.client.watch_job("job-unknown", timeout=TIMEOUT),
                     lambda: self.client.cancel_job("job-unknown", timeout=TIMEOUT),
                     lambda: self.client.get_plan_view("job-unknown", model_pb2.WEEK, timeout=TIMEOUT)):
            error = expect_error(call, grpc.StatusCode.NOT_FOUND)
            check("job-unknown" in error.details(), f"message does not name the id: {error.details()}")
        expect_error(lambda: self.client.get_job("", timeout=TIMEOUT), grpc.StatusCode.INVALID_ARGUMENT)

    def list_jobs_bad_token(self):
        expect_error(lambda: self.client.list_jobs(page_token="not-a-token", timeout=TIMEOUT), grpc.StatusCode.INVALID_ARGUMENT)
        expect_error(lambda: self.client.list_jobs(page_size=-1, timeout=TIMEOUT), grpc.StatusCode.INVALID_ARGUMENT)

    def bad_options(self):
        for options in ({"profile": "nope"}, {"threads": -2}, {"parameters": {"no.such.key": "1"}}):
            error = expect_error(lambda: self.client.solve(self.model("small.json"), timeout=TIMEOUT, **options),
                                 grpc.StatusCode.INVALID_ARGUMENT)
            check("options." in error.details(), f"the message does not name the option: {error.details()}")

    def solve_small(self):
        updates = list(self.client.solve(self.model("small.json"), time_limit=20, timeout=120))
        check(updates, "no updates")
        last = updates[-1]
        check(last.WhichOneof("update") == "result", f"the last update is {last.WhichOneof('update')}")
        check(all(u.WhichOneof("update") != "result" for u in updates[:-1]), "a result before the end")
        check(last.job_id and all(u.job_id == last.job_id for u in updates), "job ids differ")
        status = service_pb2.SolveStatus.Name(last.result.status)
        check(status in ("OPTIMAL", "FEASIBLE", "TIME_LIMIT"), f"status {status}: {last.result.message}")
        check(len(last.result.plan.runs) > 0, "the plan has no runs")

    def job_lifecycle(self):
        job = self.client.submit_job(self.model("small.json"), time_limit=20, name="e2e job", timeout=TIMEOUT)
        check(job.id and job.name == "e2e job", f"submitted {job}")
        check(service_pb2.Job.Status.Name(job.status) in ("QUEUED", "RUNNING"), f"status {job.status}")
        updates = list(self.client.watch_job(job.id, timeout=120))
        check(updates and updates[-1].WhichOneof("update") == "result", "WatchJob did not end with the result")
        done = self.client.get_job(job.id, timeout=TIMEOUT)
        check(service_pb2.Job.Status.Name(done.status) == "COMPLETED", f"job ended {done.status}: {done.result.message}")
        check(done.result == updates[-1].result, "GetJob's result differs from the streamed one")
        check(done.HasField("started") and done.HasField("finished"), "timestamps missing")
        # A finished job streams just its result; cancelling it changes nothing.
        again = list(self.client.watch_job(job.id, timeout=TIMEOUT))
        check(len(again) == 1 and again[0].WhichOneof("update") == "result", f"re-watch gave {len(again)} updates")
        cancelled = self.client.cancel_job(job.id, timeout=TIMEOUT)
        check(cancelled.status == done.status and cancelled.result == done.result, "CancelJob changed a finished job")
        view = self.client.get_plan_view(job.id, model_pb2.WEEK, timeout=TIMEOUT)
        line_rows = [r for r in view.rows if r.line_id]
        total = sum(r.quantity for r in done.result.plan.runs)
        check(line_rows and abs(sum(r.production for r in line_rows) - total) < 1e-6 * max(1, total),
              f"the WEEK view sums {sum(r.production for r in line_rows)}, the runs {total}")
        listed = self.client.list_jobs(timeout=TIMEOUT)
        check(listed.jobs and listed.jobs[0].id == job.id, "the newest job is not listed first")
        check(not listed.jobs[0].HasField("result"), "ListJobs carries results")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("checks", nargs="+")
    args = parser.parse_args()
    checks = Checks(args.address, args.models)
    failed = 0
    for name in args.checks:
        try:
            getattr(checks, name)()
            print(f"PASS {name}")
        except Fail as e:
            failed += 1
            print(f"FAIL {name}: {e}", file=sys.stderr)
        except grpc.RpcError as e:
            failed += 1
            print(f"FAIL {name}: unexpected {e.code().name}: {e.details()}", file=sys.stderr)
    checks.client.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
