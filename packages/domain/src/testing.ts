import { mayRequestCancellation } from './cancellation';
import { DEMO_CATALOG } from './demo-catalog';
import { RequestValidationError } from './errors';
import { milestoneChange, refusedMilestoneWrite, withMilestone } from './milestones';
import { isTerminal, newOrder, type CreateOrderRequest, type Order } from './order';
import { priceOrder } from './pricing';
import type { OrderEvent, OrderEvents } from './order-events';
import type { OrderRepository, Product, StockLedger, StoredOrder } from './ports';
import { OutOfStockError } from './step-errors';

// Builders for tests across the workspaces (imported as @order-platform/domain/testing).

/** A valid order request; tests override what they are about. */
export const validOrderRequest = (overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest => ({
  items: [
    { sku: 'KB-001', quantity: 1 },
    { sku: 'MS-002', quantity: 2 },
  ],
  currency: 'EUR',
  shippingMethod: 'STANDARD',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Analytical Way',
    city: 'London',
    postalCode: 'N1 9GU',
    country: 'GB',
  },
  payment: { token: 'tok_visa' },
  ...overrides,
});

let sequence = 0;

/** A priced PENDING order as the create-order use case would store it. */
export const anOrder = (overrides: Partial<Order> = {}): Order => {
  sequence += 1;
  const request = validOrderRequest();
  return {
    ...newOrder({
      orderId: `order-${sequence}`,
      customerId: 'customer-1',
      request,
      priced: priceOrder(request.items, request.currency, new Map(DEMO_CATALOG.map((p) => [p.sku, p]))),
      now: new Date(Date.UTC(2026, 10, 21, 10, 0, 0, sequence)),
    }),
    ...overrides,
  };
};

/**
 * A fake OrderRepository that keeps the real one's contract (conditional insert, newest-first
 * pages, milestones written only from the status they follow).
 */
export const inMemoryOrderRepository = (): OrderRepository & { readonly stored: Map<string, StoredOrder> } => {
  const stored = new Map<string, StoredOrder>();
  return {
    stored,
    async insert(order) {
      if (stored.has(order.order.orderId)) return false;
      stored.set(order.order.orderId, structuredClone(order));
      return true;
    },
    async get(orderId) {
      const found = stored.get(orderId);
      return found && structuredClone(found);
    },
    async withdrawPending(orderId) {
      if (stored.get(orderId)?.order.status !== 'PENDING') return false;
      return stored.delete(orderId);
    },
    async listByCustomer(customerId, { limit, cursor }) {
      const mine = [...stored.values()]
        .map((entry) => entry.order)
        .filter((order) => order.customerId === customerId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      // Its cursors are positions; like DynamoDB's, any other is refused before anything is read.
      if (cursor !== undefined && !/^[1-9]\d*$/.test(cursor))
        throw new RequestValidationError([
          { path: '/cursor', message: 'Invalid cursor: pass nextCursor from a previous page' },
        ]);
      const start = cursor === undefined ? 0 : Number(cursor);
      const page = mine.slice(start, start + limit);
      return {
        orders: page,
        ...(start + limit < mine.length ? { nextCursor: String(start + limit) } : {}),
      };
    },
    async recordMilestone(orderId, milestone, at) {
      const found = stored.get(orderId);
      if (!found || !milestoneChange(milestone).from.includes(found.order.status))
        return refusedMilestoneWrite(orderId, found && structuredClone(found.order), milestone);
      stored.set(orderId, { ...found, order: structuredClone(withMilestone(found.order, milestone, at)) });
      return 'recorded';
    },
    async recordCompensationStarted(orderId, failed, at) {
      const found = stored.get(orderId);
      if (!found || isTerminal(found.order.status)) return false;
      stored.set(orderId, { ...found, compensation: found.compensation ?? { ...failed, at: at.toISOString() } });
      return true;
    },
    async requestCancellation(orderId, request) {
      const found = stored.get(orderId);
      if (!found || !mayRequestCancellation(found)) return undefined;
      const order = { ...found.order, cancellation: { ...request }, updatedAt: request.requestedAt };
      stored.set(orderId, { ...found, order });
      return structuredClone(order);
    },
    async beginHandover(orderId, at) {
      const found = stored.get(orderId);
      if (found?.order.status !== 'PROCURED' || found.order.cancellation) return false;
      stored.set(orderId, { ...found, handedOverAt: found.handedOverAt ?? at.toISOString() });
      return true;
    },
  };
};

/** The fake repository with these orders stored, as create-order stores them (token tok_visa). */
export const inMemoryOrdersHolding = async (...orders: Order[]) => {
  const repository = inMemoryOrderRepository();
  for (const order of orders) await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  return repository;
};

/**
 * The stock ledger in memory, keeping the contract the DynamoDB one keeps
 * (packages/persistence/src/stock-ledger.contract.test.ts): one hold per order and SKU, taken
 * once, committed or given back once, and a released line never taken again.
 */
export const inMemoryStockLedger = (): StockLedger & {
  seed(products: readonly Pick<Product, 'sku' | 'stock'>[]): void;
  stockOf(sku: string): number;
} => {
  const stock = new Map<string, number>();
  const holds = new Map<string, { units: number; state: 'RESERVED' | 'COMMITTED' | 'RELEASED' }>();
  const keyOf = (orderId: string, sku: string) => `${orderId}\u0000${sku}`;
  return {
    seed(products) {
      for (const product of products) stock.set(product.sku, product.stock);
    },
    stockOf: (sku) => stock.get(sku) ?? 0,
    async reserve(orderId, items) {
      for (const { sku, quantity } of items) {
        const hold = holds.get(keyOf(orderId, sku));
        if (hold?.state === 'RESERVED' || hold?.state === 'COMMITTED') continue;
        const available = stock.get(sku) ?? 0;
        if (hold?.state === 'RELEASED') throw new OutOfStockError([{ sku, requested: quantity, available: 0 }]);
        if (available < quantity) throw new OutOfStockError([{ sku, requested: quantity, available }]);
        stock.set(sku, available - quantity);
        holds.set(keyOf(orderId, sku), { units: quantity, state: 'RESERVED' });
      }
    },
    async release(orderId, items) {
      for (const { sku } of items) {
        const hold = holds.get(keyOf(orderId, sku));
        if (hold?.state === 'COMMITTED' || hold?.state === 'RELEASED') continue;
        if (hold) stock.set(sku, (stock.get(sku) ?? 0) + hold.units);
        holds.set(keyOf(orderId, sku), { units: 0, state: 'RELEASED' });
      }
    },
    async commit(orderId, items) {
      for (const { sku } of items) {
        const hold = holds.get(keyOf(orderId, sku));
        if (hold?.state === 'RESERVED') holds.set(keyOf(orderId, sku), { ...hold, state: 'COMMITTED' });
      }
    },
  };
};

/**
 * A fake OrderEvents that keeps what was published, in order; `failNext(error)` makes the next
 * publish throw it without publishing (a put that never reached EventBridge).
 */
export const recordingOrderEvents = (): OrderEvents & {
  readonly published: OrderEvent[];
  failNext(error: Error): void;
} => {
  const published: OrderEvent[] = [];
  let failure: Error | undefined;
  return {
    published,
    failNext(error) {
      failure = error;
    },
    async publish(events) {
      const thrown = failure;
      failure = undefined;
      if (thrown) throw thrown;
      published.push(...structuredClone(events));
    },
  };
};
