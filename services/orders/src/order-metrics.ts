import type { MetricDefinition } from '@order-platform/lambda';

/** A new order stored and its workflow started (an idempotent replay is not counted again). */
export const ORDERS_ACCEPTED: MetricDefinition = { namespace: 'OrderPlatform', name: 'OrdersAccepted', unit: 'Count' };

/** Live orders the reconciler looked at, past the stage's threshold (each run counts them again). */
export const LIVE_ORDERS_EXAMINED: MetricDefinition = {
  namespace: 'OrderPlatform',
  name: 'LiveOrdersExamined',
  unit: 'Count',
};

/** Executions the reconciler started for live orders that had none. */
export const MISSING_EXECUTIONS_STARTED: MetricDefinition = {
  namespace: 'OrderPlatform',
  name: 'MissingExecutionsStarted',
  unit: 'Count',
};

/** Live orders whose execution had closed, alerted to ops (once each). */
export const STRANDED_ORDERS_ALERTED: MetricDefinition = {
  namespace: 'OrderPlatform',
  name: 'StrandedOrdersAlerted',
  unit: 'Count',
};

/** What one run of the reconciler counts, in the order the dashboard draws them. */
export const RECONCILER_METRICS = [LIVE_ORDERS_EXAMINED, MISSING_EXECUTIONS_STARTED, STRANDED_ORDERS_ALERTED] as const;
