import type { BenchmarkSection } from './report';
import { kb, median, ms, percentile, ratio } from './stats';

// The peer build: createOrder and getOrder as most Lambda projects build them (peer/*.ts:
// Powertools Logger, Tracer and Metrics, middy's JSON body parser and error handler, classic zod,
// the AWS SDK left to the runtime's node_modules), against ours, in the same run. measure/peer.ts
// measures; this module holds the goal and the verdict.

/** Ours at most this fraction of the peer's cold import. */
export const MAX_IMPORT_FRACTION_OF_PEER = 0.6;
export const PEER_IMPORT_RUNS = 25;
export const PEER_WARMUP_REQUESTS = 200;
export const PEER_SAMPLED_REQUESTS = 1_000;

export interface BuildFigures {
  readonly bytes: number;
  readonly importMs: readonly number[];
  /** Warm handler durations, ms, one per sampled request. */
  readonly warmMs: readonly number[];
  /** Bytes the handler wrote to stdout (CloudWatch Logs on Lambda), per warm request. */
  readonly logBytesPerRequest: number;
}

export interface PeerComparison {
  readonly functionName: 'createOrder' | 'getOrder';
  readonly route: string;
  readonly ours: BuildFigures;
  readonly peer: BuildFigures;
}

export interface PeerRun {
  readonly comparisons: readonly PeerComparison[];
  /** The machine's 1-minute load average before and after, as os.loadavg() gave it. */
  readonly load: readonly [number, number];
}

/** Billed Lambda milliseconds per invocation: each duration rounded up to the next ms, averaged. */
export const meanBilledMs = (durations: readonly number[]) =>
  durations.reduce((sum, duration) => sum + Math.ceil(duration), 0) / Math.max(durations.length, 1);

const importFraction = (comparison: PeerComparison) =>
  median(comparison.ours.importMs) / median(comparison.peer.importMs);

export const peerSection = ({ comparisons, load }: PeerRun): BenchmarkSection => {
  const rows = comparisons.flatMap(({ functionName, route, ours, peer }) => {
    const line = (build: string, figures: BuildFigures) =>
      `| ${functionName} | ${build} | ${kb(figures.bytes)} | ${ms(median(figures.importMs))} | ${ms(percentile(figures.warmMs, 50), 2)} | ${ms(percentile(figures.warmMs, 99), 2)} | ${figures.logBytesPerRequest.toFixed(0)} B |`;
    return [
      line('ours', ours),
      line('peer', peer),
      `| ${route} | ours / peer | ${ratio(ours.bytes / peer.bytes)} | **${ratio(median(ours.importMs) / median(peer.importMs))}** | ${ratio(percentile(ours.warmMs, 50) / percentile(peer.warmMs, 50))} | ${ratio(percentile(ours.warmMs, 99) / percentile(peer.warmMs, 99))} | |`,
    ];
  });
  const missed = comparisons.filter((comparison) => importFraction(comparison) > MAX_IMPORT_FRACTION_OF_PEER);
  return {
    goal: `createOrder's and getOrder's cold import ≤ ${MAX_IMPORT_FRACTION_OF_PEER}× a peer built the usual way`,
    met: missed.length === 0,
    markdown: `## Against a peer built the usual way

The peer (\`packages/bench/src/peer/\`) is createOrder and getOrder as most Lambda projects
build them: Powertools for AWS Lambda's Logger, Tracer (every SDK client captured) and Metrics
as middy middlewares, middy's JSON body parser and error handler, classic \`zod\` for the request,
and the AWS SDK left out of the bundle (\`external: ['@aws-sdk/*']\`) to be loaded from the
runtime's \`node_modules\` (here the repository's, through \`NODE_PATH\`, as Lambda sets it). The
rest is the same esbuild options as ours (minified), and the same use case and DynamoDB and Step
Functions adapters, so the two differ only at the edge. Ours is the bundle \`sls package\` deploys.

- Cold import: each bundle required in a fresh \`node\` process with a Lambda-like environment,
  ${PEER_IMPORT_RUNS} rounds of all four in a shuffled order; the peer's time includes loading the SDK
  from \`node_modules\`. Median.
- Warm: the four bundles invoked in one worker process against dynalite and a StartExecution
  endpoint that answers at once, ${PEER_WARMUP_REQUESTS} warm-up requests each, then ${PEER_SAMPLED_REQUESTS} pairs per route
  (ours and the peer's in a random order within each pair). The peer runs with
  \`POWERTOOLS_TRACE_ENABLED=false\` (no X-Ray daemon here), which spares it Tracer's
  per-request work: its warm figures are a lower bound.
- Log bytes: what each handler wrote to stdout and stderr per warm request (CloudWatch Logs
  ingests both).
- Load: 1-minute load average ${load[0].toFixed(1)} before and ${load[1].toFixed(1)} after: the
  ratios, taken in one run, are what count.

| function | build | bundle | cold import (median) | warm p50 | warm p99 | log per request |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Goal: ours at most ${MAX_IMPORT_FRACTION_OF_PEER}× the peer's cold import: ${comparisons.map((comparison) => `${comparison.functionName} ${ratio(importFraction(comparison))}`).join(', ')}, ${missed.length === 0 ? '**met**' : `**missed** (${missed.map((comparison) => comparison.functionName).join(', ')})`}.
`,
  };
};
