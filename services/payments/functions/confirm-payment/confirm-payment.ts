import { OrderRecordMissingError, type Clock, type Milestone, type OrderRepository } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderStepInputSchema, type PaymentOutcome } from '@order-platform/workflow';
import type { PaymentProvider } from '../../src/ports';

/**
 * ConfirmPayment: charges the order's total with the token the customer gave, and records the
 * outcome on the order (PAYMENT_CONFIRMED with the charge, or FAILED with payment DECLINED). The
 * token and the amount come from the order record, not the execution input, so the token never
 * appears in the execution history. The order id is the provider's idempotency key, so a retry
 * gets the first answer back and finds it recorded already.
 */
export const confirmPaymentHandler = (
  deps: { orders: OrderRepository; provider: PaymentProvider; clock: Clock } & Logging,
) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<PaymentOutcome> => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
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
