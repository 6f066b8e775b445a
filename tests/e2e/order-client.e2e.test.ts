import {
  createOrderClient,
  OrderNotFoundError,
  UnauthorizedError,
  UnknownSkuError,
  ValidationError,
  type OrderClient,
} from '@order-platform/client';
import { anOrderRequest } from '@order-platform/client/testing';
import { signLocalToken } from '@order-platform/local-cloud';
import { randomUUID } from 'node:crypto';
import { startLocalStack, type LocalStack } from './local-stack';

// packages/client against the local stack over real HTTP (serverless-offline, the JWT authorizer,
// the bundled handlers, the workflow): what a shop's code gets when it calls the API with it.
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
}, 120_000);

afterAll(() => stack?.stop());

const clientFor = (customerId: string | undefined): OrderClient =>
  createOrderClient({
    baseUrl: stack.platform.apiUrl,
    ...(customerId === undefined ? {} : { token: signLocalToken(customerId) }),
  });

const aCustomer = () => `client-${randomUUID().slice(0, 8)}`;

describe('the order client on the local stack', () => {
  it('places an order and waits for it to be dispatched; a retry with its key returns the same order', async () => {
    const client = clientFor(aCustomer());
    const statuses: string[] = [];

    const placed = await client.placeOrder(anOrderRequest(), { idempotencyKey: 'client-e2e-dispatched' });
    const settled = await client.waitForOrder(placed.orderId, {
      timeoutMs: 45_000,
      intervalMs: 100,
      onChange: (order) => statuses.push(order.status),
    });
    const replayed = await client.placeOrder(anOrderRequest(), { idempotencyKey: 'client-e2e-dispatched' });

    expect(settled).toMatchObject({ orderId: placed.orderId, status: 'DISPATCHED', payment: { status: 'CAPTURED' } });
    expect(statuses.at(-1)).toBe('DISPATCHED');
    expect(replayed.orderId).toBe(placed.orderId);
  });

  it('follows a declined card to FAILED, saying why', async () => {
    const client = clientFor(aCustomer());

    const placed = await client.placeOrder(anOrderRequest({ payment: { token: 'tok_declined' } }));
    const settled = await client.waitForOrder(placed.orderId, { timeoutMs: 45_000, intervalMs: 100 });

    expect(settled).toMatchObject({ status: 'FAILED', payment: { status: 'DECLINED' } });
    expect(settled.failure?.cause).toContain('declined');
  });

  it('cancels an order held before its payment, which ends CANCELLED', async () => {
    const client = clientFor(aCustomer());
    const held = anOrderRequest();
    const placed = await client.placeOrder({
      ...held,
      shippingAddress: { ...held.shippingAddress, line2: 'SANDBOX PAUSE ConfirmPayment' },
    });

    const cancelling = await client.cancelOrder(placed.orderId);
    const settled = await client.waitForOrder(placed.orderId, { timeoutMs: 45_000, intervalMs: 100 });

    expect(cancelling.cancellation).toMatchObject({ requestedBy: 'customer' });
    expect(settled.status).toBe('CANCELLED');
  });

  it("pages through the customer's orders, newest first", async () => {
    const client = clientFor(aCustomer());
    const placed = [];
    for (let index = 0; index < 3; index += 1) placed.push(await client.placeOrder(anOrderRequest()));

    const pages = [];
    for await (const page of client.listOrders({ limit: 2 })) pages.push(page.orders.map((order) => order.orderId));

    expect(pages).toEqual([[placed[2]?.orderId, placed[1]?.orderId], [placed[0]?.orderId]]);
  });

  it('reads the catalog with a price per currency', async () => {
    const catalog = await clientFor(undefined).getCatalog();

    expect(catalog.products.length).toBeGreaterThan(0);
    expect(catalog.products[0]?.unitPrices).toHaveProperty('EUR');
  });

  it('turns the API’s refusals into typed errors', async () => {
    const client = clientFor(aCustomer());

    await expect(client.getOrder(randomUUID())).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(clientFor(undefined).getOrder(randomUUID())).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(
      client.placeOrder(anOrderRequest({ items: [{ sku: 'NO-SUCH', quantity: 1 }] })),
    ).rejects.toBeInstanceOf(UnknownSkuError);
    await expect(client.placeOrder(anOrderRequest({ items: [] }))).rejects.toBeInstanceOf(ValidationError);
  });
});
