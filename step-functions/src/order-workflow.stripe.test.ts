import { LOCAL_STRIPE_SECRET_KEY } from '@order-platform/local-cloud';
import { startLocalSecretsManager, type LocalSecretsManager } from '@order-platform/local-secrets-manager';
import { startStripeTestServer, type StripeTestServer } from '@order-platform/stripe-test-server';
import { COMPENSATED_AND_ALERTED, HAPPY_PATH, SOLD_OUT } from './testing/paths';
import { retriesOf, startWorkflowHarness, statesEntered } from './testing/workflow-harness';

// The real ASL with the Stripe adapter: the local stage resolved with `paymentProvider: stripe`,
// the deployed step handlers reading the key from a local Secrets Manager and calling the stripe
// SDK, which talks HTTP to the Stripe test server. Retries do not wait; everything else is real.

describe('order workflow with Stripe (real ASL, real stripe SDK, Stripe test server)', () => {
  let stripe: StripeTestServer;
  let secrets: LocalSecretsManager;
  let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;

  const intentOf = (orderId: string) => {
    const intents = stripe.paymentIntents.all().filter((intent) => intent.metadata.order_id === orderId);
    expect(intents).toHaveLength(1);
    return intents[0]!;
  };
  const keysFor = (orderId: string) =>
    stripe.requests
      .filter((request) => request.idempotencyKey?.startsWith(orderId))
      .map((request) => request.idempotencyKey);

  beforeAll(async () => {
    stripe = await startStripeTestServer({ secretKey: LOCAL_STRIPE_SECRET_KEY });
    secrets = await startLocalSecretsManager({
      secrets: { 'order-platform/local/stripe-secret-key': LOCAL_STRIPE_SECRET_KEY },
    });
    harness = await startWorkflowHarness({
      params: { paymentProvider: 'stripe' },
      environment: { STRIPE_API_URL: stripe.url, AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint },
    });
  }, 60_000); // `sls print` takes seconds when turbo runs the other suites beside it

  beforeEach(async () => {
    await harness.resetCatalog();
  });
  afterAll(async () => {
    await harness?.stop();
    await Promise.all([stripe?.stop(), secrets?.stop()]);
  });

  it('happy path: holds on a PaymentIntent, captures it once the parcel is booked, and the order is DISPATCHED', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'pm_card_visa', country: 'DE' });

    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution.events)).toEqual(HAPPY_PATH);
    const intent = intentOf(placed.orderId);
    expect(order).toMatchObject({
      status: 'DISPATCHED',
      payment: { status: 'CAPTURED', authorizationId: intent.id, captureId: intent.latest_charge },
    });
    expect(intent).toMatchObject({
      status: 'succeeded',
      capture_method: 'manual',
      amount: placed.total.amount,
      amount_received: placed.total.amount,
      currency: placed.total.currency.toLowerCase(),
    });
    expect(keysFor(placed.orderId)).toEqual([`${placed.orderId}:authorize`, `${placed.orderId}:capture`]);
    expect(stripe.paymentIntents.refundsOf(intent.id)).toEqual([]);
    expect(alerts).toEqual([]);
    // Read once per function's cold start (ConfirmPayment, CapturePayment), never per call.
    expect(secrets.reads).toEqual(Array(2).fill('order-platform/local/stripe-secret-key'));
  });

  it('declined: the order ends FAILED with payment DECLINED and Stripe’s reason; nothing is held or alerted', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'pm_card_chargeDeclined' });

    expect(execution.status).toBe('SUCCEEDED');
    expect(retriesOf(execution.events)).toEqual({});
    expect(order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'DECLINED' },
      failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: 'Your card was declined.' },
    });
    expect(intentOf(placed.orderId)).toMatchObject({ status: 'requires_payment_method', amount_capturable: 0 });
    expect(keysFor(placed.orderId)).toEqual([`${placed.orderId}:authorize`]);
    expect(alerts).toEqual([]);
  });

  it('out of stock: the hold is released (PaymentIntent canceled), nothing is taken or refunded, the order FAILED', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({
      token: 'pm_card_visa',
      items: [
        { sku: 'KB-001', quantity: 1 },
        { sku: 'LT-006', quantity: 5 },
      ],
    });

    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution.events)).toEqual(SOLD_OUT);
    const intent = intentOf(placed.orderId);
    expect(order).toMatchObject({ status: 'FAILED', payment: { status: 'VOIDED', authorizationId: intent.id } });
    expect(intent).toMatchObject({ status: 'canceled', amount_received: 0, amount_capturable: 0 });
    expect(stripe.paymentIntents.refundsOf(intent.id)).toEqual([]);
    expect(alerts).toEqual([]);
  });

  it('capture failing transiently: the SDK and then the workflow retry under the same key, captured once, DISPATCHED', async () => {
    // Each attempt of the step is two requests (the SDK retries a 5xx once): two attempts fail.
    stripe.failNext({ status: 503, times: 4, path: '/capture$' });

    const { placed, execution, order } = await harness.runOrder({ token: 'pm_card_visa' });

    expect(execution.status).toBe('SUCCEEDED');
    expect(retriesOf(execution.events)).toEqual({ CapturePayment: 2 });
    expect(order).toMatchObject({ status: 'DISPATCHED', payment: { status: 'CAPTURED' } });
    expect(intentOf(placed.orderId)).toMatchObject({ status: 'succeeded', amount_received: placed.total.amount });
    expect(stripe.requests.filter((request) => request.idempotencyKey === `${placed.orderId}:capture`)).toHaveLength(5);
  });

  it('capture refused for good (the hold lapsed): not retried, never DISPATCHED, stock back, FAILED, ops alerted', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'pm_card_authorizationExpires' });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'PaymentCaptureRejected' });
    expect(retriesOf(execution.events)).toEqual({});
    expect(statesEntered(execution.events)).toEqual([...HAPPY_PATH, 'CaptureFailed', ...COMPENSATED_AND_ALERTED]);
    expect(order).toMatchObject({
      status: 'FAILED',
      failure: {
        step: 'CapturePayment',
        error: 'PaymentCaptureRejected',
        cause: expect.stringContaining('status of canceled'),
      },
    });
    expect(order.payment.captureId).toBeUndefined();
    const intent = intentOf(placed.orderId);
    expect(intent).toMatchObject({ status: 'canceled', amount_received: 0 });
    expect(stripe.paymentIntents.refundsOf(intent.id)).toEqual([]);
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(alerts).toEqual([expect.objectContaining({ subject: `Order ${placed.orderId} failed at CapturePayment` })]);
  });
});
