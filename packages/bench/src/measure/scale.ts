import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { anOrder } from '@order-platform/domain/testing';
import { anHttpEvent } from '@order-platform/http/testing';
import { createLogger } from '@order-platform/lambda';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import type { Context } from 'aws-lambda';
import { listOrdersHandler } from '@order-platform/orders-service/list-orders';
import { startDynamoDbRecorder } from '../dynamodb-recorder';
import { CUSTOMERS, PAGE_SIZE, type PageFigures } from '../scale';

// Measures listing at scale (the goal and the verdict are ../scale.ts's): a local DynamoDB seeded
// with both customers' orders, and every page of GET /orders through the list-orders handler,
// its DynamoDB client going through the recorder.

const TABLE = 'order-platform-bench-scale-orders';

const seed = async (client: DynamoDBClient, customerId: string, count: number) => {
  const documentClient = createDocumentClient(client);
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  for (let first = 0; first < count; first += 25) {
    const items = Array.from({ length: Math.min(25, count - first) }, (_, i) => {
      const createdAt = new Date(start + (first + i) * 60_000).toISOString();
      const order = anOrder({ orderId: `${customerId}-${first + i}`, customerId, createdAt, updatedAt: createdAt });
      return { PutRequest: { Item: { ...order, paymentToken: 'tok_visa', requestFingerprint: 'bench' } } };
    });
    let pending: Record<string, unknown>[] | undefined = items;
    while (pending && pending.length > 0) {
      const { UnprocessedItems } = await documentClient.send(
        new BatchWriteCommand({ RequestItems: { [TABLE]: pending as never } }),
      );
      pending = UnprocessedItems?.[TABLE] as Record<string, unknown>[] | undefined;
    }
  }
};

export const measureScale = async (log: (line: string) => void): Promise<PageFigures[]> => {
  const dynamodb = await startLocalDynamoDb();
  const recorder = await startDynamoDbRecorder(dynamodb.endpoint);
  const client = new DynamoDBClient({
    endpoint: recorder.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await createTables(dynamodb.client, { OrdersTable: TABLE });
    for (const { customerId, orders } of CUSTOMERS) {
      log(`scale: writing ${orders.toLocaleString('en')} orders for ${customerId}…`);
      await seed(dynamodb.client, customerId, orders);
    }
    // The handler as it deploys, minus its log lines (this measures reads, not stdout).
    const handler = listOrdersHandler({
      orders: buildOrderRepository(createDocumentClient(client), TABLE),
      loggerFor: () => createLogger({ write: () => undefined }),
    });
    const context = { functionName: 'listOrders', awsRequestId: 'bench' } as Context;

    const pages: PageFigures[] = [];
    for (const { customerId, orders } of CUSTOMERS) {
      /** One page through the handler, its DynamoDB calls as the recorder saw them. */
      const readPage = async (page: number, cursor: string | undefined) => {
        const before = recorder.calls.length;
        const started = performance.now();
        const response = await handler(
          anHttpEvent({
            customerId,
            routeKey: 'GET /orders',
            queryStringParameters: { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) },
          }),
          context,
        );
        const elapsed = performance.now() - started;
        if (response.statusCode !== 200)
          throw new Error(`GET /orders answered ${response.statusCode}: ${response.body}`);
        const body = JSON.parse(response.body as string) as { orders: unknown[]; nextCursor?: string };
        pages.push({
          customerId,
          orders,
          page,
          returned: body.orders.length,
          calls: recorder.calls.slice(before),
          ms: elapsed,
        });
        return body.nextCursor;
      };
      let cursor: string | undefined;
      let page = 0;
      do {
        page += 1;
        cursor = await readPage(page, cursor);
      } while (cursor);
      log(`scale: ${customerId}: ${page} pages read`);
    }
    return pages;
  } finally {
    client.destroy();
    await recorder.stop();
    await dynamodb.stop();
  }
};
