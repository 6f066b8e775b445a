import { OrderRecordMissingError, type OrderRepository } from '@order-platform/domain';
import { OrderStepInputSchema, stepHandler, type Logging } from '@order-platform/lambda';
import type { PaymentProvider } from '../../src/ports';

/**
 * ConfirmPayment: charges the order's total with the token the customer gave. The token and the
 * amount come from the order record, not the execution input, so the token never appears in the
 * execution history. The order id is the provider's idempotency key.
 */
export const confirmPaymentHandler = (deps: { orders: OrderRepository; provider: PaymentProvider } & Logging) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger) => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
      const charge = await deps.provider.charge({
        idempotencyKey: orderId,
        token: stored.paymentToken,
        amount: stored.order.total,
      });
      if (charge.outcome === 'APPROVED') logger.info('Payment confirmed', { chargeId: charge.chargeId });
      else logger.info('Payment declined', { reason: charge.reason });
      return charge;
    },
    deps,
  );
