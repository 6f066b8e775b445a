import { requiredEnv } from '@order-platform/lambda';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { paymentProviderFromEnvironment } from '../../src/payment-provider-from-environment';
import { voidOrRefundPaymentHandler } from './void-or-refund-payment';

const documentClient = createDocumentClient();

export const handler = voidOrRefundPaymentHandler({
  provider: paymentProviderFromEnvironment(documentClient),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
});
