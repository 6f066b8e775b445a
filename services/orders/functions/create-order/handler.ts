import { SFNClient } from '@aws-sdk/client-sfn';
import { buildOrderRepository, buildProductCatalog, createDocumentClient } from '@order-platform/persistence';
import { randomUUID } from 'node:crypto';
import { requiredEnv } from '@order-platform/lambda';
import { buildStepFunctionsWorkflow } from '../../src/step-functions-workflow';
import { createOrderHandler } from './create-order';

const documentClient = createDocumentClient();

export const handler = createOrderHandler({
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  catalog: buildProductCatalog(documentClient, {
    CatalogTable: requiredEnv('CATALOG_TABLE'),
    StockTable: requiredEnv('STOCK_TABLE'),
  }),
  workflow: buildStepFunctionsWorkflow(new SFNClient({}), requiredEnv('ORDER_WORKFLOW_ALIAS_ARN')),
  clock: () => new Date(),
  newOrderId: randomUUID,
  stage: requiredEnv('STAGE'),
});
