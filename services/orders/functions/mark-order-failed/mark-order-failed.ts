import { recordAndAnnounceMilestone, type Clock, type OrderEvents, type OrderRepository } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { MarkOrderFailedInputSchema, type FailureRecording } from '@order-platform/workflow';

/**
 * MarkOrderFailed: the failure path's last word on the order, once compensation has run. It is the
 * Failed milestone, written as every milestone is (one write, conditional on a status FAILED may
 * follow), with the cause kept readable, and announced as OrderFailed. A retry finds it recorded
 * and announces it again (the run that recorded it may have died before its put); an order no
 * longer live (it was dispatched, or failed another way) is an OrderStatusConflict, which the
 * workflow alerts.
 */
export const markOrderFailedHandler = (
  deps: { orders: Pick<OrderRepository, 'get' | 'recordMilestone'>; events: OrderEvents; clock: Clock } & Logging,
) =>
  stepHandler(
    MarkOrderFailedInputSchema,
    async ({ orderId, failure }, logger): Promise<FailureRecording> => {
      const milestone = await recordAndAnnounceMilestone(deps, {
        orderId,
        milestone: { kind: 'Failed', ...failure },
        at: deps.clock(),
      });
      logger.info('Order marked failed', { step: failure.step, error: failure.error, milestone });
      return { milestone };
    },
    deps,
  );
