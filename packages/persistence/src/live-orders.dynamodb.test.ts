import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { anOrder } from '@order-platform/domain/testing';
import type { Order } from '@order-platform/domain';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createDocumentClient } from './dynamodb';
import { buildLiveOrders, markLiveOrders } from './live-orders';
import { buildOrderRepository } from './order-repository';
import { createTables } from './tables';

// The index of live orders on a real DynamoDB-protocol server (dynalite), tables from tables.yml.
describe('live orders on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  const operations: string[] = [];
  let table = 0;

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb({ onRequest: (operation) => operations.push(operation) });
  });

  afterAll(() => dynamodb.stop());

  /** A fresh orders table per test: the index then holds only what the test wrote. */
  const freshTable = async ({ pageSize }: { pageSize?: number } = {}) => {
    table += 1;
    const tableName = `live-orders-${table}`;
    await createTables(dynamodb.client, { OrdersTable: tableName });
    const documentClient = createDocumentClient(dynamodb.client);
    return {
      tableName,
      documentClient,
      orders: buildOrderRepository(documentClient, tableName),
      live: buildLiveOrders(documentClient, tableName, pageSize === undefined ? {} : { pageSize }),
    };
  };

  const placedAt = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
  const place = async (orders: ReturnType<typeof buildOrderRepository>, order: Order) => {
    await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
    return order;
  };
  const idsOf = async (pages: AsyncIterable<readonly { orderId: string }[]>) => {
    const pagesRead: string[][] = [];
    for await (const page of pages) pagesRead.push(page.map((entry) => entry.orderId));
    return pagesRead;
  };

  it('holds an order from its insert until a terminal milestone, and only with Query', async () => {
    const { orders, live } = await freshTable();
    const dispatched = await place(orders, anOrder({ createdAt: placedAt(1) }));
    const failed = await place(orders, anOrder({ createdAt: placedAt(2) }));
    const procured = await place(orders, anOrder({ createdAt: placedAt(3) }));
    const at = new Date(placedAt(30));
    await orders.recordMilestone(dispatched.orderId, { kind: 'PaymentAuthorized', authorizationId: 'auth_1' }, at);
    await orders.recordMilestone(dispatched.orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at);
    await orders.recordMilestone(procured.orderId, { kind: 'PaymentAuthorized', authorizationId: 'auth_2' }, at);
    await orders.recordMilestone(procured.orderId, { kind: 'Procured', invoiceNumber: 'INV-2' }, at);
    const shipment = { carrier: 'DHL', serviceLevel: 'STANDARD', trackingNumber: 'T-1' };
    await orders.recordMilestone(dispatched.orderId, { kind: 'Dispatched', shipment, captureId: 'cap_1' }, at);
    await orders.recordMilestone(failed.orderId, { kind: 'PaymentDeclined', reason: 'card declined' }, at);

    operations.length = 0;
    expect(await idsOf(live.placedBefore(new Date(placedAt(59))))).toEqual([[procured.orderId]]);
    expect(operations).toEqual(['Query']);
  });

  it('reads only orders placed before the cutoff, oldest first, page after page', async () => {
    const { orders, live } = await freshTable({ pageSize: 2 });
    const placed: Order[] = [];
    for (const minute of [5, 1, 4, 2, 3, 9]) placed.push(await place(orders, anOrder({ createdAt: placedAt(minute) })));
    const byMinute = (minute: number) => placed.find((order) => order.createdAt === placedAt(minute))?.orderId;

    const pages = await idsOf(live.placedBefore(new Date(placedAt(6))));

    expect(pages.flat()).toEqual([1, 2, 3, 4, 5].map(byMinute));
    expect(pages.every((page) => page.length <= 2)).toBe(true);
  });

  it('notes an alert once per live order, never on one no longer live, and takes a note back', async () => {
    const { orders, live } = await freshTable();
    const stranded = await place(orders, anOrder());
    const closed = await place(orders, anOrder());
    await orders.recordMilestone(closed.orderId, { kind: 'PaymentDeclined', reason: 'card declined' }, new Date());
    const first = new Date('2026-12-01T11:00:00.000Z');

    expect(await live.noteAlerted(stranded.orderId, first)).toBe(true);
    expect(await live.noteAlerted(stranded.orderId, new Date('2026-12-01T11:05:00.000Z'))).toBe(false);
    expect(await live.noteAlerted(closed.orderId, first)).toBe(false);
    expect(await orders.get(stranded.orderId)).toEqual({
      order: stranded,
      paymentToken: 'tok_visa',
      requestFingerprint: 'fp',
      strandedAlertedAt: first.toISOString(),
    });

    await live.forgetAlerted(stranded.orderId, new Date('2026-12-01T11:05:00.000Z'));
    expect((await orders.get(stranded.orderId))?.strandedAlertedAt).toBe(first.toISOString());
    await live.forgetAlerted(stranded.orderId, first);
    expect(await orders.get(stranded.orderId)).not.toHaveProperty('strandedAlertedAt');
    expect(await live.noteAlerted(stranded.orderId, first)).toBe(true);
  });

  it('keeps its bookkeeping out of the order customers read', async () => {
    const { orders } = await freshTable();
    const order = await place(orders, anOrder());

    const page = await orders.listByCustomer(order.customerId, { limit: 10 });

    expect(page.orders).toEqual([order]);
    expect(await orders.get(order.orderId)).toEqual({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  });

  it('puts into the index, once, the live orders placed before it existed, and no terminal one', async () => {
    const { tableName, documentClient, orders, live } = await freshTable();
    const earlier = (status: Order['status'], minute: number) => anOrder({ status, createdAt: placedAt(minute) });
    const before = [earlier('PENDING', 1), earlier('PROCURED', 2), earlier('DISPATCHED', 3), earlier('FAILED', 4)];
    for (const order of before) {
      // As the table held them before the index: no `live`.
      await documentClient.send(
        new PutCommand({ TableName: tableName, Item: { ...order, paymentToken: 't', requestFingerprint: 'f' } }),
      );
    }
    const since = await place(orders, anOrder({ createdAt: placedAt(5) }));

    expect(await markLiveOrders(documentClient, tableName)).toBe(2);
    expect(await markLiveOrders(documentClient, tableName)).toBe(0);

    expect((await idsOf(live.placedBefore(new Date(placedAt(59))))).flat()).toEqual([
      before[0]?.orderId,
      before[1]?.orderId,
      since.orderId,
    ]);
  });
});
