#!/usr/bin/env python3
"""gRPC interop client (grpcio) for SolverEngine.InteropServer.

Runs one case of doc/interop-test-descriptions.md (grpc/grpc) against a server on 127.0.0.1:
    python3 interop_client.py --port 50051 --case large_unary
Exits 0 when the case passes, 1 with a reason on stderr when it fails.

Message classes are generated at start-up with protoc --python_out from the server's
protos (Debian's python3-grpcio has no grpc_tools); calls go through channel.unary_unary etc.
"""
import argparse
import os
import queue
import subprocess
import sys
import tempfile

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "SolverEngine.InteropServer", "Protos"))


def load_messages():
    out = tempfile.mkdtemp(prefix="interop_pb2_")
    subprocess.run(["protoc", f"--proto_path={PROTO_DIR}", f"--python_out={out}",
                    "empty.proto", "messages.proto", "test.proto"], check=True)
    sys.path.insert(0, out)
    import empty_pb2
    import messages_pb2
    return empty_pb2, messages_pb2


empty_pb2, messages_pb2 = load_messages()
Empty = empty_pb2.Empty
m = messages_pb2


class Fail(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Fail(message)


class Stub:
    def __init__(self, channel):
        def unary(service, name, req, resp):
            return channel.unary_unary(f"/grpc.testing.{service}/{name}",
                                       request_serializer=req.SerializeToString, response_deserializer=resp.FromString)
        self.EmptyCall = unary("TestService", "EmptyCall", Empty, Empty)
        self.UnaryCall = unary("TestService", "UnaryCall", m.SimpleRequest, m.SimpleResponse)
        self.UnimplementedCall = unary("TestService", "UnimplementedCall", Empty, Empty)
        self.UnimplementedServiceCall = unary("UnimplementedService", "UnimplementedCall", Empty, Empty)
        self.StreamingOutputCall = channel.unary_stream(
            "/grpc.testing.TestService/StreamingOutputCall",
            request_serializer=m.StreamingOutputCallRequest.SerializeToString,
            response_deserializer=m.StreamingOutputCallResponse.FromString)
        self.StreamingInputCall = channel.stream_unary(
            "/grpc.testing.TestService/StreamingInputCall",
            request_serializer=m.StreamingInputCallRequest.SerializeToString,
            response_deserializer=m.StreamingInputCallResponse.FromString)
        self.FullDuplexCall = channel.stream_stream(
            "/grpc.testing.TestService/FullDuplexCall",
            request_serializer=m.StreamingOutputCallRequest.SerializeToString,
            response_deserializer=m.StreamingOutputCallResponse.FromString)


def payload(size):
    return m.Payload(type=m.COMPRESSABLE, body=b"\x00" * size)


def expect_rpc_error(fn, code, what):
    try:
        fn()
    except grpc.RpcError as e:
        check(e.code() == code, f"{what}: expected {code}, got {e.code()} ({e.details()!r})")
        return e
    raise Fail(f"{what}: expected {code}, but the call succeeded")


def empty_unary(stub):
    response = stub.EmptyCall(Empty())
    check(isinstance(response, Empty), "EmptyCall did not return Empty")


def large_unary(stub):
    response = stub.UnaryCall(m.SimpleRequest(response_type=m.COMPRESSABLE, response_size=314159, payload=payload(271828)))
    check(len(response.payload.body) == 314159, f"payload size {len(response.payload.body)} != 314159")
    check(response.payload.body == b"\x00" * 314159, "payload body is not all zeros")


def client_compressed_unary(stub):
    # Probe: claim compression but send uncompressed; the server must notice.
    probe = m.SimpleRequest(expect_compressed=m.BoolValue(value=True), response_size=314159, payload=payload(271828))
    expect_rpc_error(lambda: stub.UnaryCall(probe), grpc.StatusCode.INVALID_ARGUMENT, "uncompressed probe")
    for compressed in (True, False):
        request = m.SimpleRequest(expect_compressed=m.BoolValue(value=compressed), response_size=314159, payload=payload(271828))
        response = stub.UnaryCall(request, compression=grpc.Compression.Gzip if compressed else grpc.Compression.NoCompression)
        check(len(response.payload.body) == 314159, f"compressed={compressed}: payload size {len(response.payload.body)}")


def server_compressed_unary(stub):
    for compressed in (True, False):
        request = m.SimpleRequest(response_compressed=m.BoolValue(value=compressed), response_size=314159, payload=payload(271828))
        call_response, call = stub.UnaryCall.with_call(request)
        check(len(call_response.payload.body) == 314159, f"compressed={compressed}: payload size {len(call_response.payload.body)}")
        check(call_response.payload.body == b"\x00" * 314159, "payload body is not all zeros")


def client_streaming(stub):
    sizes = [27182, 8, 1828, 45904]
    response = stub.StreamingInputCall(iter([m.StreamingInputCallRequest(payload=payload(s)) for s in sizes]))
    check(response.aggregated_payload_size == 74922, f"aggregated size {response.aggregated_payload_size} != 74922")


def server_streaming(stub):
    sizes = [31415, 9, 2653, 58979]
    request = m.StreamingOutputCallRequest(response_type=m.COMPRESSABLE,
                                           response_parameters=[m.ResponseParameters(size=s) for s in sizes])
    got = [len(r.payload.body) for r in stub.StreamingOutputCall(request)]
    check(got == sizes, f"response sizes {got} != {sizes}")


class Requests:
    """A request iterator fed one message at a time (for ping-pong)."""
    _END = object()

    def __init__(self):
        self._q = queue.Queue()

    def send(self, request):
        self._q.put(request)

    def close(self):
        self._q.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._q.get()
        if item is self._END:
            raise StopIteration
        return item


def ping_pong(stub):
    pairs = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
    requests = Requests()
    responses = stub.FullDuplexCall(requests)
    for response_size, payload_size in pairs:
        requests.send(m.StreamingOutputCallRequest(response_type=m.COMPRESSABLE,
                                                   response_parameters=[m.ResponseParameters(size=response_size)],
                                                   payload=payload(payload_size)))
        response = next(responses)
        check(len(response.payload.body) == response_size, f"response size {len(response.payload.body)} != {response_size}")
    requests.close()
    rest = list(responses)
    check(rest == [], f"{len(rest)} unexpected extra response(s)")


def empty_stream(stub):
    responses = list(stub.FullDuplexCall(iter([])))
    check(responses == [], f"{len(responses)} response(s) to an empty stream")


def custom_metadata(stub):
    initial = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
    trailing = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
    metadata = (initial, trailing)

    def verify(call, what):
        got_initial = dict(call.initial_metadata()).get(initial[0])
        check(got_initial == initial[1], f"{what}: initial metadata {got_initial!r} != {initial[1]!r}")
        got_trailing = dict(call.trailing_metadata()).get(trailing[0])
        check(got_trailing == trailing[1], f"{what}: trailing metadata {got_trailing!r} != {trailing[1]!r}")

    response, call = stub.UnaryCall.with_call(
        m.SimpleRequest(response_size=314159, payload=payload(271828)), metadata=metadata)
    check(len(response.payload.body) == 314159, "UnaryCall payload size")
    verify(call, "UnaryCall")

    stream = stub.FullDuplexCall(iter([m.StreamingOutputCallRequest(
        response_parameters=[m.ResponseParameters(size=314159)], payload=payload(271828))]), metadata=metadata)
    sizes = [len(r.payload.body) for r in stream]
    check(sizes == [314159], f"FullDuplexCall response sizes {sizes}")
    verify(stream, "FullDuplexCall")


def _status_case(stub, message):
    status = m.EchoStatus(code=2, message=message)
    e = expect_rpc_error(lambda: stub.UnaryCall(m.SimpleRequest(response_status=status)), grpc.StatusCode.UNKNOWN, "UnaryCall")
    check(e.details() == message, f"UnaryCall message {e.details()!r} != {message!r}")
    return status


def status_code_and_message(stub):
    message = "test status message"
    status = _status_case(stub, message)

    def duplex():
        list(stub.FullDuplexCall(iter([m.StreamingOutputCallRequest(response_status=status)])))
    e = expect_rpc_error(duplex, grpc.StatusCode.UNKNOWN, "FullDuplexCall")
    check(e.details() == message, f"FullDuplexCall message {e.details()!r} != {message!r}")


def special_status_message(stub):
    _status_case(stub, "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n")


def unimplemented_method(stub):
    expect_rpc_error(lambda: stub.UnimplementedCall(Empty()), grpc.StatusCode.UNIMPLEMENTED, "UnimplementedCall")


def unimplemented_service(stub):
    expect_rpc_error(lambda: stub.UnimplementedServiceCall(Empty()), grpc.StatusCode.UNIMPLEMENTED, "UnimplementedService")


def cancel_after_begin(stub):
    requests = Requests()  # never sends anything
    future = stub.StreamingInputCall.future(requests)
    future.cancel()
    requests.close()
    check(future.cancelled(), "the call was not cancelled")
    try:
        future.result()
        raise Fail("result() returned after cancel")
    except grpc.FutureCancelledError:
        pass
    except grpc.RpcError as e:
        check(e.code() == grpc.StatusCode.CANCELLED, f"expected CANCELLED, got {e.code()}")


def cancel_after_first_response(stub):
    requests = Requests()
    responses = stub.FullDuplexCall(requests)
    requests.send(m.StreamingOutputCallRequest(response_type=m.COMPRESSABLE,
                                               response_parameters=[m.ResponseParameters(size=31415)],
                                               payload=payload(27182)))
    first = next(responses)
    check(len(first.payload.body) == 31415, "first response size")
    responses.cancel()
    requests.close()
    check(responses.code() == grpc.StatusCode.CANCELLED, f"expected CANCELLED, got {responses.code()}")


def timeout_on_sleeping_server(stub):
    requests = Requests()
    responses = stub.FullDuplexCall(requests, timeout=0.001)
    requests.send(m.StreamingOutputCallRequest(payload=payload(27182)))

    def drain():
        for _ in responses:
            pass
    try:
        expect_rpc_error(drain, grpc.StatusCode.DEADLINE_EXCEEDED, "FullDuplexCall with 1ms deadline")
    finally:
        requests.close()


CASES = {f.__name__: f for f in [
    empty_unary, large_unary, client_compressed_unary, server_compressed_unary, client_streaming,
    server_streaming, ping_pong, empty_stream, custom_metadata, status_code_and_message,
    special_status_message, unimplemented_method, unimplemented_service, cancel_after_begin,
    cancel_after_first_response, timeout_on_sleeping_server]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES) + ["all"])
    args = parser.parse_args()
    names = sorted(CASES) if args.case == "all" else [args.case]
    failed = 0
    with grpc.insecure_channel(f"{args.host}:{args.port}") as channel:
        grpc.channel_ready_future(channel).result(timeout=20)
        stub = Stub(channel)
        for name in names:
            try:
                CASES[name](stub)
                print(f"PASS {name}")
            except (Fail, grpc.RpcError) as e:
                failed += 1
                detail = f"{e.code()}: {e.details()}" if isinstance(e, grpc.RpcError) else str(e)
                print(f"FAIL {name}: {detail}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
