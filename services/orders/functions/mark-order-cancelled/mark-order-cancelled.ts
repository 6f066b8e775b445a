import { recordAndAnnounceMilestone, type Clock, type OrderEvents, type OrderRepository } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { MarkOrderCancelledInputSchema, type CancellationRecording } from '@order-platform/workflow';

/**
 * MarkOrderCancelled: the cancellation path's last word on the order, once its stock, invoice and
 * payment were given back. It is the Cancelled milestone, written as every milestone is (one
 * write, conditional on a status CANCELLED may follow), with the payment's status. A retry finds
 * it recorded (and announces it again: the run that recorded it may have died before its put); an
 * order no longer live is an OrderStatusConflict, which the workflow alerts.
 */
export const markOrderCancelledHandler = (
  deps: { orders: Pick<OrderRepository, 'get' | 'recordMilestone'>; events: OrderEvents; clock: Clock } & Logging,
) =>
  stepHandler(
    MarkOrderCancelledInputSchema,
    async ({ orderId, paymentStatus }, logger): Promise<CancellationRecording> => {
      const milestone = await recordAndAnnounceMilestone(deps, {
        orderId,
        milestone: { kind: 'Cancelled', paymentStatus },
        at: deps.clock(),
      });
      logger.info('Order cancelled', { paymentStatus, milestone });
      return { milestone };
    },
    deps,
  );
