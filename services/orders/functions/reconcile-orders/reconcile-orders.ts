import {
  isTerminal,
  type Clock,
  type LiveOrderEntry,
  type LiveOrders,
  type OrderRepository,
  type OrderWorkflow,
} from '@order-platform/domain';
import {
  embeddedMetrics,
  invocationLogger,
  orderLogKeys,
  type InvocationContext,
  type Logging,
  type MetricDefinition,
} from '@order-platform/lambda';
import type { ExecutionStatus } from '@order-platform/ops/report';
import type { ExecutionLookup, StrandedOrder, StrandedOrderAlerts } from '../../src/ports';
import { LIVE_ORDERS_EXAMINED, MISSING_EXECUTIONS_STARTED, STRANDED_ORDERS_ALERTED } from '../../src/order-metrics';

export interface ReconcileOrdersDependencies {
  readonly liveOrders: LiveOrders;
  readonly orders: Pick<OrderRepository, 'get'>;
  /** The one way an execution is started: by the order's name, with its input (as create-order does). */
  readonly workflow: OrderWorkflow;
  readonly executions: ExecutionLookup;
  readonly alerts: StrandedOrderAlerts;
  readonly clock: Clock;
  readonly stage: string;
  /**
   * Orders live for less than this are left alone: their create-order Lambda may still be between
   * its write and StartExecution. Longer than that function's timeout, it cannot race it.
   */
  readonly liveForSeconds: number;
}

/**
 * What the reconciler did with one live order: `started` its missing execution, left it `running`,
 * `alerted` ops that its execution had closed, found it alerted already, or found it `settled` (it
 * reached a terminal status after the index was read).
 */
export type Reconciliation = 'started' | 'running' | 'alerted' | 'alreadyAlerted' | 'settled';

export interface ReconcileReport {
  /** Live orders looked at: placed before the threshold and still live when read. */
  readonly examined: number;
  readonly started: readonly string[];
  readonly alerted: readonly StrandedOrder[];
  /** Orders that could not be reconciled this run (the next run tries again). */
  readonly failed: readonly { readonly orderId: string; readonly error: unknown }[];
}

/** Open: it will still record a milestone (a redriven execution is about to run again). */
const isOpen = (status: ExecutionStatus) => status === 'RUNNING' || status === 'PENDING_REDRIVE';

/**
 * Alerts once: the note on the order is written first, conditionally, so two runs at once (a
 * schedule delivered twice) page once; if the alert cannot be sent, the note is taken back and the
 * next run tries again.
 */
const alertOnce = async (deps: ReconcileOrdersDependencies, stranded: StrandedOrder, at: Date) => {
  if (!(await deps.liveOrders.noteAlerted(stranded.orderId, at))) return false;
  try {
    await deps.alerts.publish(stranded);
  } catch (error) {
    await deps.liveOrders.forgetAlerted(stranded.orderId, at);
    throw error;
  }
  return true;
};

const reconcileOne = async (
  deps: ReconcileOrdersDependencies,
  { orderId }: LiveOrderEntry,
  now: Date,
  report: { started: string[]; alerted: StrandedOrder[] },
): Promise<Reconciliation> => {
  // The index lags its table: the order itself says whether it is still live.
  const stored = await deps.orders.get(orderId);
  if (!stored || isTerminal(stored.order.status)) return 'settled';
  // Alerted once is enough; nor is it started anew once Step Functions forgets its closed
  // execution (90 days after it closed), which an ExecutionDoesNotExist would otherwise mean.
  if (stored.strandedAlertedAt !== undefined) return 'alreadyAlerted';

  const execution = await deps.executions.find(orderId);
  if (!execution) {
    await deps.workflow.start(stored.order);
    report.started.push(orderId);
    return 'started';
  }
  if (isOpen(execution.status)) return 'running';

  const stranded: StrandedOrder = {
    orderId,
    orderStatus: stored.order.status,
    liveSince: stored.order.createdAt,
    executionStatus: execution.status,
    executionArn: execution.executionArn,
    stage: deps.stage,
    detectedAt: now.toISOString(),
  };
  if (!(await alertOnce(deps, stranded, now))) return 'settled';
  report.alerted.push(stranded);
  return 'alerted';
};

/**
 * Nothing stranded: every order live for longer than the threshold is looked at, and its
 * execution (named after it) is started when it never was, left when it runs, and reported to ops
 * when it closed while the order is still live. Orders are read from the index of live orders,
 * oldest first; one that fails is reported and the rest are still reconciled.
 */
export const reconcileOrders = async (deps: ReconcileOrdersDependencies): Promise<ReconcileReport> => {
  const now = deps.clock();
  const placedBefore = new Date(now.getTime() - deps.liveForSeconds * 1000);
  const report = { started: [] as string[], alerted: [] as StrandedOrder[] };
  const failed: { orderId: string; error: unknown }[] = [];
  let examined = 0;
  for await (const page of deps.liveOrders.placedBefore(placedBefore)) {
    for (const entry of page) {
      const outcome = await reconcileOne(deps, entry, now, report).catch((error: unknown) => {
        failed.push({ orderId: entry.orderId, error });
        return 'failed' as const;
      });
      if (outcome !== 'settled') examined += 1;
    }
  }
  return { examined, ...report, failed };
};

/** What a run answers (the local stack prints it): the counts, and which orders it acted on. */
export interface ReconcileSummary {
  readonly examined: number;
  readonly started: readonly string[];
  readonly alerted: readonly StrandedOrder[];
  readonly failed: readonly string[];
}

export class OrdersNotReconciledError extends Error {
  constructor(readonly orderIds: readonly string[]) {
    super(`${orderIds.length} live order(s) could not be reconciled: ${orderIds.join(', ')}; the next run tries again`);
    this.name = 'OrdersNotReconciled';
  }
}

/**
 * The scheduled Lambda: one run, logged line by line for each order it acted on, and one line
 * whose embedded metrics count what it examined, started and alerted (when it examined any). A
 * run with orders it could not reconcile fails after the others are done, so the function's
 * error alarm pages.
 */
export const reconcileOrdersHandler =
  (deps: ReconcileOrdersDependencies & Logging) =>
  async (_event: unknown, context: InvocationContext = {}): Promise<ReconcileSummary> => {
    const logger = (deps.loggerFor ?? invocationLogger())(context);
    const report = await reconcileOrders(deps);
    for (const orderId of report.started) {
      logger.warn('Started the execution of a live order that had none', orderLogKeys(orderId));
    }
    for (const stranded of report.alerted) {
      logger.warn('Alerted ops: the order is live but its execution has closed', {
        ...orderLogKeys(stranded.orderId),
        ...stranded,
      });
    }
    for (const { orderId, error } of report.failed) {
      logger.error('Could not reconcile the order', { ...orderLogKeys(orderId), error });
    }
    const counts: [MetricDefinition, number][] = [
      [LIVE_ORDERS_EXAMINED, report.examined],
      [MISSING_EXECUTIONS_STARTED, report.started.length],
      [STRANDED_ORDERS_ALERTED, report.alerted.length],
    ];
    // A run that found no live order past the threshold writes no line: its figures would all be
    // zero, which the dashboard shows as no data, and every few minutes a line saying nothing is
    // noise (in `npm start` too). The function's Invocations metric shows that it runs.
    if (report.examined > 0) {
      logger.info('Live orders reconciled', {
        liveForSeconds: deps.liveForSeconds,
        failed: report.failed.length,
        ...embeddedMetrics(counts, { stage: deps.stage }, deps.clock()),
      });
    }
    const failed = report.failed.map(({ orderId }) => orderId);
    if (failed.length > 0) throw new OrdersNotReconciledError(failed);
    return { examined: report.examined, started: report.started, alerted: report.alerted, failed };
  };
