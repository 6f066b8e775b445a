import {
  CompensationInterruptedError,
  isTerminal,
  orderEventsReached,
  OrderRecordMissingError,
  recordAndAnnounceMilestone,
  stopIfCancellationRequested,
  type Clock,
  type Milestone,
  type OrderEvents,
  type OrderRepository,
} from '@order-platform/domain';
import { readOrderAt, stepHandler, type Logging, type StepPause } from '@order-platform/lambda';
import { OrderStepInputSchema, type PaymentOutcome } from '@order-platform/workflow';
import type { PaymentProvider } from '../../src/ports';

/**
 * ConfirmPayment: holds the order's total on the payment method the customer gave (the money is
 * taken by CapturePayment once the parcel is booked), and records the outcome on the order
 * (PAYMENT_CONFIRMED with payment AUTHORIZED and the hold's id, or FAILED with payment DECLINED).
 * The token and the amount come from the order record, not the execution input, so the token
 * never appears in the execution history. The provider's idempotency key is the order's authorize
 * key, so a retry gets the first answer back and finds it recorded already.
 *
 * The workflow's way in, so it first asks what the order has reached, whichever run this is (a
 * retry, a run re-driven after a crash, a second execution): an order already DISPATCHED or FAILED
 * is SETTLED and the run ends there, touching nothing; an order an earlier run began compensating
 * is CompensationInterrupted, so this run finishes the compensation instead of taking it further;
 * an order whose hold is recorded answers it without asking the provider again; an order asked to
 * be cancelled (even before any step ran) is OrderCancellationRequested, and nothing is held.
 *
 * It announces the order: OrderPlaced once the workflow has taken it up (so an order withdrawn
 * because its execution could not start is never announced, and one the reconciler starts late
 * is), then OrderPaymentAuthorized or OrderFailed with the outcome. Whatever it finds recorded it
 * announces again, since the run that recorded it may have died before its put.
 */
export const confirmPaymentHandler = (
  deps: {
    orders: OrderRepository;
    provider: Pick<PaymentProvider, 'authorize'>;
    events: OrderEvents;
    clock: Clock;
    pause?: StepPause;
  } & Logging,
) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<PaymentOutcome> => {
      const stored = await readOrderAt('ConfirmPayment', () => deps.orders.get(orderId), deps.pause);
      if (!stored) throw new OrderRecordMissingError(orderId);
      const { status, payment } = stored.order;
      if (isTerminal(status)) {
        await deps.events.publish(
          orderEventsReached(stored.order, ['OrderPlaced', 'OrderPaymentAuthorized', 'OrderFailed']),
        );
        logger.info('Order already settled: nothing to do', { status });
        return { outcome: 'SETTLED', status };
      }
      await deps.events.publish(orderEventsReached(stored.order, ['OrderPlaced', 'OrderPaymentAuthorized']));
      stopIfCancellationRequested(stored.order, 'ConfirmPayment');
      if (stored.compensation) throw new CompensationInterruptedError(orderId, stored.compensation);
      if (payment.status === 'AUTHORIZED' && payment.authorizationId) {
        logger.info('Payment already authorized', { authorizationId: payment.authorizationId });
        return { outcome: 'AUTHORIZED', authorizationId: payment.authorizationId };
      }
      const authorization = await deps.provider.authorize({
        orderId,
        token: stored.paymentToken,
        amount: stored.order.total,
      });
      const milestone: Milestone =
        authorization.outcome === 'AUTHORIZED'
          ? { kind: 'PaymentAuthorized', authorizationId: authorization.authorizationId }
          : { kind: 'PaymentDeclined', reason: authorization.reason };
      const written = await recordAndAnnounceMilestone(deps, {
        orderId,
        milestone,
        at: deps.clock(),
        before: stored.order,
      });
      if (authorization.outcome === 'AUTHORIZED') {
        logger.info('Payment authorized', { authorizationId: authorization.authorizationId, milestone: written });
      } else {
        logger.info('Payment declined', { reason: authorization.reason, milestone: written });
      }
      return authorization;
    },
    deps,
  );
