import type { ExecutionListItem } from '@aws-sdk/client-sfn';
import { isTerminal, ORDER_STATUSES, type OrderStatus } from '@order-platform/domain';

// The load on `npm start`: real HTTP against that process, with the workflow running every order
// to its end (measure/local-stack.ts drives it), and the audit of the tables after the load.
// throughput.ts and start-time.ts judge the figures.

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
  /** Where the round's CPU went, when measured (measure/cpu-time.ts). */
  readonly cpu?: RoundCpu;
}

export interface RoundCpu {
  /** CPU milliseconds the local stack's processes (every thread) spent per accepted order. */
  readonly stackMsPerOrder: number;
  /** The machine's busy share of its cores over the round, the load generator's included (0–1). */
  readonly machineBusy: number;
  /** The machine's cores. */
  readonly cores: number;
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
