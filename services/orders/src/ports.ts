import type { OrderStatus } from '@order-platform/domain';
import type { ExecutionStatus } from '@order-platform/ops/report';

// The reconciler's ports (functions/reconcile-orders): what it reads of Step Functions and where
// it tells ops. Adapters: step-functions-workflow.ts, sns-stranded-order-alerts.ts.

/** An order's execution as Step Functions describes it. */
export interface ExecutionFound {
  readonly executionArn: string;
  readonly status: ExecutionStatus;
}

export interface ExecutionLookup {
  /** The execution named after the order, or `undefined` when none was ever started. */
  find(orderId: string): Promise<ExecutionFound | undefined>;
}

/** What ops are told about a live order whose execution has closed: nothing will move it now. */
export interface StrandedOrder {
  readonly orderId: string;
  readonly orderStatus: OrderStatus;
  /** When the order was placed: it has been live since. */
  readonly liveSince: string;
  readonly executionStatus: ExecutionStatus;
  readonly executionArn: string;
  readonly stage: string;
  readonly detectedAt: string;
}

export interface StrandedOrderAlerts {
  publish(stranded: StrandedOrder): Promise<void>;
}
