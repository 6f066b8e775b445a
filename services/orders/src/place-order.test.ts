import {
  IdempotencyConflictError,
  UnknownSkuError,
  UnsupportedCurrencyError,
  WorkflowStartError,
} from '@order-platform/domain';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { validOrderRequest } from '@order-platform/domain/testing';
import { inMemoryCatalog, inMemoryOrderRepository, recordingWorkflow } from './in-memory-adapters';
import { placeOrder, type PlaceOrderDependencies } from './place-order';

const setup = (overrides: Partial<PlaceOrderDependencies> = {}) => {
  let ids = 0;
  const orders = inMemoryOrderRepository();
  const workflow = recordingWorkflow();
  const deps: PlaceOrderDependencies = {
    orders,
    workflow,
    catalog: inMemoryCatalog(DEMO_CATALOG),
    clock: () => new Date('2026-11-21T10:00:00.000Z'),
    newOrderId: () => `order-${++ids}`,
    ...overrides,
  };
  return { deps, orders, workflow };
};

describe('placeOrder', () => {
  it('stores a PENDING order priced from the catalog and starts its workflow', async () => {
    const { deps, orders, workflow } = setup();

    const { order, replayed } = await placeOrder(deps, { customerId: 'c-1', request: validOrderRequest() });

    expect(replayed).toBe(false);
    expect(order).toMatchObject({
      orderId: 'order-1',
      status: 'PENDING',
      total: { amount: 8900 + 2 * 2900, currency: 'EUR' },
    });
    expect(orders.stored.get('order-1')).toMatchObject({ paymentToken: 'tok_visa' });
    expect(workflow.starts).toEqual([expect.objectContaining({ orderId: 'order-1', customerId: 'c-1' })]);
  });

  it('places two orders for two requests without a key', async () => {
    const { deps, orders } = setup();
    await placeOrder(deps, { customerId: 'c-1', request: validOrderRequest() });
    await placeOrder(deps, { customerId: 'c-1', request: validOrderRequest() });
    expect(orders.stored.size).toBe(2);
  });

  it.each([
    ['an unknown SKU', validOrderRequest({ items: [{ sku: 'GHOST-1', quantity: 1 }] }), UnknownSkuError],
    ['an unsupported currency', validOrderRequest({ currency: 'CHF' }), UnsupportedCurrencyError],
  ])('writes nothing and starts nothing for %s', async (_, request, errorType) => {
    const { deps, orders, workflow } = setup();
    await expect(placeOrder(deps, { customerId: 'c-1', request })).rejects.toBeInstanceOf(errorType);
    expect(orders.stored.size).toBe(0);
    expect(workflow.starts).toHaveLength(0);
  });

  describe('when the workflow cannot be started', () => {
    const unavailable = { start: jest.fn().mockRejectedValue(new Error('ServiceUnavailable')) };

    it('withdraws a keyless order, so nothing is left that no retry could find', async () => {
      const { deps, orders } = setup({ workflow: unavailable });

      const attempt = placeOrder(deps, { customerId: 'c-1', request: validOrderRequest() });

      await expect(attempt).rejects.toBeInstanceOf(WorkflowStartError);
      await expect(attempt).rejects.toMatchObject({ orderKept: false });
      expect(orders.stored.size).toBe(0);
    });

    it('says the order was kept when withdrawing it failed too', async () => {
      const { deps, orders } = setup({ workflow: unavailable });
      const stuck = { ...orders, withdrawPending: jest.fn().mockRejectedValue(new Error('Throttled')) };

      const attempt = placeOrder({ ...deps, orders: stuck }, { customerId: 'c-1', request: validOrderRequest() });

      await expect(attempt).rejects.toMatchObject({ name: 'WorkflowStartError', orderKept: true });
      expect(orders.stored.size).toBe(1);
    });
  });

  describe('with an Idempotency-Key', () => {
    const command = { customerId: 'c-1', request: validOrderRequest(), idempotencyKey: 'checkout-42' };

    it('returns the same order for a retry and starts no second execution', async () => {
      const { deps, orders, workflow } = setup();

      const first = await placeOrder(deps, command);
      const retry = await placeOrder(deps, { ...command, request: validOrderRequest() });

      expect(retry).toEqual({ order: first.order, replayed: true });
      expect(orders.stored.size).toBe(1);
      expect(workflow.executions.size).toBe(1);
    });

    it('places exactly one order when duplicates arrive at once', async () => {
      const { deps, orders, workflow } = setup();

      const results = await Promise.all(Array.from({ length: 20 }, () => placeOrder(deps, command)));

      expect(new Set(results.map((result) => result.order.orderId)).size).toBe(1);
      expect(results.filter((result) => !result.replayed)).toHaveLength(1);
      expect(orders.stored.size).toBe(1);
      expect(workflow.executions.size).toBe(1);
    });

    it('refuses the same key with another body, changing nothing', async () => {
      const { deps, orders, workflow } = setup();
      const { order } = await placeOrder(deps, command);

      const otherBody = { ...command, request: validOrderRequest({ shippingMethod: 'EXPRESS' }) };
      await expect(placeOrder(deps, otherBody)).rejects.toBeInstanceOf(IdempotencyConflictError);

      expect(orders.stored.get(order.orderId)?.order).toEqual(order);
      expect(workflow.starts).toHaveLength(1);
    });

    it('lets another customer use the same key for their own order', async () => {
      const { deps, orders } = setup();
      const mine = await placeOrder(deps, command);
      const theirs = await placeOrder(deps, { ...command, customerId: 'c-2' });
      expect(theirs.order.orderId).not.toBe(mine.order.orderId);
      expect(orders.stored.size).toBe(2);
    });

    it('recovers an order whose workflow never started when the client retries', async () => {
      const { deps, orders, workflow } = setup();
      const crashingOnce = {
        ...workflow,
        start: jest.fn().mockRejectedValueOnce(new Error('Lambda timed out')).mockImplementation(workflow.start),
      };

      await expect(placeOrder({ ...deps, workflow: crashingOnce }, command)).rejects.toMatchObject({
        name: 'WorkflowStartError',
        orderKept: true,
        cause: new Error('Lambda timed out'),
      });
      expect(orders.stored.size).toBe(1);
      expect(workflow.executions.size).toBe(0);

      const retry = await placeOrder({ ...deps, workflow: crashingOnce }, command);

      expect(retry.replayed).toBe(true);
      expect(workflow.executions.has(retry.order.orderId)).toBe(true);
    });

    it.each(['PAYMENT_CONFIRMED', 'DISPATCHED', 'FAILED'] as const)(
      'answers a replay of an order its execution has taken up (%s) as it is now, starting nothing',
      async (status) => {
        const { deps, orders, workflow } = setup();
        const { order } = await placeOrder(deps, command);
        const stored = orders.stored.get(order.orderId);
        if (!stored) throw new Error('the order was not stored');
        orders.stored.set(order.orderId, { ...stored, order: { ...stored.order, status } });
        workflow.starts.length = 0;

        const retry = await placeOrder(deps, command);

        expect(retry).toEqual({ order: { ...order, status }, replayed: true });
        expect(workflow.starts).toEqual([]);
      },
    );

    it('replays without re-pricing, even if the product has since left the catalog', async () => {
      const { deps } = setup();
      const { order } = await placeOrder(deps, command);

      const retry = await placeOrder({ ...deps, catalog: inMemoryCatalog([]) }, command);

      expect(retry.order.total).toEqual(order.total);
    });
  });
});
