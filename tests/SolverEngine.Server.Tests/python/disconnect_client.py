#!/usr/bin/env python3
"""A client that goes away mid-stream (driven by ClientDisconnectTests).

    python3 disconnect_client.py --address HOST:PORT --model MODEL.json [--job]

Opens a Solve stream for the model (named "solve-call"); with --job also submits the same model
as a job (named "job") and watches it on the same connection. Once the first update of every
stream has arrived it prints READY (with the job id) and waits, holding the connection, until the
test kills the process: the kernel then drops the TCP connection, the way a crashed client or a
lost network does.
"""
import argparse
import sys
import threading

from solverengine_client import Client, load_model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--job", action="store_true")
    args = parser.parse_args()

    client = Client(args.address)
    model = load_model(args.model)
    solve_model = type(model)()
    solve_model.CopyFrom(model)
    solve_model.name = "solve-call"
    streams = [client.solve(solve_model, time_limit=600, threads=1)]
    job_id = ""
    if args.job:
        job_model = type(model)()
        job_model.CopyFrom(model)
        job_model.name = "job"
        job = client.submit_job(job_model, time_limit=600, name="job", threads=1, timeout=60)
        job_id = job.id
        streams.append(client.watch_job(job_id))
    for stream in streams:
        next(stream)  # the first update: the call is live on the server
    print(f"READY {job_id}", flush=True)
    threading.Event().wait()  # until killed


if __name__ == "__main__":
    sys.exit(main())
