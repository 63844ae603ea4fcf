#!/usr/bin/env bash
# Regenerates the message modules of solverengine_client from proto/ with protoc --python_out.
#
# Why not grpc_tools: Debian ships protoc (3.21) and python3-grpcio but not grpcio-tools, and
# protoc alone has no gRPC Python plugin. So protoc makes the *_pb2.py message modules and the
# service stubs are written by hand in solverengine_client/stubs.py on grpc's generic
# channel.unary_unary / unary_stream / stream_stream with the pb2 serializers (which is all
# that generated *_pb2_grpc.py stubs do). With grpcio-tools installed you could instead run
# python -m grpc_tools.protoc ... --grpc_python_out=...; the modules are interchangeable.
#
# The generated modules import each other absolutely ("from solverengine.v1 import model_pb2");
# they are rewritten to relative imports so that the package needs nothing on sys.path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/solverengine_client/_generated"
rm -rf "$out"
mkdir -p "$out"
protoc --proto_path="$root/proto" --python_out="$out" \
  solverengine/v1/model.proto solverengine/v1/plan.proto solverengine/v1/service.proto \
  grpc/health/v1/health.proto grpc/reflection/v1/reflection.proto grpc/reflection/v1alpha/reflection.proto
find "$out" -type d -exec touch {}/__init__.py \;
sed -i -E 's/^from solverengine\.v1 import /from . import /' "$out"/solverengine/v1/*_pb2.py
echo "generated into $out (protoc $(protoc --version | cut -d' ' -f2))"
