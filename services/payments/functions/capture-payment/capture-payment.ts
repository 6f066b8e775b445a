import {
  CompensationInterruptedError,
  DispatchNotRecordedError,
  OrderRecordMissingError,
  orderEventsReached,
  OrderStatusConflictError,
  recordAndAnnounceMilestone,
  type Clock,
  type OrderEvents,
  type OrderRepository,
  type StockLedger,
} from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { CapturePaymentInputSchema, type PaymentCapture } from '@order-platform/workflow';
import type { PaymentProvider } from '../../src/ports';

/**
 * CapturePayment: the order's last step. The parcel is booked, so it takes the held amount, commits
 * the order's stock (the goods leave) and records the order DISPATCHED with its parcel and its
 * capture, in the one conditional write of the Dispatched milestone: an order is never DISPATCHED
 * unpaid, and a capture refused for good (PaymentCaptureRejected) leaves it PROCURED, its stock
 * still reserved, for the workflow to compensate. The stock is committed before the milestone so
 * that a run re-driven after a crash between the two finds the order PROCURED and captures (the
 * provider answers the first capture again) and commits (a no-op) before recording it.
 *
 * It asks the order first: one already DISPATCHED answers its capture and does nothing again; one
 * an earlier run began compensating is CompensationInterrupted and is not captured. Once the money
 * is taken, an order that cannot be marked DISPATCHED (something else moved it on) is
 * DispatchNotRecorded: the workflow alerts ops.
 *
 * It announces OrderDispatched once the milestone is recorded, and again whenever it finds the
 * order DISPATCHED (the run that recorded it may have died before its put).
 */
export const capturePaymentHandler = (
  deps: {
    orders: Pick<OrderRepository, 'get' | 'recordMilestone'>;
    provider: Pick<PaymentProvider, 'capture'>;
    stock: Pick<StockLedger, 'commit'>;
    events: OrderEvents;
    clock: Clock;
  } & Logging,
) =>
  stepHandler(
    CapturePaymentInputSchema,
    async ({ orderId, items, shipment }, logger): Promise<PaymentCapture> => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
      const { status, payment, total } = stored.order;
      if (status === 'DISPATCHED' && payment.captureId) {
        await deps.events.publish(orderEventsReached(stored.order, ['OrderDispatched']));
        logger.info('Already dispatched: nothing captured', { captureId: payment.captureId });
        return { captureId: payment.captureId };
      }
      if (stored.compensation) throw new CompensationInterruptedError(orderId, stored.compensation);
      if (status !== 'PROCURED' || !payment.authorizationId) {
        throw new OrderStatusConflictError(orderId, 'a capture', 'PROCURED and authorized', status);
      }
      const { captureId } = await deps.provider.capture({
        orderId,
        authorizationId: payment.authorizationId,
        amount: total,
      });
      await deps.stock.commit(orderId, items);
      try {
        await recordAndAnnounceMilestone(deps, {
          orderId,
          milestone: { kind: 'Dispatched', shipment, captureId },
          at: deps.clock(),
          before: stored.order,
        });
      } catch (error) {
        if (error instanceof OrderStatusConflictError) {
          throw new DispatchNotRecordedError(orderId, shipment.trackingNumber, error);
        }
        throw error;
      }
      logger.info('Payment captured, order dispatched', { captureId, trackingNumber: shipment.trackingNumber });
      return { captureId };
    },
    deps,
  );
