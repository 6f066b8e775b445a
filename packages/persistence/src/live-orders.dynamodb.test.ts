import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { anOrder } from '@order-platform/domain/testing';
import type { Order } from '@order-platform/domain';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createDocumentClient } from './dynamodb';
import { buildLiveOrders, markLiveOrders } from './live-orders';
import { buildOrderRepository } from './order-repository';
import { createTables } from './tables';

// The index of live orders on a real DynamoDB-protocol server (dynalite), tables from tables.yml:
// what only the DynamoDB adapter does. What every LiveOrders keeps, the in-memory fake included:
// services/orders/src/live-orders.contract.test.ts.
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

  it('reads the index page by page, to its last page', async () => {
    const { orders, live } = await freshTable({ pageSize: 1 });
    const first = await place(orders, anOrder({ createdAt: placedAt(1) }));
    const second = await place(orders, anOrder({ createdAt: placedAt(2) }));

    const ids = (await idsOf(live.placedBefore(new Date(placedAt(59))))).flat();

    expect(ids).toEqual([first.orderId, second.orderId]);
  });

  it('stores an order whose optional fields are left undefined, as if they were absent', async () => {
    const { orders } = await freshTable();
    const order = anOrder();
    const { line2: _line2, ...address } = order.shippingAddress;

    await place(orders, { ...order, shippingAddress: { ...address, line2: undefined } });

    expect((await orders.get(order.orderId))?.order.shippingAddress).toStrictEqual(address);
  });

  it('keeps its bookkeeping out of the order customers read', async () => {
    const { orders } = await freshTable();
    const order = await place(orders, anOrder());

    const page = await orders.listByCustomer(order.customerId, { limit: 10 });

    expect(page.orders).toEqual([order]);
    // Strictly: not even a bookkeeping key left undefined.
    expect(await orders.get(order.orderId)).toStrictEqual({
      order,
      paymentToken: 'tok_visa',
      requestFingerprint: 'fp',
    });
  });

  it('notes a stranded order’s alert once, forgets only the note it made, and never notes a terminal order', async () => {
    const { orders, live } = await freshTable();
    const order = await place(orders, anOrder());
    const first = new Date(placedAt(40));
    const second = new Date(placedAt(45));

    expect(await live.noteAlerted(order.orderId, first)).toBe(true);
    expect(await live.noteAlerted(order.orderId, second)).toBe(false);
    expect(await orders.get(order.orderId)).toMatchObject({ strandedAlertedAt: first.toISOString() });

    await live.forgetAlerted(order.orderId, second);
    expect(await orders.get(order.orderId)).toMatchObject({ strandedAlertedAt: first.toISOString() });
    await live.forgetAlerted(order.orderId, first);
    expect(await orders.get(order.orderId)).not.toHaveProperty('strandedAlertedAt');
    expect(await live.noteAlerted(order.orderId, second)).toBe(true);

    const failed = await place(orders, anOrder());
    await orders.recordMilestone(failed.orderId, { kind: 'PaymentDeclined', reason: 'card declined' }, first);
    expect(await live.noteAlerted(failed.orderId, first)).toBe(false);
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
