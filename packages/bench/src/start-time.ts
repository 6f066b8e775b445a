import type { BenchmarkSection } from './report';
import { median } from './stats';

// `npm start` against serverless-offline's own start, the same functions, measured in one run
// (measure/start-time.ts measures; this module holds the goal and the verdict).

export const START_ROUNDS = 3;
/** `npm start` may take at most this many times serverless-offline's own start (medians). */
export const START_RATIO_GOAL = 1.3;

export interface StartTimeFigures {
  /** ms from spawning `npm start` to its banner, one per round. */
  readonly npmStart: readonly number[];
  /** ms from spawning `sls offline start` to its first HTTP answer, one per round. */
  readonly offline: readonly number[];
  /** ms of the start before the rounds, whose caches had been emptied (the first start after a change). */
  readonly afterChange: number;
  /** `uptime`'s load averages when the rounds began and ended. */
  readonly loadBefore: string;
  readonly loadAfter: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const startTimeSection = (figures: StartTimeFigures): BenchmarkSection => {
  const ratio = median(figures.npmStart) / median(figures.offline);
  const met = ratio <= START_RATIO_GOAL;
  const row = (name: string, times: readonly number[]) =>
    `| ${name} | ${seconds(Math.min(...times))} | ${seconds(median(times))} | ${seconds(Math.max(...times))} | ${times.map(seconds).join(', ')} |`;
  return {
    goal: `\`npm start\` ready in ≤ ${START_RATIO_GOAL}× serverless-offline's own start (medians, same run)`,
    met,
    markdown: `## \`npm start\` against serverless-offline's own start

**serverless-offline's own start** is \`sls offline start --stage local\` run directly in this
repository: the same serverless.yml, so the same functions, the same plugins and the same Lambda
runner (\`useInProcess\`: the bundled handlers loaded in its own process), with serverless-esbuild
building the bundles as it does on every \`sls offline start\`
(\`ORDER_PLATFORM_BUNDLE_CACHE=off\`), timed from spawning it to its first HTTP answer (any status,
polled every 50 ms). **\`npm start\`** is timed from spawning it to its "running" banner: HTTP API,
Step Functions, DynamoDB, the SNS stand-in and the console listening, the demo catalog seeded,
serverless-offline answering, the workflow's steps loaded (the same services and checks as
before). ${START_ROUNDS} cold starts of each, interleaved (offline, npm start, offline, …) so that
the load of the shared machine falls on both; each a new process.

| start | fastest | median | slowest | each |
| --- | --- | --- | --- | --- |
${row("serverless-offline's own", figures.offline)}
${row('`npm start`', figures.npmStart)}

Ratio of medians: **${ratio.toFixed(2)}×** (goal ≤ ${START_RATIO_GOAL}×): **${met ? 'met' : 'missed'}**.
The first \`npm start\` after a change (its caches emptied before it, so it resolves serverless.yml
and bundles every function again) took ${seconds(figures.afterChange)}; it is not one of the rounds.
Load average (1, 5, 15 min) when the rounds began: ${figures.loadBefore}; when they ended: ${figures.loadAfter}.

What \`npm start\` skips when nothing changed: \`sls print\` (its output is kept in
\`.local/cache/\` under the digest of serverless.yml, every file it includes, the local plugins,
the lock file, the command line and the framework's version), and serverless-esbuild's bundling
(\`.esbuild/offline-bundles.json\` holds the digest of every file esbuild read for the bundles,
with their directories' listings, and of the build options). serverless-offline is spawned
first, beside DynamoDB (in a worker thread) and the workflow.
`,
  };
};
