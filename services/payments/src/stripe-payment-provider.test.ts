import { money, PaymentCaptureRejectedError, PaymentProviderUnavailableError } from '@order-platform/domain';
import { startStripeTestServer, type StripeTestServer } from '@order-platform/stripe-test-server';
import Stripe from 'stripe';
import type { PaymentProvider } from './ports';
import { buildStripePaymentProvider } from './stripe-payment-provider';

const SECRET_KEY = 'sk_test_adapter';
const TOTAL = money(4598, 'EUR');

describe('the Stripe payment provider, through the stripe SDK against the Stripe test server', () => {
  let server: StripeTestServer;
  let provider: PaymentProvider;
  let stripe: Stripe;

  const clientFor = (key: string, options: Stripe.StripeConfig = {}) =>
    new Stripe(key, {
      host: server.host,
      port: server.port,
      protocol: server.protocol,
      maxNetworkRetries: 0,
      ...options,
    });
  const intentOf = (id: string) => server.paymentIntents.all().find((intent) => intent.id === id);
  const authorized = async (orderId = 'order-1', token = 'pm_card_visa') => {
    const outcome = await provider.authorize({ orderId, token, amount: TOTAL });
    if (outcome.outcome !== 'AUTHORIZED') throw new Error(`Not authorized: ${outcome.reason}`);
    return outcome.authorizationId;
  };

  beforeEach(async () => {
    server = await startStripeTestServer({ secretKey: SECRET_KEY });
    stripe = clientFor(SECRET_KEY);
    provider = buildStripePaymentProvider(stripe);
  });
  afterEach(() => server.stop());

  describe('authorize', () => {
    it('holds the total on a manual-capture PaymentIntent, keyed and labelled by the order', async () => {
      const authorizationId = await authorized();

      expect(intentOf(authorizationId)).toMatchObject({
        status: 'requires_capture',
        amount: 4598,
        currency: 'eur',
        capture_method: 'manual',
        amount_capturable: 4598,
        metadata: { order_id: 'order-1' },
      });
      expect(server.requests).toEqual([
        expect.objectContaining({ method: 'POST', path: '/v1/payment_intents', idempotencyKey: 'order-1:authorize' }),
      ]);
    });

    it('answers the first hold again when asked again: one hold per order', async () => {
      const first = await authorized();
      const second = await authorized();

      expect(second).toBe(first);
      expect(server.paymentIntents.all()).toHaveLength(1);
      expect(server.requests.map((request) => request.replayed)).toEqual([false, true]);
    });

    it.each([
      ['pm_card_chargeDeclined', 'Your card was declined.'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'Your card has insufficient funds.'],
      ['pm_card_chargeDeclinedExpiredCard', 'Your card has expired.'],
      ['pm_card_unknown', 'The payment method was not found'],
    ])('answers a decline for %s as DECLINED: "%s", not as an error', async (token, reason) => {
      expect(await provider.authorize({ orderId: 'order-2', token, amount: TOTAL })).toEqual({
        outcome: 'DECLINED',
        reason,
      });
    });

    it('answers the same decline when a retry asks again, and holds nothing', async () => {
      const ask = () => provider.authorize({ orderId: 'order-3', token: 'pm_card_chargeDeclined', amount: TOTAL });

      expect(await ask()).toEqual(await ask());
      expect(server.paymentIntents.all().map((intent) => intent.status)).toEqual(['requires_payment_method']);
    });

    it.each([429, 500, 503] as const)('reports a %i from Stripe as PaymentProviderUnavailable', async (status) => {
      server.failNext({ status });

      const failure = provider.authorize({ orderId: 'order-4', token: 'pm_card_visa', amount: TOTAL });

      await expect(failure).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
      await expect(failure).rejects.toThrow(`Stripe ${status}`);
      expect(await authorized('order-4')).toMatch(/^pi_/);
      expect(server.paymentIntents.all()).toHaveLength(1);
    });

    it('reports no connection to Stripe as PaymentProviderUnavailable', async () => {
      await server.stop();

      const failure = provider.authorize({ orderId: 'order-5', token: 'pm_card_visa', amount: TOTAL });

      await expect(failure).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
      await expect(failure).rejects.toThrow('Stripe connection StripeConnectionError: ');
    });

    it('reports a secret key Stripe refuses as PaymentProviderUnavailable, without the key', async () => {
      const refused = buildStripePaymentProvider(clientFor('sk_test_revoked_key_value'));

      const failure = await refused
        .authorize({ orderId: 'order-6', token: 'pm_card_visa', amount: TOTAL })
        .catch((e: Error) => e);

      expect(failure).toBeInstanceOf(PaymentProviderUnavailableError);
      expect((failure as Error).message).not.toContain('sk_test_revoked_key_value');
    });

    it('lets a request Stripe refuses for another reason than the payment method through as it is: a bug, not a decline', async () => {
      const failure = provider.authorize({ orderId: 'order-12', token: 'pm_card_visa', amount: money(10, 'EUR') });

      await expect(failure).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        code: 'amount_too_small',
        param: 'amount',
      });
      await expect(failure).rejects.not.toBeInstanceOf(PaymentProviderUnavailableError);
    });

    it('lets the SDK retry a 5xx under the same key: one hold', async () => {
      const retrying = buildStripePaymentProvider(clientFor(SECRET_KEY, { maxNetworkRetries: 2 }));
      server.failNext({ status: 500 });

      const outcome = await retrying.authorize({ orderId: 'order-7', token: 'pm_card_visa', amount: TOTAL });

      expect(outcome.outcome).toBe('AUTHORIZED');
      expect(server.requests.map((request) => [request.status, request.idempotencyKey])).toEqual([
        [500, 'order-7:authorize'],
        [200, 'order-7:authorize'],
      ]);
      expect(server.paymentIntents.all()).toHaveLength(1);
    });
  });

  describe('capture', () => {
    it('takes the held amount and answers the charge; a second capture answers the first again', async () => {
      const authorizationId = await authorized();

      const first = await provider.capture({ orderId: 'order-1', authorizationId, amount: TOTAL });
      const second = await provider.capture({ orderId: 'order-1', authorizationId, amount: TOTAL });

      expect(first.captureId).toMatch(/^ch_/);
      expect(second).toEqual(first);
      expect(intentOf(authorizationId)).toMatchObject({ status: 'succeeded', amount_received: 4598 });
      expect(server.requests.at(-1)).toMatchObject({ idempotencyKey: 'order-1:capture', replayed: true });
    });

    it('answers the capture an earlier attempt made, when Stripe no longer knows its key', async () => {
      const authorizationId = await authorized();
      const earlier = await stripe.paymentIntents.capture(authorizationId, {}, { idempotencyKey: 'forgotten' });

      expect(await provider.capture({ orderId: 'order-1', authorizationId, amount: TOTAL })).toEqual({
        captureId: earlier.latest_charge,
      });
    });

    it('reports a hold that lapsed before capture as PaymentCaptureRejected', async () => {
      const authorizationId = await authorized('order-8', 'pm_card_authorizationExpires');

      const failure = provider.capture({ orderId: 'order-8', authorizationId, amount: TOTAL });

      await expect(failure).rejects.toBeInstanceOf(PaymentCaptureRejectedError);
      await expect(failure).rejects.toThrow('payment_intent_unexpected_state');
      await expect(failure).rejects.toMatchObject({
        cause: expect.objectContaining({ type: 'StripeInvalidRequestError', code: 'payment_intent_unexpected_state' }),
      });
    });

    it('reports a released hold, an unknown intent and an amount over the hold as PaymentCaptureRejected', async () => {
      const released = await authorized('order-9');
      await provider.void({ orderId: 'order-9', authorizationId: released });
      const held = await authorized('order-10');

      for (const request of [
        { orderId: 'order-9', authorizationId: released, amount: TOTAL },
        { orderId: 'order-11', authorizationId: 'pi_unknown', amount: TOTAL },
        { orderId: 'order-10', authorizationId: held, amount: money(TOTAL.amount + 1, 'EUR') },
      ]) {
        await expect(provider.capture(request)).rejects.toBeInstanceOf(PaymentCaptureRejectedError);
      }
      expect(intentOf(held)).toMatchObject({ status: 'requires_capture' });
    });

    it('reports an outage during capture as PaymentProviderUnavailable, and the retry captures once', async () => {
      const authorizationId = await authorized();
      server.failNext({ status: 503, path: '/capture$' });

      await expect(provider.capture({ orderId: 'order-1', authorizationId, amount: TOTAL })).rejects.toBeInstanceOf(
        PaymentProviderUnavailableError,
      );
      expect((await provider.capture({ orderId: 'order-1', authorizationId, amount: TOTAL })).captureId).toMatch(
        /^ch_/,
      );
    });
  });

  describe('void', () => {
    it('releases a hold once: the next void answers voided false', async () => {
      const authorizationId = await authorized();

      expect(await provider.void({ orderId: 'order-1', authorizationId })).toEqual({ voided: true });
      expect(await provider.void({ orderId: 'order-1', authorizationId })).toEqual({ voided: false });
      expect(intentOf(authorizationId)).toMatchObject({ status: 'canceled', amount_capturable: 0 });
      expect(server.requests.filter((request) => request.path.endsWith('/cancel'))).toEqual([
        expect.objectContaining({ method: 'POST', idempotencyKey: 'order-1:void', status: 200 }),
      ]);
    });

    it('answers voided false for an intent that never held or that Stripe does not have', async () => {
      await provider.authorize({ orderId: 'order-2', token: 'pm_card_chargeDeclined', amount: TOTAL });
      const declined = server.paymentIntents.all()[0]!.id;

      expect(await provider.void({ orderId: 'order-2', authorizationId: declined })).toEqual({ voided: false });
      expect(intentOf(declined)).toMatchObject({ status: 'canceled' });
      expect(await provider.void({ orderId: 'order-3', authorizationId: 'pi_unknown' })).toEqual({ voided: false });
    });

    it('gives the money back when the hold turns out captured, so nothing is kept', async () => {
      const authorizationId = await authorized();
      await stripe.paymentIntents.capture(authorizationId);

      expect(await provider.void({ orderId: 'order-1', authorizationId })).toEqual({ voided: true });
      expect(server.paymentIntents.refundsOf(authorizationId)).toEqual([expect.objectContaining({ amount: 4598 })]);
    });

    it('answers voided false when the hold is captured between its read and its cancel, so the money is refunded', async () => {
      const authorizationId = await authorized();
      // The intent read as held, then captured (by a capture whose answer was lost) before the cancel lands.
      const capturedMeanwhile = {
        ...stripe,
        paymentIntents: {
          retrieve: async (id: string) => {
            const intent = await stripe.paymentIntents.retrieve(id);
            await stripe.paymentIntents.capture(id);
            return intent;
          },
          cancel: (...args: Parameters<Stripe['paymentIntents']['cancel']>) => stripe.paymentIntents.cancel(...args),
        },
      } as unknown as Stripe;

      expect(await buildStripePaymentProvider(capturedMeanwhile).void({ orderId: 'order-1', authorizationId })).toEqual(
        {
          voided: false,
        },
      );
      expect(intentOf(authorizationId)).toMatchObject({ status: 'succeeded' });
    });

    it('reports an outage while it reads the intent as PaymentProviderUnavailable, rather than as nothing to void', async () => {
      const authorizationId = await authorized();
      server.failNext({ status: 503, path: '^/v1/payment_intents/pi_[^/]+$' });

      await expect(provider.void({ orderId: 'order-1', authorizationId })).rejects.toBeInstanceOf(
        PaymentProviderUnavailableError,
      );
      expect(intentOf(authorizationId)).toMatchObject({ status: 'requires_capture' });
      expect(await provider.void({ orderId: 'order-1', authorizationId })).toEqual({ voided: true });
    });

    it('reports an outage as PaymentProviderUnavailable and keeps the hold for the retry', async () => {
      const authorizationId = await authorized();
      server.failNext({ status: 429, path: '/cancel$' });

      await expect(provider.void({ orderId: 'order-1', authorizationId })).rejects.toBeInstanceOf(
        PaymentProviderUnavailableError,
      );
      expect(await provider.void({ orderId: 'order-1', authorizationId })).toEqual({ voided: true });
    });
  });

  describe('refund', () => {
    const captured = async (orderId: string) => {
      const authorizationId = await authorized(orderId);
      await provider.capture({ orderId, authorizationId, amount: TOTAL });
      return authorizationId;
    };

    it('gives back a captured payment in full, once, keyed by the order', async () => {
      const authorizationId = await captured('order-1');

      expect(await provider.refund({ orderId: 'order-1', authorizationId, amount: TOTAL })).toEqual({ refunded: true });
      expect(await provider.refund({ orderId: 'order-1', authorizationId, amount: TOTAL })).toEqual({ refunded: true });
      expect(server.paymentIntents.refundsOf(authorizationId)).toEqual([
        expect.objectContaining({ amount: 4598, metadata: { order_id: 'order-1' } }),
      ]);
      expect(server.requests.at(-1)).toMatchObject({ idempotencyKey: 'order-1:refund', replayed: true });
    });

    it('answers refunded false when the charge was already refunded under another key', async () => {
      const authorizationId = await captured('order-2');
      await stripe.refunds.create({ payment_intent: authorizationId });

      expect(await provider.refund({ orderId: 'order-2', authorizationId, amount: TOTAL })).toEqual({
        refunded: false,
      });
    });

    it('answers refunded false for a payment never captured, and releases its hold', async () => {
      const authorizationId = await authorized('order-3');

      expect(await provider.refund({ orderId: 'order-3', authorizationId, amount: TOTAL })).toEqual({
        refunded: false,
      });
      expect(intentOf(authorizationId)).toMatchObject({ status: 'canceled' });
      expect(await provider.refund({ orderId: 'order-4', authorizationId: 'pi_unknown', amount: TOTAL })).toEqual({
        refunded: false,
      });
    });

    it('reports an outage as PaymentProviderUnavailable', async () => {
      const authorizationId = await captured('order-5');
      server.failNext({ status: 500, path: '^/v1/refunds$' });

      await expect(provider.refund({ orderId: 'order-5', authorizationId, amount: TOTAL })).rejects.toBeInstanceOf(
        PaymentProviderUnavailableError,
      );
    });
  });
});

describe('the Stripe payment provider, at its edges', () => {
  /** A stripe client whose every call answers `answer` (what the test server cannot be made to do). */
  const stripeAnswering = (answer: () => Promise<unknown>) =>
    ({ paymentIntents: { create: answer, retrieve: answer }, refunds: { create: answer } }) as unknown as Stripe;

  it('reports an intent Stripe left processing as PaymentProviderUnavailable', async () => {
    const provider = buildStripePaymentProvider(stripeAnswering(async () => ({ id: 'pi_1', status: 'processing' })));

    await expect(provider.authorize({ orderId: 'o', token: 'pm_card_visa', amount: TOTAL })).rejects.toThrow(
      'Stripe left PaymentIntent pi_1 processing',
    );
  });

  it('answers DECLINED when the card needs the customer to authenticate', async () => {
    const provider = buildStripePaymentProvider(
      stripeAnswering(async () => ({ id: 'pi_2', status: 'requires_action' })),
    );

    expect(await provider.authorize({ orderId: 'o', token: 'pm_card_visa', amount: TOTAL })).toEqual({
      outcome: 'DECLINED',
      reason: expect.stringContaining('authenticate (3D Secure)'),
    });
  });

  it.each([
    ['its last payment error', { message: 'Your card was declined.' }, 'Your card was declined.'],
    ['no payment error', undefined, 'Card declined'],
  ])(
    'answers DECLINED for an intent that asks for another payment method, with %s as the reason',
    async (_, lastPaymentError, reason) => {
      const provider = buildStripePaymentProvider(
        stripeAnswering(async () => ({
          id: 'pi_5',
          status: 'requires_payment_method',
          last_payment_error: lastPaymentError,
        })),
      );

      expect(await provider.authorize({ orderId: 'o', token: 'pm_card_visa', amount: TOTAL })).toEqual({
        outcome: 'DECLINED',
        reason,
      });
    },
  );

  it('asks for a hold no customer is redirected for, in the lower-case currency Stripe takes, described by the order', async () => {
    const create = jest.fn(async () => ({ id: 'pi_6', status: 'requires_capture' }));
    const provider = buildStripePaymentProvider({ paymentIntents: { create } } as unknown as Stripe);

    await provider.authorize({ orderId: 'order-6', token: 'pm_card_visa', amount: TOTAL });

    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({
        currency: 'eur',
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        description: 'Order order-6',
      }),
      { idempotencyKey: 'order-6:authorize' },
    );
  });

  it('reports a 409 (another request under the same key still running) as PaymentProviderUnavailable, for a retry', async () => {
    const inFlight = new Stripe.errors.StripeAPIError({
      message: 'There is currently another in-progress request using this Stripe-Idempotency-Key.',
      statusCode: 409,
    });
    const provider = buildStripePaymentProvider(stripeAnswering(() => Promise.reject(inFlight)));

    await expect(provider.authorize({ orderId: 'o', token: 'pm_card_visa', amount: TOTAL })).rejects.toMatchObject({
      name: 'PaymentProviderUnavailable',
      cause: inFlight,
    });
  });

  it('lets a rejection with no error at all through unchanged', async () => {
    const provider = buildStripePaymentProvider(stripeAnswering(() => Promise.reject(null)));

    await expect(provider.authorize({ orderId: 'o', token: 'pm_card_visa', amount: TOTAL })).rejects.toBeNull();
  });

  it('lets an error that is not Stripe’s through unchanged (a bug, never retried as an outage)', async () => {
    const bug = new TypeError('boom');
    const provider = buildStripePaymentProvider(stripeAnswering(() => Promise.reject(bug)));

    await expect(provider.authorize({ orderId: 'o', token: 'pm_card_visa', amount: TOTAL })).rejects.toBe(bug);
    await expect(provider.refund({ orderId: 'o', authorizationId: 'pi_3', amount: TOTAL })).rejects.toBe(bug);
  });
});
