#!/usr/bin/env node
// gRPC interop client (@grpc/grpc-js + @grpc/proto-loader) for SolverEngine.InteropServer.
// Runs one case of doc/interop-test-descriptions.md (grpc/grpc) against a server on 127.0.0.1:
//   node interop_client.js --port 50051 --case large_unary
// Exits 0 when the case passes, 1 with a reason on stderr when it fails.
'use strict';

const path = require('path');
const assert = require('assert');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_DIR = path.resolve(__dirname, '..', '..', 'SolverEngine.InteropServer', 'Protos');
const definition = protoLoader.loadSync('test.proto', {
  includeDirs: [PROTO_DIR], keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true,
});
const testing = grpc.loadPackageDefinition(definition).grpc.testing;

const payload = (size) => ({ type: 'COMPRESSABLE', body: Buffer.alloc(size) });

function unary(client, method, request, options = {}) {
  return new Promise((resolve, reject) => {
    const call = client[method](request, options.metadata || new grpc.Metadata(), options.callOptions || {}, (err, response) => {
      if (err) reject(err); else resolve({ response, call });
    });
    call.on('metadata', (md) => { call.initialMetadata = md; });
    call.on('status', (status) => { call.finalStatus = status; });
  });
}

async function expectError(promise, code, what) {
  try {
    await promise;
  } catch (err) {
    assert.strictEqual(err.code, code, `${what}: expected ${grpc.status[code]}, got ${grpc.status[err.code]} (${err.details})`);
    return err;
  }
  throw new Error(`${what}: expected ${grpc.status[code]}, but the call succeeded`);
}

// Collects a server stream: resolves with the responses, rejects with the call's error.
function collect(call) {
  return new Promise((resolve, reject) => {
    const responses = [];
    call.on('data', (r) => responses.push(r));
    call.on('error', reject);
    call.on('end', () => resolve(responses));
  });
}

// Waits for the next response of a duplex stream.
function nextResponse(call) {
  return new Promise((resolve, reject) => {
    const onData = (r) => { cleanup(); resolve(r); };
    const onError = (e) => { cleanup(); reject(e); };
    const onEnd = () => { cleanup(); reject(new Error('stream ended before a response')); };
    const cleanup = () => { call.off('data', onData); call.off('error', onError); call.off('end', onEnd); };
    call.on('data', onData); call.on('error', onError); call.on('end', onEnd);
  });
}

const cases = {
  async empty_unary(c) {
    const { response } = await unary(c.test, 'EmptyCall', {});
    assert.deepStrictEqual(response, {});
  },

  async large_unary(c) {
    const { response } = await unary(c.test, 'UnaryCall', { response_type: 'COMPRESSABLE', response_size: 314159, payload: payload(271828) });
    assert.strictEqual(response.payload.body.length, 314159);
    assert.ok(response.payload.body.equals(Buffer.alloc(314159)), 'payload body is not all zeros');
  },

  async client_compressed_unary(c) {
    const probe = { expect_compressed: { value: true }, response_size: 314159, payload: payload(271828) };
    await expectError(unary(c.test, 'UnaryCall', probe), grpc.status.INVALID_ARGUMENT, 'uncompressed probe');
    const compressed = await unary(c.gzipTest, 'UnaryCall', { ...probe });
    assert.strictEqual(compressed.response.payload.body.length, 314159);
    const plain = await unary(c.test, 'UnaryCall', { ...probe, expect_compressed: { value: false } });
    assert.strictEqual(plain.response.payload.body.length, 314159);
  },

  async server_compressed_unary(c) {
    for (const value of [true, false]) {
      const { response } = await unary(c.test, 'UnaryCall', { response_compressed: { value }, response_size: 314159, payload: payload(271828) });
      assert.strictEqual(response.payload.body.length, 314159, `compressed=${value}`);
    }
  },

  async client_streaming(c) {
    const response = await new Promise((resolve, reject) => {
      const call = c.test.StreamingInputCall((err, r) => (err ? reject(err) : resolve(r)));
      for (const size of [27182, 8, 1828, 45904]) call.write({ payload: payload(size) });
      call.end();
    });
    assert.strictEqual(response.aggregated_payload_size, 74922);
  },

  async server_streaming(c) {
    const sizes = [31415, 9, 2653, 58979];
    const call = c.test.StreamingOutputCall({ response_type: 'COMPRESSABLE', response_parameters: sizes.map((size) => ({ size })) });
    const responses = await collect(call);
    assert.deepStrictEqual(responses.map((r) => r.payload.body.length), sizes);
  },

  async ping_pong(c) {
    const call = c.test.FullDuplexCall();
    const done = collect(call);
    for (const [responseSize, payloadSize] of [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]]) {
      const next = nextResponse(call);
      call.write({ response_type: 'COMPRESSABLE', response_parameters: [{ size: responseSize }], payload: payload(payloadSize) });
      const response = await next;
      assert.strictEqual(response.payload.body.length, responseSize);
    }
    call.end();
    await done;
  },

  async empty_stream(c) {
    const call = c.test.FullDuplexCall();
    const done = collect(call);
    call.end();
    assert.deepStrictEqual(await done, []);
  },

  async custom_metadata(c) {
    const metadata = () => {
      const md = new grpc.Metadata();
      md.set('x-grpc-test-echo-initial', 'test_initial_metadata_value');
      md.set('x-grpc-test-echo-trailing-bin', Buffer.from([0xab, 0xab, 0xab]));
      return md;
    };
    const verify = (initial, trailing, what) => {
      assert.deepStrictEqual(initial.get('x-grpc-test-echo-initial'), ['test_initial_metadata_value'], `${what}: initial metadata`);
      const bin = trailing.get('x-grpc-test-echo-trailing-bin');
      assert.ok(bin.length === 1 && Buffer.from([0xab, 0xab, 0xab]).equals(bin[0]), `${what}: trailing metadata ${bin}`);
    };
    const { response, call } = await unary(c.test, 'UnaryCall', { response_size: 314159, payload: payload(271828) }, { metadata: metadata() });
    assert.strictEqual(response.payload.body.length, 314159);
    await new Promise((resolve) => (call.finalStatus ? resolve() : call.on('status', resolve)));
    verify(call.initialMetadata, call.finalStatus.metadata, 'UnaryCall');

    const duplex = c.test.FullDuplexCall(metadata());
    let initial;
    duplex.on('metadata', (md) => { initial = md; });
    const status = new Promise((resolve) => duplex.on('status', resolve));
    const done = collect(duplex);
    duplex.write({ response_parameters: [{ size: 314159 }], payload: payload(271828) });
    duplex.end();
    const responses = await done;
    assert.deepStrictEqual(responses.map((r) => r.payload.body.length), [314159]);
    verify(initial, (await status).metadata, 'FullDuplexCall');
  },

  async status_code_and_message(c) {
    const message = 'test status message';
    const err = await expectError(unary(c.test, 'UnaryCall', { response_status: { code: 2, message } }), grpc.status.UNKNOWN, 'UnaryCall');
    assert.strictEqual(err.details, message);
    const call = c.test.FullDuplexCall();
    const done = collect(call);
    call.write({ response_status: { code: 2, message } });
    call.end();
    const err2 = await expectError(done, grpc.status.UNKNOWN, 'FullDuplexCall');
    assert.strictEqual(err2.details, message);
  },

  async special_status_message(c) {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n';
    const err = await expectError(unary(c.test, 'UnaryCall', { response_status: { code: 2, message } }), grpc.status.UNKNOWN, 'UnaryCall');
    assert.strictEqual(err.details, message);
  },

  async unimplemented_method(c) {
    await expectError(unary(c.test, 'UnimplementedCall', {}), grpc.status.UNIMPLEMENTED, 'UnimplementedCall');
  },

  async unimplemented_service(c) {
    await expectError(unary(c.unimplemented, 'UnimplementedCall', {}), grpc.status.UNIMPLEMENTED, 'UnimplementedService');
  },

  async cancel_after_begin(c) {
    const result = new Promise((resolve, reject) => {
      const call = c.test.StreamingInputCall((err, r) => (err ? reject(err) : resolve(r)));
      call.cancel();
    });
    await expectError(result, grpc.status.CANCELLED, 'StreamingInputCall');
  },

  async cancel_after_first_response(c) {
    const call = c.test.FullDuplexCall();
    const done = collect(call);
    const first = nextResponse(call);
    call.write({ response_type: 'COMPRESSABLE', response_parameters: [{ size: 31415 }], payload: payload(27182) });
    assert.strictEqual((await first).payload.body.length, 31415);
    call.cancel();
    await expectError(done, grpc.status.CANCELLED, 'FullDuplexCall');
  },

  async timeout_on_sleeping_server(c) {
    const call = c.test.FullDuplexCall({ deadline: Date.now() + 1 });
    const done = collect(call);
    call.write({ payload: payload(27182) });
    await expectError(done, grpc.status.DEADLINE_EXCEEDED, 'FullDuplexCall with 1ms deadline');
  },
};

async function main() {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const host = arg('--host', '127.0.0.1');
  const port = arg('--port');
  const which = arg('--case');
  if (!port || !which || (which !== 'all' && !cases[which])) {
    console.error(`usage: node interop_client.js --port N --case <${Object.keys(cases).join('|')}|all>`);
    return 2;
  }
  const address = `${host}:${port}`;
  const creds = grpc.credentials.createInsecure();
  const clients = {
    test: new testing.TestService(address, creds),
    gzipTest: new testing.TestService(address, creds, { 'grpc.default_compression_algorithm': 2 /* gzip */ }),
    unimplemented: new testing.UnimplementedService(address, creds),
  };
  let failed = 0;
  for (const name of which === 'all' ? Object.keys(cases) : [which]) {
    try {
      await cases[name](clients);
      console.log(`PASS ${name}`);
    } catch (err) {
      failed++;
      console.error(`FAIL ${name}: ${err.message}`);
    }
  }
  Object.values(clients).forEach((client) => client.close());
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
