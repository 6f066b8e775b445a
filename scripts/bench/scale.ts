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
import { startDynamoDbRecorder, type DynamoDbCall } from './dynamodb-recorder';

// Scale: GET /orders for a customer with 10,000 orders and for one with 10. The handler's
// DynamoDB client goes through the recorder, which notes each request's operation, the items
// DynamoDB evaluated (ScannedCount) and the capacity it charged. A page must cost the same
// whatever the customer's history: one Query with a Limit, never a Scan.

export const PAGE_SIZE = 10;
export const CUSTOMERS = [
  { customerId: 'customer-with-10000-orders', orders: 10_000 },
  { customerId: 'customer-with-10-orders', orders: 10 },
] as const;

export interface PageFigures {
  readonly customerId: string;
  readonly orders: number;
  readonly page: number;
  readonly returned: number;
  readonly calls: readonly DynamoDbCall[];
  readonly ms: number;
}

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

export const measureScale = async (log: (line: string) => void) => {
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

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export const scaleSection = (pages: readonly PageFigures[]) => {
  const rows = CUSTOMERS.map(({ customerId, orders }) => {
    const mine = pages.filter((page) => page.customerId === customerId);
    const calls = mine.flatMap((page) => page.calls);
    const first = mine[0] as PageFigures;
    const read = (page: PageFigures) => sum(page.calls.map((call) => call.itemsRead));
    const capacity = (page: PageFigures) => sum(page.calls.map((call) => call.capacityUnits));
    const full = mine.filter((page) => page.returned === PAGE_SIZE);
    const operations = [
      ...new Set(
        calls.map((call) => `${call.operation}${call.request.Limit ? ` (Limit ${String(call.request.Limit)})` : ''}`),
      ),
    ];
    return {
      customerId,
      firstPageRead: read(first),
      scans: calls.filter((call) => call.operation === 'Scan').length,
      oneCallPerPage: mine.every((page) => page.calls.length === 1),
      line: `| ${orders.toLocaleString('en')} | ${read(first)} | ${capacity(first)} | ${first.calls.length} | ${mine.length.toLocaleString('en')} | ${Math.min(...full.map(read))}–${Math.max(...full.map(read))} | ${Math.min(...full.map(capacity))}–${Math.max(...full.map(capacity))} | ${sum(mine.map(capacity))} | ${operations.join(', ')} |`,
    };
  });
  const [large, small] = rows as [(typeof rows)[number], (typeof rows)[number]];
  const met = large.firstPageRead === small.firstPageRead && rows.every((row) => row.scans === 0 && row.oneCallPerPage);
  return {
    goal: 'a page of `GET /orders` reads the same items for 10 and 10,000 orders, no Scan',
    met,
    markdown: `## Scale: a customer's orders

\`GET /orders?limit=${PAGE_SIZE}\` (the list-orders handler, its DynamoDB client going through a recorder
that asks DynamoDB for the consumed capacity of every request) for a customer with 10,000 orders and
one with 10, in a table holding both; then every following page by cursor. Items read is
DynamoDB's ScannedCount: what it evaluated, and billed, not only what it returned. Capacity is
read capacity units as dynalite computes them (eventually consistent index reads, 0.5 per 4 KB).

| customer's orders | first page: items read | first page: RCU | first page: DynamoDB requests | pages (to the end) | items read per full page | RCU per full page | RCU, all pages | operations |
| ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |
${rows.map((row) => row.line).join('\n')}

Goal: a page reads the same items whatever the customer's history, with one Query and no Scan: ${met ? '**met**' : '**missed**'}
(first page ${large.firstPageRead} and ${small.firstPageRead} items; Scans: ${large.scans + small.scans}).
The last page of a customer whose orders fill whole pages returns none: DynamoDB stops at the
Limit without knowing whether more follow.
`,
  };
};
