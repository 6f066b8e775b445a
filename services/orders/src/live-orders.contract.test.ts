import type { LiveOrders, Order, OrderRepository } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository } from '@order-platform/domain/testing';
import { startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { buildLiveOrders, buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { createTables } from '@order-platform/persistence/tables';
import { inMemoryLiveOrders } from './in-memory-adapters';

// The LiveOrders contract, run against the DynamoDB adapter (the sparse index on a local
// DynamoDB, dynalite) and against the in-memory fake the reconciler's tests use: the fake cannot
// drift from what DynamoDB does. Orders are written through the repository beside each.
type Subject = { orders: OrderRepository; live: LiveOrders };

const liveOrdersContract = (
  subject: string,
  open: () => Promise<{ fresh: (pageSize: number) => Promise<Subject>; close: () => Promise<void> | void }>,
) =>
  describe(`the live orders contract: ${subject}`, () => {
    let fresh: (pageSize: number) => Promise<Subject>;
    let close: () => Promise<void> | void;

    beforeAll(async () => {
      ({ fresh, close } = await open());
    });

    afterAll(() => close());

    const placedAt = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const place = async (orders: OrderRepository, order: Order) => {
      await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
      return order;
    };
    const pagesOf = async (pages: AsyncIterable<readonly { orderId: string }[]>) => {
      const read: string[][] = [];
      for await (const page of pages) read.push(page.map((entry) => entry.orderId));
      return read;
    };

    it('holds an order from its insert until a terminal milestone', async () => {
      const { orders, live } = await fresh(10);
      const dispatched = await place(orders, anOrder({ createdAt: placedAt(1) }));
      const failed = await place(orders, anOrder({ createdAt: placedAt(2) }));
      const procured = await place(orders, anOrder({ createdAt: placedAt(3) }));
      const at = new Date(placedAt(30));
      for (const { orderId } of [dispatched, procured]) {
        await orders.recordMilestone(orderId, { kind: 'PaymentAuthorized', authorizationId: 'auth_1' }, at);
        await orders.recordMilestone(orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at);
      }
      const shipment = { carrier: 'DHL', serviceLevel: 'STANDARD', trackingNumber: 'T-1' };
      await orders.recordMilestone(dispatched.orderId, { kind: 'Dispatched', shipment, captureId: 'cap_1' }, at);
      await orders.recordMilestone(failed.orderId, { kind: 'PaymentDeclined', reason: 'card declined' }, at);

      expect((await pagesOf(live.placedBefore(new Date(placedAt(59))))).flat()).toEqual([procured.orderId]);
    });

    it('reads only orders placed before the cutoff, oldest first, a page at a time', async () => {
      const { orders, live } = await fresh(2);
      const placed: Order[] = [];
      for (const minute of [5, 1, 4, 2, 3, 9])
        placed.push(await place(orders, anOrder({ createdAt: placedAt(minute) })));
      const byMinute = (minute: number) => placed.find((order) => order.createdAt === placedAt(minute))?.orderId;

      const pages = await pagesOf(live.placedBefore(new Date(placedAt(6))));

      expect(pages.flat()).toEqual([1, 2, 3, 4, 5].map(byMinute));
      expect(pages.slice(0, 2).map((page) => page.length)).toEqual([2, 2]);
      expect(pages.every((page) => page.length <= 2)).toBe(true);
    });

    it('notes an alert once per live order, never on one no longer live, and takes back only its own note', async () => {
      const { orders, live } = await fresh(10);
      const stranded = await place(orders, anOrder());
      const closed = await place(orders, anOrder());
      await orders.recordMilestone(closed.orderId, { kind: 'PaymentDeclined', reason: 'card declined' }, new Date());
      const first = new Date('2026-12-01T11:00:00.000Z');
      const later = new Date('2026-12-01T11:05:00.000Z');

      expect(await live.noteAlerted(stranded.orderId, first)).toBe(true);
      expect(await live.noteAlerted(stranded.orderId, later)).toBe(false);
      expect(await live.noteAlerted(closed.orderId, first)).toBe(false);
      expect(await live.noteAlerted('no-such-order', first)).toBe(false);
      expect((await orders.get(stranded.orderId))?.strandedAlertedAt).toBe(first.toISOString());

      await live.forgetAlerted(stranded.orderId, later);
      expect((await orders.get(stranded.orderId))?.strandedAlertedAt).toBe(first.toISOString());
      await live.forgetAlerted(stranded.orderId, first);
      expect(await orders.get(stranded.orderId)).not.toHaveProperty('strandedAlertedAt');
      expect(await live.noteAlerted(stranded.orderId, later)).toBe(true);
    });
  });

liveOrdersContract('DynamoDB adapter on a local DynamoDB', async () => {
  const dynamodb = await startLocalDynamoDb();
  const documentClient = createDocumentClient(dynamodb.client);
  let tables = 0;
  return {
    // A fresh orders table per test: the index then holds only what the test wrote.
    fresh: async (pageSize) => {
      tables += 1;
      const tableName = `live-orders-${tables}`;
      await createTables(dynamodb.client, { OrdersTable: tableName });
      return {
        orders: buildOrderRepository(documentClient, tableName),
        live: buildLiveOrders(documentClient, tableName, { pageSize }),
      };
    },
    close: dynamodb.stop,
  };
});

liveOrdersContract('in-memory fake', async () => ({
  fresh: async (pageSize) => {
    const orders = inMemoryOrderRepository();
    return { orders, live: inMemoryLiveOrders(orders.stored, { pageSize }) };
  },
  close: () => undefined,
}));
