import { cpus } from 'node:os';
import type { OrderCost } from './cost-per-order';
import { meanBilledMs, type PeerRun } from './peer';
import { PRICES, PRICES_READ_ON, type Price } from './prices';
import type { BenchmarkSection } from './report';
import { median } from './stats';

// The all-in price of an order: every line AWS bills for one dispatched order, counted from the
// bench's real local run (measure/cost-per-order.ts: the order over HTTP, its execution history,
// the DynamoDB recorder, the Lambdas' log lines; the peer run for createOrder's warm duration),
// priced with ./prices.ts, per 1,000 orders; and the same for the naive design and the peer build.

type LineKey = keyof typeof PRICES;

export interface PricedLine {
  readonly key: LineKey;
  /** Billed units per order (requests, GB-seconds, request units, transitions, GB). */
  readonly perOrder: number;
  readonly usdPer1000: number;
}

export interface DesignPrice {
  readonly design: string;
  readonly lines: readonly PricedLine[];
  readonly usdPer1000: number;
}

export interface OrderPriceInputs {
  readonly cost: OrderCost;
  readonly peer: PeerRun;
  /** Configured memory per function (serverless.yml). */
  readonly memoryMb: Readonly<Record<string, number>>;
}

/** The function a workflow state invokes: the state's name in lower camel case. */
const functionOfState = (state: string) => `${state.charAt(0).toLowerCase()}${state.slice(1)}`;

/**
 * Bytes each function logged, from the JSON lines our logger writes: `functionName` on each is the
 * deployed name (`<service>-<stage>-<function>`), counted under the function's own name.
 */
export const logBytesByFunction = (lines: readonly string[]): Map<string, number> => {
  const bytes = new Map<string, number>();
  for (const line of lines) {
    let functionName: unknown;
    try {
      functionName = (JSON.parse(line) as { functionName?: unknown }).functionName;
    } catch {
      continue;
    }
    if (typeof functionName !== 'string') continue;
    const name = functionName.split('-').at(-1) as string;
    bytes.set(name, (bytes.get(name) ?? 0) + Buffer.byteLength(`${line}\n`));
  }
  return bytes;
};

const priced = (key: LineKey, perOrder: number): PricedLine => ({
  key,
  perOrder,
  usdPer1000: perOrder * PRICES[key].usd * 1000,
});

const design = (name: string, lines: PricedLine[]): DesignPrice => ({
  design: name,
  lines,
  usdPer1000: lines.reduce((sum, line) => sum + line.usdPer1000, 0),
});

const gbSeconds = (billedMs: number, memoryMb: number) => (billedMs / 1000) * (memoryMb / 1024);

export const priceOrders = ({ cost, peer, memoryMb }: OrderPriceInputs) => {
  const memoryOf = (functionName: string) => memoryMb[functionName] ?? 1024;
  const createOrderRun = peer.comparisons.find((comparison) => comparison.functionName === 'createOrder');
  if (!createOrderRun) throw new Error('the peer run has no createOrder figures');
  const createOrderMs = {
    ours: meanBilledMs(createOrderRun.ours.warmMs),
    peer: meanBilledMs(createOrderRun.peer.warmMs),
  };
  const steps = cost.stepDurations.map(({ state, ms }) => ({
    functionName: functionOfState(state),
    billedMs: Math.ceil(ms),
  }));
  const stepGbSeconds = steps.reduce((sum, step) => sum + gbSeconds(step.billedMs, memoryOf(step.functionName)), 0);
  const logBytes = logBytesByFunction(cost.logLines);
  const createOrderLogBytes = logBytes.get('createOrder') ?? 0;
  const totalLogBytes = [...logBytes.values()].reduce((sum, bytes) => sum + bytes, 0);
  const stepLogBytes = totalLogBytes - createOrderLogBytes;
  const writeUnits = cost.dynamoDb
    .filter((call) => call.itemsWritten > 0)
    .reduce((sum, call) => sum + call.capacityUnits, 0);
  const readUnits = cost.dynamoDb
    .filter((call) => call.itemsWritten === 0 && call.status === 200)
    .reduce((sum, call) => sum + call.capacityUnits, 0);

  const linesOf = (options: { lambdas: number; gbSeconds: number; transitions: number; logBytes: number }) => [
    priced('httpApiRequest', cost.apiRequests),
    priced('lambdaRequest', options.lambdas),
    priced('lambdaArmGbSecond', options.gbSeconds),
    priced('dynamoDbWriteRequestUnit', writeUnits),
    priced('dynamoDbReadRequestUnit', readUnits),
    priced('stepFunctionsTransition', options.transitions),
    priced('cloudWatchLogsGb', options.logBytes / 1e9),
  ];
  const oursGbSeconds = gbSeconds(createOrderMs.ours, memoryOf('createOrder')) + stepGbSeconds;
  // The naive design's extra Lambdas each do one status write: priced at our shortest step.
  const extraNaiveLambdas = cost.naive.lambdaTasks - steps.length;
  const shortestStep = steps.reduce(
    (shortest, step) => (step.billedMs < shortest.billedMs ? step : shortest),
    steps[0] ?? { functionName: 'createOrder', billedMs: 0 },
  );
  const meanStepLogBytes = steps.length > 0 ? stepLogBytes / steps.length : 0;
  const ours = design(
    'this platform',
    linesOf({
      lambdas: cost.lambdaInvocations,
      gbSeconds: oursGbSeconds,
      transitions: cost.transitions,
      logBytes: totalLogBytes,
    }),
  );
  const naive = design(
    'naive design',
    linesOf({
      lambdas: cost.naive.lambdaTasks + 1,
      gbSeconds:
        oursGbSeconds + extraNaiveLambdas * gbSeconds(shortestStep.billedMs, memoryOf(shortestStep.functionName)),
      transitions: cost.naive.states.length,
      logBytes: totalLogBytes + extraNaiveLambdas * meanStepLogBytes,
    }),
  );
  const peerBuild = design(
    'peer build',
    linesOf({
      lambdas: cost.lambdaInvocations,
      gbSeconds: gbSeconds(createOrderMs.peer, memoryOf('createOrder')) + stepGbSeconds,
      transitions: cost.transitions,
      logBytes: stepLogBytes + createOrderRun.peer.logBytesPerRequest,
    }),
  );
  const coldStartUsdPer1000 = (importMs: readonly number[]) =>
    gbSeconds(Math.ceil(median(importMs)), memoryOf('createOrder')) * PRICES.lambdaArmGbSecond.usd * 1000;
  return {
    designs: [ours, naive, peerBuild] as const,
    createOrderMs,
    steps,
    logBytes,
    extraNaiveLambdas,
    shortestStep,
    coldStarts: {
      ours: coldStartUsdPer1000(createOrderRun.ours.importMs),
      peer: coldStartUsdPer1000(createOrderRun.peer.importMs),
    },
    // Every line needs its measurement: a handler that logged nothing at INFO means the capture broke.
    complete:
      createOrderLogBytes > 0 &&
      steps.length === cost.stepLambdas.length &&
      steps.every((step) => step.billedMs > 0 && (logBytes.get(step.functionName) ?? 0) > 0),
  };
};

/** What would halve a line, in this design's terms. */
const HALVING: Record<LineKey, string> = {
  httpApiRequest:
    'one HTTP API request per order is the floor; only a cheaper front (none on AWS for a JWT-checked HTTP API) would halve it',
  lambdaRequest:
    'half the Lambdas per order: steps that only read or write DynamoDB done as direct service integrations instead of Lambdas',
  lambdaArmGbSecond:
    'half the billed GB-seconds: the functions wait on DynamoDB, not the CPU, so 256 MB instead of 512 MB at the same durations would do it (measure the durations at 256 MB first), or half the milliseconds',
  dynamoDbWriteRequestUnit:
    'half the write units: fewer writes per order (the status and stock updates) or smaller items (a write unit is 1 KB)',
  dynamoDbReadRequestUnit:
    'half the read units: eventually consistent reads where the order allows them, or fewer reads',
  stepFunctionsTransition:
    'half the transitions: fewer states per order (Choice and Parallel states count too), or the synchronous steps in an Express workflow, billed by duration, not transitions',
  cloudWatchLogsGb:
    'half the log bytes: fewer INFO lines per invocation, shorter keys, or the Infrequent Access log class ($0.25/GB)',
};

const usd = (value: number) => `$${value.toFixed(4)}`;
const quantity = (key: LineKey, value: number) => {
  if (key === 'cloudWatchLogsGb') return `${(value * 1e9).toFixed(0)} B`;
  if (key === 'lambdaArmGbSecond') return `${value.toFixed(4)} GB-s`;
  return `${Number(value.toFixed(2))}`;
};

export const orderPriceSection = (inputs: OrderPriceInputs): BenchmarkSection => {
  const result = priceOrders(inputs);
  const [ours, naive, peerBuild] = result.designs;
  const keys = ours.lines.map((line) => line.key);
  const cell = (price: DesignPrice, key: LineKey) => {
    const line = price.lines.find((candidate) => candidate.key === key) as PricedLine;
    return `${quantity(key, line.perOrder)}: ${usd(line.usdPer1000)}`;
  };
  const dominant = [...ours.lines].sort((a, b) => b.usdPer1000 - a.usdPer1000)[0] as PricedLine;
  const share = dominant.usdPer1000 / ours.usdPer1000;
  const priceRows = (Object.values(PRICES) as Price[]).map(
    (price) => `| ${price.line} | ${price.per} | ${price.source} |`,
  );
  return {
    goal: 'the all-in price of a dispatched order, every line counted from one local run',
    met: result.complete,
    markdown: `## The all-in price of an order

Per 1,000 dispatched orders (the happy-path order of "Cost per order", placed over HTTP on the
local stack and run to DISPATCHED by the real ASL), every line AWS bills, counted from that run:
HTTP API requests the client sent; Lambda invocations from the execution history (and
createOrder); Lambda duration as billed (each invocation rounded up to the next ms) times the
configured memory: the steps' from their history (\`LambdaFunctionStarted\` to its outcome),
createOrder's the mean of its warm requests in "Against a peer" (${result.createOrderMs.ours.toFixed(1)} ms ours,
${result.createOrderMs.peer.toFixed(1)} ms the peer's); DynamoDB request units from the recorder; state transitions from the
history; CloudWatch Logs bytes: the JSON lines each handler wrote during the order, at INFO as
deployed (${[...result.logBytes.entries()].map(([name, bytes]) => `${name} ${bytes} B`).join(', ')}).
The durations were measured on this machine (1-minute load average ${inputs.peer.load[0].toFixed(1)}–${inputs.peer.load[1].toFixed(1)} on ${cpus().length} cores)
and are longer than on Lambda; the duration line is an upper bound. Lambda's own START/END/REPORT lines, the HTTP API's access log, X-Ray and the workflow's
execution log (errors only on prod) are left out of all three columns alike.

The naive design is ours with its ${result.extraNaiveLambdas} extra status-update Lambdas and its transitions: each extra Lambda
priced at our shortest step (${result.shortestStep.functionName}, ${result.shortestStep.billedMs} ms) and our mean step log bytes, its DynamoDB the same
(the same writes, in other Lambdas). The peer build is ours with the peer's createOrder (its
duration and log bytes); the workflow's steps are the same.

| per 1,000 dispatched orders (per order: billed quantity) | this platform | naive design | peer build |
| --- | ---: | ---: | ---: |
${keys.map((key) => `| ${PRICES[key].line} | ${cell(ours, key)} | ${cell(naive, key)} | ${cell(peerBuild, key)} |`).join('\n')}
| **total** | **${usd(ours.usdPer1000)}** | **${usd(naive.usdPer1000)}** | **${usd(peerBuild.usdPer1000)}** |

The largest line is **${PRICES[dominant.key].line}**, ${(share * 100).toFixed(0)}% of the total. To halve it: ${HALVING[dominant.key]}.
${share < 0.5 ? `Halving it alone takes ${((share / 2) * 100).toFixed(0)}% off the order; halving the order needs the next lines too.` : `Halving it takes ${((share / 2) * 100).toFixed(0)}% off the order.`}
Cold starts are billed besides (Lambda bills init code): createOrder's cold import, measured above, costs
${usd(result.coldStarts.ours)} per 1,000 cold starts for ours and ${usd(result.coldStarts.peer)} for the peer's.

Prices (us-east-1 list prices, read on ${PRICES_READ_ON}; the one table is \`packages/bench/src/prices.ts\`):

| line | price | source |
| --- | --- | --- |
${priceRows.join('\n')}
`,
  };
};
