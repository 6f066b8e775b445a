import { validOrderRequest } from '@order-platform/domain/testing';
import { anHttpEvent } from '@order-platform/http/testing';
import type { Context } from 'aws-lambda';
import { shuffled } from '../stats';

// Runs in its own process (measure/peer.ts forks it): ours and the peer's createOrder and getOrder
// bundles, invoked in-process, each sampled request paired with the other build's. What the
// handlers write to stdout and stderr (CloudWatch Logs on Lambda) is counted and dropped.
// Results go back over IPC.

export interface PeerWarmResult {
  readonly functionName: 'createOrder' | 'getOrder';
  readonly ours: { readonly warmMs: number[]; readonly logBytesPerRequest: number };
  readonly peer: { readonly warmMs: number[]; readonly logBytesPerRequest: number };
}

const [bundlesArg, warmupArg, samplesArg] = process.argv.slice(2);
const bundles = JSON.parse(bundlesArg as string) as Record<'ours' | 'peer', Record<'createOrder' | 'getOrder', string>>;
const WARMUP = Number(warmupArg);
const SAMPLES = Number(samplesArg);

// Lambda sends both streams to CloudWatch Logs (Powertools Metrics warns on stderr).
let stdoutBytes = 0;
const reportError = process.stderr.write.bind(process.stderr);
const counted = ((chunk: string | Uint8Array) => {
  stdoutBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
  return true;
}) as typeof process.stdout.write;
process.stdout.write = counted;
process.stderr.write = counted;

type Handler = (event: unknown, context: Context) => Promise<{ statusCode: number; body?: string }>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- bundle paths known at run time
const load = (bundle: string) => (require(bundle) as { handler: Handler }).handler;

let invocation = 0;
const contextFor = (functionName: string): Context => {
  invocation += 1;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `bench-${invocation}`,
    getRemainingTimeInMillis: () => 10_000,
  } as unknown as Context;
};

const main = async () => {
  const body = validOrderRequest();
  const customerId = 'bench-peer-customer';
  const builds = {
    ours: { createOrder: load(bundles.ours.createOrder), getOrder: load(bundles.ours.getOrder) },
    peer: { createOrder: load(bundles.peer.createOrder), getOrder: load(bundles.peer.getOrder) },
  };
  const post = async (handler: Handler, idempotencyKey: string) => {
    const response = await handler(
      anHttpEvent({
        customerId,
        routeKey: 'POST /orders',
        rawPath: '/orders',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      }),
      contextFor('createOrder'),
    );
    if (response.statusCode !== 202) throw new Error(`POST /orders answered ${response.statusCode}: ${response.body}`);
    return JSON.parse(response.body ?? '{}') as { orderId: string };
  };
  const { orderId } = await post(builds.ours.createOrder, 'bench-peer-template');
  const get = async (handler: Handler) => {
    const response = await handler(
      anHttpEvent({ customerId, routeKey: 'GET /orders/{orderId}', pathParameters: { orderId } }),
      contextFor('getOrder'),
    );
    if (response.statusCode !== 200) throw new Error(`GET /orders/{orderId} answered ${response.statusCode}`);
  };
  const requestOf = {
    createOrder: (build: 'ours' | 'peer', i: number) => post(builds[build].createOrder, `bench-peer-${build}-${i}`),
    getOrder: (build: 'ours' | 'peer') => get(builds[build].getOrder),
  };

  const results: PeerWarmResult[] = [];
  for (const functionName of ['getOrder', 'createOrder'] as const) {
    const request = requestOf[functionName];
    for (let i = 0; i < WARMUP; i += 1) {
      await request('ours', i);
      await request('peer', i);
    }
    const figures = { ours: { warmMs: [] as number[], logBytes: 0 }, peer: { warmMs: [] as number[], logBytes: 0 } };
    for (let i = WARMUP; i < WARMUP + SAMPLES; i += 1) {
      for (const build of shuffled(['ours', 'peer'] as const)) {
        const bytesBefore = stdoutBytes;
        const started = performance.now();
        await request(build, i);
        figures[build].warmMs.push(performance.now() - started);
        figures[build].logBytes += stdoutBytes - bytesBefore;
      }
    }
    results.push({
      functionName,
      ours: { warmMs: figures.ours.warmMs, logBytesPerRequest: figures.ours.logBytes / SAMPLES },
      peer: { warmMs: figures.peer.warmMs, logBytesPerRequest: figures.peer.logBytes / SAMPLES },
    });
  }
  process.send?.(results);
};

main().catch((error: Error) => {
  reportError(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
