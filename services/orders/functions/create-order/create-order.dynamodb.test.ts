import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import {
  buildOrderRepository,
  buildProductCatalog,
  createDocumentClient,
  putProducts,
} from '@order-platform/persistence';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { recordingWorkflow } from '../../src/in-memory-adapters';
import { bodyOf, postOrderEvent } from '../../src/testing';
import { createOrderHandler } from './create-order';

// The create handler with the real DynamoDB adapters on dynalite: the idempotency guarantee
// rests on DynamoDB's conditional write, so it is proven against the DynamoDB protocol.
describe('POST /orders on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  const tables = { OrdersTable: 'orders', CatalogTable: 'catalog', StockTable: 'stock' };

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, tables);
    await putProducts(createDocumentClient(dynamodb.client), tables, DEMO_CATALOG);
  });

  afterAll(() => dynamodb.stop());

  it('stores one order and starts one execution for 25 concurrent duplicates', async () => {
    const documentClient = createDocumentClient(dynamodb.client);
    const workflow = recordingWorkflow();
    const handler = createOrderHandler({
      orders: buildOrderRepository(documentClient, tables.OrdersTable),
      catalog: buildProductCatalog(documentClient, tables),
      workflow,
      clock: () => new Date(),
      newOrderId: randomUUID,
      stage: 'test',
    });

    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        handler(postOrderEvent({ customerId: 'racer', headers: { 'idempotency-key': 'double-click' } }), {} as Context),
      ),
    );

    expect(results.map((result) => result.statusCode)).toEqual(Array(25).fill(202));
    expect(new Set(results.map((result) => bodyOf(result).orderId)).size).toBe(1);
    const { Items = [] } = await documentClient.send(new ScanCommand({ TableName: tables.OrdersTable }));
    expect(Items.filter((item) => item.customerId === 'racer')).toHaveLength(1);
    expect(workflow.executions.size).toBe(1);
  });
});
