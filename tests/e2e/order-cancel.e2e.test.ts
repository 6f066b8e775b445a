import { paginateGetExecutionHistory, type HistoryEvent } from '@aws-sdk/client-sfn';
import { OrderSchema } from '@order-platform/api';
import { isTerminal, type Order } from '@order-platform/domain';
import { validOrderRequest } from '@order-platform/domain/testing';
import { signLocalToken } from '@order-platform/local-cloud';
import { OPS_SCOPE } from '@order-platform/ops';
import { CANCELLED, withBranchesInNameOrder } from '@order-platform/workflow/testing';
import { randomUUID } from 'node:crypto';
import { eventually, startLocalStack, type LocalStack } from './local-stack';

// Cancelling orders over HTTP on the local stack (`npm start`), at each stage of their workflow:
// the sandbox holds the named step at its checkpoint (an address line 2 `SANDBOX PAUSE <Step>`,
// 3 s on the local stage), the test waits for the order to reach the stage, cancels it through
// POST /orders/{orderId}/cancel, and follows it to CANCELLED through GET /orders/{orderId}, the
// catalog's stock, the execution (AWS SDK) and the SNS stand-in.
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
}, 120_000);

afterAll(() => stack?.stop());

const pausedAt = (step: string) =>
  validOrderRequest({ shippingAddress: { ...validOrderRequest().shippingAddress, line2: `SANDBOX PAUSE ${step}` } });

const stockOf = async (sku: string): Promise<number> => {
  const { body } = await stack.call('GET', '/catalog');
  return (body.products as { sku: string; stock: number }[]).find((product) => product.sku === sku)?.stock ?? NaN;
};

const cancel = (orderId: string, customerId: string, token?: string) =>
  stack.call('POST', `/orders/${orderId}/cancel`, token ? { token } : { customerId });

/** Waits for the order to reach `status` (its workflow held at the next step), over HTTP. */
const reached = (orderId: string, customerId: string, status: Order['status']) =>
  eventually(
    () => stack.call('GET', `/orders/${orderId}`, { customerId }),
    (response) => response.body?.status === status,
    `order ${orderId} reaching ${status}`,
  );

/** Follows the order to its end: the order, its execution and its history, and its alerts. */
const followToEnd = async (orderId: string, customerId: string) => {
  const fetched = await eventually(
    () => stack.call('GET', `/orders/${orderId}`, { customerId }),
    (response) => isTerminal(response.body.status),
    `order ${orderId} settling`,
  );
  const execution = await eventually(
    () => stack.describeExecution(orderId),
    (described) => described.status !== 'RUNNING',
    `execution ${orderId} closing`,
  );
  const history: HistoryEvent[] = [];
  for await (const page of paginateGetExecutionHistory(
    { client: stack.sfn },
    { executionArn: stack.executionArnOf(orderId) },
  )) {
    history.push(...(page.events ?? []));
  }
  const { messages } = (await (await fetch(`${stack.platform.snsEndpoint}/messages`)).json()) as {
    messages: { message: string }[];
  };
  const alerts = messages.map((published) => JSON.parse(published.message)).filter((a) => a.orderId === orderId);
  const states = withBranchesInNameOrder(
    history
      .filter((event) => event.type?.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails?.name ?? ''),
  );
  return { order: OrderSchema.parse(fetched.body), execution, states, alerts };
};

describe('cancelling an order on the local stack', () => {
  it.each([
    ['PENDING', 'ConfirmPayment', ['PENDING', 'CANCELLED']],
    ['PAYMENT_CONFIRMED', 'ReserveStock', ['PENDING', 'PAYMENT_CONFIRMED', 'CANCELLED']],
    ['PROCURED', 'BookShipment', ['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED', 'CANCELLED']],
  ] as const)(
    'while %s: 202 with the order, then CANCELLED with its stock back and its hold voided, the execution SUCCEEDED, no alert',
    async (status, heldAt, timeline) => {
      const before = { keyboard: await stockOf('KB-001'), mouse: await stockOf('MS-002') };
      const placed = await stack.placeOrder('carol', pausedAt(heldAt));
      expect(placed.status).toBe(202);
      const { orderId } = placed.body as Order;
      await reached(orderId, 'carol', status);

      const accepted = await cancel(orderId, 'carol');

      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({
        orderId,
        status,
        cancellation: { requestedAt: expect.any(String), requestedBy: 'customer' },
      });
      const { order, execution, states, alerts } = await followToEnd(orderId, 'carol');
      expect(order).toMatchObject({ status: 'CANCELLED', cancellation: accepted.body.cancellation });
      expect(order.timeline.map((entry) => entry.status)).toEqual(timeline);
      expect(order.shipment).toBeUndefined();
      // Nothing was held before ConfirmPayment noticed (FAILED: no hold was made); after it, the hold is voided.
      expect(order.payment.status).toBe(status === 'PENDING' ? 'FAILED' : 'VOIDED');
      expect(execution.status).toBe('SUCCEEDED');
      expect(states.slice(-CANCELLED.length)).toEqual(CANCELLED);
      expect(alerts).toEqual([]);
      expect({ keyboard: await stockOf('KB-001'), mouse: await stockOf('MS-002') }).toEqual(before);

      // Asking again is harmless: the same order, the same request.
      const repeated = await cancel(orderId, 'carol');
      expect(repeated.status).toBe(202);
      expect(repeated.body).toEqual(order);
    },
  );

  it('after dispatch: 409 problem+json, and the order stays DISPATCHED', async () => {
    const placed = await stack.placeOrder('dave', validOrderRequest());
    const { orderId } = placed.body as Order;
    const { order: dispatched } = await followToEnd(orderId, 'dave');
    expect(dispatched.status).toBe('DISPATCHED');

    const refused = await cancel(orderId, 'dave');

    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ type: 'urn:order-platform:problem:order-not-cancellable', status: 409 });
    expect((await stack.call('GET', `/orders/${orderId}`, { customerId: 'dave' })).body).toEqual(dispatched);
  });

  it('another customer’s order is a 404 and stays as it is; ops may cancel it; a bad id is a 400', async () => {
    const placed = await stack.placeOrder('erin', pausedAt('ReserveStock'));
    const { orderId } = placed.body as Order;
    await reached(orderId, 'erin', 'PAYMENT_CONFIRMED');

    const theirs = await cancel(orderId, 'mallory');
    const missing = await cancel(randomUUID(), 'mallory');
    expect([theirs.status, missing.status]).toEqual([404, 404]);
    expect((await stack.call('GET', `/orders/${orderId}`, { customerId: 'erin' })).body.cancellation).toBeUndefined();
    expect((await cancel('not-an-order-id', 'erin')).status).toBe(400);

    const byOps = await cancel(orderId, 'ops-1', signLocalToken('ops-1', { scopes: [OPS_SCOPE] }));
    expect(byOps.status).toBe(202);
    expect(byOps.body.cancellation).toMatchObject({ requestedBy: 'ops' });
    expect((await followToEnd(orderId, 'erin')).order.status).toBe('CANCELLED');
  });

  it('refuses a cancel without a token before any Lambda runs (API Gateway’s 401)', async () => {
    expect((await stack.call('POST', `/orders/${randomUUID()}/cancel`)).status).toBe(401);
  });
});
