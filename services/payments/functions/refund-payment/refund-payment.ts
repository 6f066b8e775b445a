import { OrderRecordMissingError, OrderStatusConflictError, type OrderRepository } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderStepInputSchema, type RefundOutcome } from '@order-platform/workflow';
import type { ChargingPaymentProvider } from '../../src/ports';

/**
 * RefundPayment (compensation): gives back whatever was charged under the order's key and answers
 * the payment status the order ends with: REFUNDED, or FAILED when nothing was ever charged (the
 * provider was down for ConfirmPayment). Refunding again is a no-op at the provider. A DISPATCHED
 * order is never refunded, whichever run asks: its goods have left (OrderStatusConflict, alerted).
 */
export const refundPaymentHandler = (
  deps: { provider: ChargingPaymentProvider; orders: Pick<OrderRepository, 'get'> } & Logging,
) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<RefundOutcome> => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
      if (stored.order.status === 'DISPATCHED') {
        throw new OrderStatusConflictError(orderId, 'a refund', 'undispatched', 'DISPATCHED');
      }
      const { refunded } = await deps.provider.refund({ idempotencyKey: orderId });
      logger.info(refunded ? 'Payment refunded' : 'No payment to refund');
      return refunded ? 'REFUNDED' : 'FAILED';
    },
    deps,
  );
