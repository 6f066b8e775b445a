import { requiredEnv } from '@order-platform/lambda';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { paymentProviderFromEnvironment } from '../../src/payment-provider-from-environment';
import { refundPaymentHandler } from './refund-payment';

const documentClient = createDocumentClient();

export const handler = refundPaymentHandler({
  provider: paymentProviderFromEnvironment(documentClient),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
});
