import type { BenchmarkSection } from './report';
import { ms, percentile, ratio } from './stats';

// Warm overhead per request: the deployed GET /orders/{orderId} and POST /orders bundles invoked
// in-process (a worker process) against a local DynamoDB, each request interleaved with its floor,
// the same DynamoDB requests sent straight through the SDK. StartExecution goes to a local
// endpoint that answers at once, for the handler and its floor alike. measure/warm-overhead.ts
// measures; this module holds the goal, the figures' shape and the verdict.

export const WARMUP_REQUESTS = 300;
export const SAMPLED_REQUESTS = 2_000;
export const MAX_WARM_RATIO = 1.3;

export interface WarmRequest {
  readonly route: string;
  /** Handler and floor latencies (ms), one sample per request, taken in interleaved order. */
  readonly handlerMs: number[];
  readonly floorMs: number[];
  /** The DynamoDB operations one request of each made, as DynamoDB received them. */
  readonly handlerCalls: string[];
  readonly floorCalls: string[];
}

export type WorkerMessage = { type: 'calls-since-mark' } | { type: 'done'; requests: WarmRequest[] };

export const warmOverheadSection = (requests: readonly WarmRequest[]): BenchmarkSection => {
  const rows = requests.map((request) => {
    const figures = [50, 99].map((p) => {
      const handler = percentile(request.handlerMs, p);
      const floor = percentile(request.floorMs, p);
      return { p, handler, floor, ratio: handler / floor };
    });
    const sameCalls = request.handlerCalls.join() === request.floorCalls.join();
    const met = sameCalls && figures.every((figure) => figure.ratio <= MAX_WARM_RATIO);
    return {
      met,
      line: `| \`${request.route}\` | ${figures.map((f) => `${ms(f.handler, 2)} / ${ms(f.floor, 2)} = ${ratio(f.ratio)}`).join(' | ')} | ${request.handlerCalls.join(' → ')}${sameCalls ? '' : ` (floor: ${request.floorCalls.join(' → ')})`} | ${met ? 'met' : '**missed**'} |`,
    };
  });
  return {
    goal: `warm \`GET /orders/{orderId}\` and \`POST /orders\` ≤ ${MAX_WARM_RATIO}× the raw DynamoDB calls, p50 and p99`,
    met: rows.every((row) => row.met),
    markdown: `## Warm overhead per request

The deployed \`getOrder\` and \`createOrder\` bundles, invoked in-process (a worker process whose
stdout, where they log a JSON line per request, goes nowhere) against dynalite, after
${WARMUP_REQUESTS} warm-up requests each. Every sampled request is paired with its floor, in a random order
within the pair: the same DynamoDB requests sent straight through the SDK's document client
(and, for \`POST /orders\`, the same StartExecution; a local endpoint answers it at once for both).
${SAMPLED_REQUESTS.toLocaleString('en')} pairs per route. The DynamoDB operations column is what DynamoDB
received for one request of each side. Goal: at most ${MAX_WARM_RATIO}× the floor at p50 and at p99.

| route | p50: handler / floor | p99: handler / floor | DynamoDB operations per request (handler and floor) | goal |
| --- | --- | --- | --- | --- |
${rows.map((row) => row.line).join('\n')}
`,
  };
};
