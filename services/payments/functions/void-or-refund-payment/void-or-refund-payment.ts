import { OrderRecordMissingError, OrderStatusConflictError, type OrderRepository } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderStepInputSchema, type PaymentRelease } from '@order-platform/workflow';
import type { PaymentProvider } from '../../src/ports';

/**
 * VoidOrRefundPayment (compensation): gives the customer's money back the cheapest way the order's
 * payment allows, and answers the payment status the order ends with. A hold never captured is
 * voided (VOIDED: nothing was taken, and the provider keeps no fee); a captured payment is
 * refunded (REFUNDED). An order with no hold recorded answers FAILED: nothing was held or taken.
 *
 * The order says what it reached, but a capture may have gone through without being recorded (a
 * crash, or a timeout after the provider took the money), so a hold the provider will not void is
 * refunded. Both calls are idempotent per order at the provider: a retry or a second run voids or
 * refunds nothing twice and gets the same answer. A DISPATCHED order is never voided or refunded,
 * whichever run asks: its goods have left (OrderStatusConflict, alerted).
 */
export const voidOrRefundPaymentHandler = (
  deps: { provider: Pick<PaymentProvider, 'void' | 'refund'>; orders: Pick<OrderRepository, 'get'> } & Logging,
) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<PaymentRelease> => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
      const { status, payment, total } = stored.order;
      if (status === 'DISPATCHED') {
        throw new OrderStatusConflictError(orderId, 'a void or a refund', 'undispatched', 'DISPATCHED');
      }
      const { authorizationId } = payment;
      if (!authorizationId) {
        logger.info('No hold recorded: nothing to void or refund', { paymentStatus: payment.status });
        return 'FAILED';
      }
      if (payment.status !== 'CAPTURED' && (await deps.provider.void({ orderId, authorizationId })).voided) {
        logger.info('Hold voided', { authorizationId });
        return 'VOIDED';
      }
      if ((await deps.provider.refund({ orderId, authorizationId, amount: total })).refunded) {
        logger.info('Payment refunded', { authorizationId });
        return 'REFUNDED';
      }
      logger.info('Nothing held or taken under the hold', { authorizationId });
      return 'FAILED';
    },
    deps,
  );
