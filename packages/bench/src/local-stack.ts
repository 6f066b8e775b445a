import type { ExecutionListItem } from '@aws-sdk/client-sfn';
import { isTerminal, ORDER_STATUSES, type OrderStatus } from '@order-platform/domain';
import { cpus } from 'node:os';
import type { BenchmarkSection } from './report';
import { percentile } from './stats';

// What `npm start` costs and carries: start-up timed from spawning `npm start` to its "running"
// banner; the load is real HTTP against that same process, with the workflow running every order
// to its end. measure/local-stack.ts measures; this module holds the goal, the audit of the tables
// after the load, and the verdict.

export const STARTS = 3;
export const ORDERS = 1_000;
export const IN_FLIGHT = 50;

/** What the tables say after the load: orders lost or stuck, how they ended, and whether stock was conserved. */
export interface OrderAudit {
  /** Accepted orders with no order record, or no execution. */
  readonly lost: number;
  /** Accepted orders neither DISPATCHED nor FAILED, or whose execution is still running. */
  readonly stuck: number;
  /** The accepted orders by final status, a FAILED one by its error: `FAILED (OutOfStock)`. */
  readonly statusCounts: Readonly<Record<string, number>>;
  /** SKUs whose stock left plus units dispatched is not the stock seeded, or whose stock fell below 0. */
  readonly stockErrors: readonly string[];
  readonly monitorsLeft: number;
}

/** The load's figures: what the clients saw, then the audit of the tables once it settled. */
export interface LoadFigures extends OrderAudit {
  readonly accepted: number;
  /** Why each order refused for good was refused (status and title). */
  readonly rejected: readonly string[];
  /** Why each retried POST was retried. */
  readonly retried: readonly string[];
  /** From the first POST sent to the last answered. */
  readonly postsMs: number;
  /** From the first POST sent to the last execution closed. */
  readonly terminalMs: number;
  /** `POST /orders` latencies: every attempt's, retries included. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface LocalStackFigures {
  /** `npm start`'s time to ready (ms), one per start. */
  readonly readyTimes: readonly number[];
  readonly load: LoadFigures;
}

/** An order record as the audit reads it from the orders table. */
export interface StoredOrder {
  readonly status?: string;
  readonly failure?: { readonly error?: string };
  readonly items?: readonly { readonly sku: string; readonly quantity: number }[];
}

/** The orders table, the executions and the catalog after the load, against what was accepted and seeded. */
export const auditOrders = ({
  accepted,
  orders,
  executions,
  seeded,
  stockLeft,
}: {
  readonly accepted: readonly string[];
  readonly orders: ReadonlyMap<string, StoredOrder>;
  readonly executions: readonly Pick<ExecutionListItem, 'name' | 'status'>[];
  readonly seeded: readonly { readonly sku: string; readonly stock: number }[];
  readonly stockLeft: ReadonlyMap<string, number>;
}): OrderAudit => {
  const executionByName = new Map(executions.map((execution) => [execution.name, execution]));
  const lost = accepted.filter((orderId) => !orders.has(orderId) || !executionByName.has(orderId));
  const stuck = accepted.filter((orderId) => {
    const status = orders.get(orderId)?.status;
    const settled = ORDER_STATUSES.some((known) => known === status) && isTerminal(status as OrderStatus);
    return !settled || executionByName.get(orderId)?.status === 'RUNNING';
  });
  const statusCounts: Record<string, number> = {};
  for (const orderId of accepted) {
    const order = orders.get(orderId);
    const key = order?.status === 'FAILED' ? `FAILED (${order.failure?.error ?? '?'})` : String(order?.status);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
  }
  // Stock is conserved: what is left plus what was dispatched is what there was; never below 0.
  const dispatchedUnits = new Map<string, number>();
  for (const order of [...orders.values()].filter((candidate) => candidate.status === 'DISPATCHED')) {
    for (const item of order.items ?? []) {
      dispatchedUnits.set(item.sku, (dispatchedUnits.get(item.sku) ?? 0) + item.quantity);
    }
  }
  const stockErrors = seeded
    .filter((product) => {
      const left = Number(stockLeft.get(product.sku));
      return left < 0 || left + (dispatchedUnits.get(product.sku) ?? 0) !== product.stock;
    })
    .map((product) => product.sku);
  return {
    lost: lost.length,
    stuck: stuck.length,
    statusCounts,
    stockErrors,
    monitorsLeft: Number(stockLeft.get('MN-003')),
  };
};

export const localStackSections = ({ readyTimes, load }: LocalStackFigures): BenchmarkSection => {
  const cores = cpus().length;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const statusLines = Object.entries(load.statusCounts)
    .sort()
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const met = load.lost === 0 && load.stuck === 0 && load.stockErrors.length === 0;
  return {
    goal: 'no accepted order lost or stuck, stock conserved, under load on the local stack',
    met,
    markdown: `## \`npm start\`: time to ready

From spawning \`npm start\` to its "running" banner (HTTP API, Step Functions, DynamoDB and the SNS
stand-in all listening, the demo catalog seeded). ${STARTS} cold starts, one after the other.

| median | fastest | slowest |
| --- | --- | --- |
| ${seconds(percentile(readyTimes, 50))} | ${seconds(Math.min(...readyTimes))} | ${seconds(Math.max(...readyTimes))} |

## ${ORDERS.toLocaleString('en')} orders, ${IN_FLIGHT} in flight

\`POST /orders\` over HTTP with a JWT and an Idempotency-Key, ${IN_FLIGHT} concurrent clients (each retrying
an answer that is neither 202 nor 4xx, with the same key, up to 3 attempts), against
that \`npm start\`. Every order's execution runs the real ASL (payment, procurement, dispatch, and
compensation where it fails) with the deployed handlers on dynalite. Each order is one cable and one
of four products; the 250 monitor orders meet 200 monitors in stock, and one order in 25 has a
declined card.

| figure | value |
| --- | --- |
| orders accepted (202) | ${load.accepted} of ${ORDERS}${load.rejected.length > 0 ? ` (refused: ${[...new Set(load.rejected)].join('; ')})` : ''} |
| POSTs retried by the client (same key) | ${load.retried.length}${load.retried.length > 0 ? ` (${[...new Set(load.retried)].join('; ')})` : ''} |
| orders per second to terminal state | ${(load.accepted / (load.terminalMs / 1000)).toFixed(1)} (${seconds(load.terminalMs)} from the first POST to the last execution closed) |
| \`POST /orders\` p50 | ${load.p50.toFixed(1)} ms |
| \`POST /orders\` p99 | ${load.p99.toFixed(1)} ms (max ${load.max.toFixed(1)} ms) |
| all POSTs answered in | ${seconds(load.postsMs)} |
| orders lost (accepted, but no order record or no execution) | ${load.lost} |
| orders stuck (not DISPATCHED or FAILED, or execution still running) | ${load.stuck} |
| final order statuses | ${statusLines} |
| stock conserved (left + dispatched = seeded, never < 0) | ${load.stockErrors.length === 0 ? 'yes, for every SKU' : `NO: ${load.stockErrors.join(', ')}`} (monitors left: ${load.monitorsLeft}) |

These are figures for a laptop stack on ${cores} cores, where the load generator, serverless-offline
and the workflow share the CPU. They say nothing about Lambda's or Step Functions' latency on AWS.
`,
  };
};
