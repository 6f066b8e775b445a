import type { LoadFigures } from './local-stack';
import { IN_FLIGHT, ORDERS } from './local-stack';
import type { BenchmarkSection } from './report';

// The local stack under load, this checkout against a baseline checkout in the same run
// (measure/throughput.ts measures; this module holds the goal and the verdict).

/** At least this many times the baseline's orders per second to a terminal state. */
export const THROUGHPUT_GOAL = 2;
/** At most this fraction of the baseline's POST /orders p99. */
export const P99_GOAL = 0.5;

export type Side = 'baseline' | 'this';

/** A round measured, or one that could not be (its `npm start` never got ready): reported, not thrown. */
export type ThroughputRound =
  { readonly side: Side; readonly load: LoadFigures } | { readonly side: Side; readonly failure: string };

/** Runs one round; a round that fails becomes a failed round of the report, the first line of its error. */
export const measureRound = async (side: Side, run: () => Promise<LoadFigures>): Promise<ThroughputRound> => {
  try {
    return { side, load: await run() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { side, failure: message.split('\n')[0]?.trim() || 'failed' };
  }
};

export interface ThroughputFigures {
  /** The baseline's commit (short), and how it was named (`--baseline-ref`). */
  readonly baseline: { readonly ref: string; readonly commit: string };
  /** In the order they ran: baseline, this, baseline, this, … */
  readonly rounds: readonly ThroughputRound[];
  readonly loadBefore: string;
  readonly loadAfter: string;
}

export const ordersPerSecond = (load: LoadFigures) => load.accepted / (load.terminalMs / 1000);

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** A figure of a side none of whose rounds was measured is NaN: shown as a dash. */
const fixed = (value: number, digits: number, unit = '') =>
  Number.isFinite(value) ? `${value.toFixed(digits)}${unit}` : '—';

/** The side's figures over its rounds: mean orders per second and mean p99. */
export const sideSummary = (rounds: readonly ThroughputRound[], side: Side) => {
  const ofSide = rounds.filter((round) => round.side === side);
  const loads = ofSide.flatMap((round) => ('load' in round ? [round.load] : []));
  return {
    /** Rounds of the side that failed (their means leave them out). */
    failed: ofSide.length - loads.length,
    measured: loads.length,
    ordersPerSecond: mean(loads.map(ordersPerSecond)),
    p50: mean(loads.map((load) => load.p50)),
    p99: mean(loads.map((load) => load.p99)),
    /** Every round of the side lost nothing, left nothing stuck, and conserved stock. */
    sound: loads.every((load) => load.lost === 0 && load.stuck === 0 && load.stockErrors.length === 0),
    accepted: loads.every((load) => load.accepted === ORDERS),
    /** NaN where no round of the side measured its CPU. */
    stackMsPerOrder: mean(loads.flatMap((load) => (load.cpu ? [load.cpu.stackMsPerOrder] : []))),
    machineBusy: mean(loads.flatMap((load) => (load.cpu ? [load.cpu.machineBusy] : []))),
  };
};

/**
 * What the figures say of a missed throughput goal: with the cores busy, orders per second are
 * at most cores ÷ CPU per order, so the CPU per order the goal would need is set by the baseline.
 */
export const throughputBound = (
  baseline: ReturnType<typeof sideSummary>,
  ours: ReturnType<typeof sideSummary>,
  cores: number,
): string => {
  if (!Number.isFinite(ours.stackMsPerOrder) || !Number.isFinite(baseline.ordersPerSecond)) return '';
  const neededMs = (cores * 1000) / (THROUGHPUT_GOAL * baseline.ordersPerSecond);
  const ceiling = (cores * 1000) / ours.stackMsPerOrder;
  return `The stack's processes spent ${ours.stackMsPerOrder.toFixed(0)} ms of CPU per order on this branch${
    Number.isFinite(baseline.stackMsPerOrder) ? ` (the baseline ${baseline.stackMsPerOrder.toFixed(0)} ms)` : ''
  }, with the machine's ${cores} cores ${(100 * ours.machineBusy).toFixed(0)}% busy over its rounds: at that cost ${cores} cores finish at most ${ceiling.toFixed(1)} orders/s, whatever runs in parallel. ${THROUGHPUT_GOAL}× the baseline's ${baseline.ordersPerSecond.toFixed(1)} orders/s on ${cores} cores needs at most ${neededMs.toFixed(0)} ms of CPU per order (${(ours.stackMsPerOrder / neededMs).toFixed(1)}× less than this branch spends).`;
};

export const throughputSection = (figures: ThroughputFigures): BenchmarkSection => {
  const baseline = sideSummary(figures.rounds, 'baseline');
  const ours = sideSummary(figures.rounds, 'this');
  const speedup = ours.ordersPerSecond / baseline.ordersPerSecond;
  const p99Ratio = ours.p99 / baseline.p99;
  // A failed round of this branch misses the goal; a baseline with no round measured leaves nothing to compare with.
  const comparable = ours.failed === 0 && ours.measured > 0 && baseline.measured > 0;
  const cores =
    figures.rounds.flatMap((round) => ('load' in round && round.load.cpu ? [round.load.cpu.cores] : []))[0] ?? 2;
  const met = comparable && speedup >= THROUGHPUT_GOAL && p99Ratio <= P99_GOAL && ours.sound && ours.accepted;
  const statuses = (load: LoadFigures) =>
    Object.entries(load.statusCounts)
      .sort()
      .map(([status, count]) => `${status} ${count}`)
      .join(', ');
  const checkout = (side: Side) => (side === 'this' ? 'this branch' : `baseline ${figures.baseline.commit}`);
  const rows = figures.rounds.map((round, index) => {
    if (!('load' in round)) {
      return `| ${index + 1} | ${checkout(round.side)} | — | — | — | — | — | — | — | — | **failed**: ${round.failure.replaceAll('|', '\\|')} |`;
    }
    const { side, load } = round;
    return `| ${index + 1} | ${checkout(side)} | ${load.accepted} | ${ordersPerSecond(load).toFixed(1)} | ${load.p50.toFixed(0)} ms | ${load.p99.toFixed(0)} ms | ${load.retried.length} | ${load.lost} | ${load.stuck} | ${load.stockErrors.length === 0 ? 'yes' : `NO: ${load.stockErrors.join(', ')}`} | ${statuses(load)} |`;
  });
  const failedRounds =
    ours.failed + baseline.failed === 0
      ? ''
      : `\nFailed rounds (left out of the means): ${baseline.failed} of the baseline's, ${ours.failed} of this branch's.\n`;
  return {
    goal: `local throughput ≥ ${THROUGHPUT_GOAL}× the baseline's orders/s and POST p99 ≤ ${P99_GOAL}× (0 lost, 0 stuck, stock conserved)`,
    met,
    markdown: `## Local throughput: ${ORDERS.toLocaleString('en')} orders, ${IN_FLIGHT} in flight, against the baseline

\`npm start\` of this checkout and of the baseline, commit ${figures.baseline.commit} (\`--baseline-ref ${figures.baseline.ref}\`,
checked out by the bench in a git worktree of its own and installed with \`npm ci\`), each
started afresh on free ports, in rounds that alternate (baseline, this, baseline, this, …) so the
load of the shared machine falls on both. Each round: \`POST /orders\` over HTTP with a JWT and an
Idempotency-Key from ${IN_FLIGHT} concurrent clients (each retrying an answer that is neither 202
nor 4xx, with the same key, up to 3 attempts); every execution runs the real ASL with the
deployed handlers on dynalite; then the tables are audited. Each order is one cable and one of
four products; the 250 monitor orders meet 200 monitors in stock; one order in 25 has a declined
card. Orders per second count from the first POST to the last execution closed.

| round | checkout | accepted | orders/s to terminal | POST p50 | POST p99 | retried | lost | stuck | stock conserved | final statuses |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
${failedRounds}
| mean over rounds | baseline | this branch | ratio | goal |
| --- | --- | --- | --- | --- |
| orders per second to terminal | ${fixed(baseline.ordersPerSecond, 1)} | ${fixed(ours.ordersPerSecond, 1)} | ${fixed(speedup, 2, '×')} | ≥ ${THROUGHPUT_GOAL}× |
| \`POST /orders\` p50 | ${fixed(baseline.p50, 0, ' ms')} | ${fixed(ours.p50, 0, ' ms')} | ${fixed(ours.p50 / baseline.p50, 2, '×')} | |
| \`POST /orders\` p99 | ${fixed(baseline.p99, 0, ' ms')} | ${fixed(ours.p99, 0, ' ms')} | ${fixed(p99Ratio, 2, '×')} | ≤ ${P99_GOAL}× |
| CPU per order, the stack's processes | ${fixed(baseline.stackMsPerOrder, 0, ' ms')} | ${fixed(ours.stackMsPerOrder, 0, ' ms')} | ${fixed(ours.stackMsPerOrder / baseline.stackMsPerOrder, 2, '×')} | |
| machine busy (all ${cores} cores) | ${fixed(100 * baseline.machineBusy, 0, '%')} | ${fixed(100 * ours.machineBusy, 0, '%')} | | |

Goal (≥ ${THROUGHPUT_GOAL}× orders/s, ≤ ${P99_GOAL}× p99, every order of this branch accepted, none
lost or stuck, stock conserved): **${met ? 'met' : 'missed'}**.
${met ? '' : throughputBound(baseline, ours, cores)}
Load average (1, 5, 15 min) when the rounds began: ${figures.loadBefore}; when they ended: ${figures.loadAfter}.
These are figures for a laptop stack sharing its cores with the load generator; they say nothing
about Lambda's or Step Functions' latency on AWS.
`,
  };
};
