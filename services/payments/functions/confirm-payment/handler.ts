import { requiredEnv, sandboxStepPause } from '@order-platform/lambda';
import { orderEventsFromEnvironment } from '@order-platform/lambda/eventbridge';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { paymentProviderFromEnvironment } from '../../src/payment-provider-from-environment';
import { confirmPaymentHandler } from './confirm-payment';

const documentClient = createDocumentClient();

export const handler = confirmPaymentHandler({
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  provider: paymentProviderFromEnvironment(documentClient),
  events: orderEventsFromEnvironment(),
  clock: () => new Date(),
  pause: sandboxStepPause(),
});
