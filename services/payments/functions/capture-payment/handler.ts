import { requiredEnv } from '@order-platform/lambda';
import { orderEventsFromEnvironment } from '@order-platform/lambda/eventbridge';
import { buildOrderRepository, buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { paymentProviderFromEnvironment } from '../../src/payment-provider-from-environment';
import { capturePaymentHandler } from './capture-payment';

const documentClient = createDocumentClient();

export const handler = capturePaymentHandler({
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  provider: paymentProviderFromEnvironment(documentClient),
  stock: buildStockLedger(documentClient, {
    StockTable: requiredEnv('STOCK_TABLE'),
    StockHoldsTable: requiredEnv('STOCK_HOLDS_TABLE'),
  }),
  events: orderEventsFromEnvironment(),
  clock: () => new Date(),
});
