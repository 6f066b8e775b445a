import { readableCause } from '@order-platform/domain';
import type { ScheduledRun } from './scheduled-functions';

interface ReconcilerAnswer {
  readonly started?: readonly string[];
  readonly alerted?: readonly { orderId: string; orderStatus: string; executionStatus: string }[];
}

/**
 * What `npm start` says about a scheduled run, when it did something: each execution the
 * reconciler started and each order it alerted, one line each, or why the run failed. A run that
 * found nothing to do is silent.
 */
export const scheduledRunLines = (run: ScheduledRun): string[] => {
  const prefix = `  [${run.functionKey}]`;
  if ('error' in run) return [`${prefix} failed: ${readableCause(run.error.message)}`];
  const { started = [], alerted = [] } = (run.result ?? {}) as ReconcilerAnswer;
  return [
    ...started.map((orderId) => `${prefix} ${orderId} was live with no execution: started it`),
    ...alerted.map(
      ({ orderId, orderStatus, executionStatus }) =>
        `${prefix} ${orderId} is ${orderStatus} but its execution is ${executionStatus}: alerted ops`,
    ),
  ];
};
