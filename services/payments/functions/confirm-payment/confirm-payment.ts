import {
  CompensationInterruptedError,
  isTerminal,
  OrderRecordMissingError,
  type Clock,
  type Milestone,
  type OrderRepository,
} from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderStepInputSchema, type PaymentOutcome } from '@order-platform/workflow';
import type { ChargingPaymentProvider } from '../../src/ports';

/**
 * ConfirmPayment: charges the order's total with the token the customer gave, and records the
 * outcome on the order (PAYMENT_CONFIRMED with the charge, or FAILED with payment DECLINED). The
 * token and the amount come from the order record, not the execution input, so the token never
 * appears in the execution history. The order id is the provider's idempotency key, so a retry
 * gets the first answer back and finds it recorded already.
 *
 * The workflow's way in, so it first asks what the order has reached, whichever run this is (a
 * retry, a run re-driven after a crash, a second execution): an order already DISPATCHED or FAILED
 * is SETTLED and the run ends there, touching nothing; an order an earlier run began compensating
 * is CompensationInterrupted, so this run finishes the compensation instead of taking it further.
 */
export const confirmPaymentHandler = (
  deps: { orders: OrderRepository; provider: ChargingPaymentProvider; clock: Clock } & Logging,
) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<PaymentOutcome> => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
      if (isTerminal(stored.order.status)) {
        logger.info('Order already settled: nothing to do', { status: stored.order.status });
        return { outcome: 'SETTLED', status: stored.order.status };
      }
      if (stored.compensation) throw new CompensationInterruptedError(orderId, stored.compensation);
      const charge = await deps.provider.charge({
        idempotencyKey: orderId,
        token: stored.paymentToken,
        amount: stored.order.total,
      });
      const milestone: Milestone =
        charge.outcome === 'APPROVED'
          ? { kind: 'PaymentConfirmed', chargeId: charge.chargeId }
          : { kind: 'PaymentDeclined', reason: charge.reason };
      const written = await deps.orders.recordMilestone(orderId, milestone, deps.clock());
      if (charge.outcome === 'APPROVED') {
        logger.info('Payment confirmed', { chargeId: charge.chargeId, milestone: written });
      } else {
        logger.info('Payment declined', { reason: charge.reason, milestone: written });
      }
      return charge;
    },
    deps,
  );
