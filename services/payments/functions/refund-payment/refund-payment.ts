import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderStepInputSchema, type RefundOutcome } from '@order-platform/workflow';
import type { PaymentProvider } from '../../src/ports';

/**
 * RefundPayment (compensation): gives back whatever was charged under the order's key and answers
 * the payment status the order ends with: REFUNDED, or FAILED when nothing was ever charged (the
 * provider was down for ConfirmPayment). Refunding again is a no-op at the provider.
 */
export const refundPaymentHandler = (deps: { provider: PaymentProvider } & Logging) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<RefundOutcome> => {
      const { refunded } = await deps.provider.refund({ idempotencyKey: orderId });
      logger.info(refunded ? 'Payment refunded' : 'No payment to refund');
      return refunded ? 'REFUNDED' : 'FAILED';
    },
    deps,
  );
