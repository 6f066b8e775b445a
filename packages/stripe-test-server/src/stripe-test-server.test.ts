import Stripe from 'stripe';
import { startStripeTestServer, type StripeTestServer } from './stripe-test-server';

const SECRET_KEY = 'sk_test_stripe_test_server';

describe('the Stripe test server', () => {
  let server: StripeTestServer;
  let stripe: Stripe;

  /** A raw form-encoded request, as Stripe's API takes it. */
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${SECRET_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    });

  const hold = (paymentMethod = 'pm_card_visa', amount = 1299) =>
    stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      capture_method: 'manual',
      confirm: true,
      payment_method: paymentMethod,
      metadata: { order_id: 'order-1' },
    });

  /** The error a call rejected with. */
  const failureOf = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      return error as Stripe.errors.StripeError;
    }
    throw new Error('The call succeeded');
  };

  beforeEach(async () => {
    server = await startStripeTestServer({ secretKey: SECRET_KEY });
    stripe = new Stripe(SECRET_KEY, {
      host: server.host,
      port: server.port,
      protocol: server.protocol,
      maxNetworkRetries: 0,
    });
  });
  afterEach(() => server.stop());

  describe('authentication', () => {
    it('answers 401 without an API key and with another key', async () => {
      const missing = await fetch(`${server.url}/v1/payment_intents/pi_1`);
      const otherKey = new Stripe('sk_test_other', { host: server.host, port: server.port, protocol: 'http' });
      const wrong = await failureOf(otherKey.paymentIntents.retrieve('pi_1'));

      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({
        error: expect.objectContaining({
          type: 'invalid_request_error',
          message: expect.stringContaining('did not provide an API key'),
        }),
      });
      expect(wrong).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
      expect(wrong.message).not.toContain('sk_test_other');
    });
  });

  describe('PaymentIntents with manual capture', () => {
    it('holds the amount on a confirmed intent until it is captured', async () => {
      const held = await hold();
      const captured = await stripe.paymentIntents.capture(held.id);

      expect(held).toMatchObject({
        object: 'payment_intent',
        status: 'requires_capture',
        amount: 1299,
        amount_capturable: 1299,
        amount_received: 0,
        currency: 'eur',
        capture_method: 'manual',
        metadata: { order_id: 'order-1' },
        latest_charge: null,
      });
      expect(captured).toMatchObject({ id: held.id, status: 'succeeded', amount_capturable: 0, amount_received: 1299 });
      expect(captured.latest_charge).toMatch(/^ch_/);
      expect(await stripe.paymentIntents.retrieve(held.id)).toMatchObject({ status: 'succeeded' });
    });

    it('captures part of the hold, and refuses more than it holds', async () => {
      const held = await hold();

      const tooMuch = await failureOf(stripe.paymentIntents.capture(held.id, { amount_to_capture: 1300 }));
      const part = await stripe.paymentIntents.capture(held.id, { amount_to_capture: 1000 });

      expect(tooMuch).toMatchObject({ type: 'StripeInvalidRequestError', code: 'amount_too_large', statusCode: 400 });
      expect(part).toMatchObject({ status: 'succeeded', amount_received: 1000 });
    });

    it('declines with 402 and leaves the intent waiting for another payment method', async () => {
      const declined = await failureOf(hold('pm_card_chargeDeclinedInsufficientFunds'));

      expect(declined).toMatchObject({
        type: 'StripeCardError',
        statusCode: 402,
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      });
      const intent = declined.payment_intent as Stripe.PaymentIntent;
      expect(intent).toMatchObject({ status: 'requires_payment_method', payment_method: null });
      expect(intent.last_payment_error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });
      expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_payment_method' });
    });

    it.each([
      ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
      ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
      ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc'],
      ['tok_declined', 'card_declined', 'generic_decline'],
    ])('declines %s with %s (%s)', async (paymentMethod, code, declineCode) => {
      expect(await failureOf(hold(paymentMethod))).toMatchObject({ statusCode: 402, code, decline_code: declineCode });
    });

    it.each(['pm_card_mastercard', 'pm_card_amex', 'tok_visa'])('holds with %s', async (paymentMethod) => {
      expect(await hold(paymentMethod)).toMatchObject({ status: 'requires_capture' });
    });

    it('refuses a payment method it does not know, naming the parameter', async () => {
      expect(await failureOf(hold('pm_nonexistent'))).toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 400,
        code: 'resource_missing',
        param: 'payment_method',
      });
    });

    it('charges at once with automatic capture, and waits for confirmation without confirm', async () => {
      const charged = await stripe.paymentIntents.create({
        amount: 500,
        currency: 'usd',
        confirm: true,
        payment_method: 'pm_card_visa',
      });
      const unconfirmed = await stripe.paymentIntents.create({
        amount: 500,
        currency: 'GBP',
        payment_method: 'pm_card_visa',
      });
      const bare = await stripe.paymentIntents.create({ amount: 500, currency: 'gbp' });

      expect(charged).toMatchObject({ status: 'succeeded', amount_received: 500, capture_method: 'automatic_async' });
      expect(unconfirmed).toMatchObject({ status: 'requires_confirmation', currency: 'gbp' });
      expect(bare).toMatchObject({ status: 'requires_payment_method' });
    });

    it('refuses a capture unless the intent requires capture', async () => {
      const charged = await stripe.paymentIntents.create({
        amount: 500,
        currency: 'eur',
        confirm: true,
        payment_method: 'pm_card_visa',
      });

      const refused = await failureOf(stripe.paymentIntents.capture(charged.id));

      expect(refused).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
      expect(refused.message).toBe(
        'This PaymentIntent could not be captured because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
      );
    });

    it('lets a pm_card_authorizationExpires hold lapse before it is captured', async () => {
      const held = await hold('pm_card_authorizationExpires');

      const refused = await failureOf(stripe.paymentIntents.capture(held.id));

      expect(refused).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
      expect(refused.payment_intent).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic' });
    });

    it('cancels a hold once; a canceled or captured intent cannot be canceled', async () => {
      const held = await hold();
      const captured = await stripe.paymentIntents.capture((await hold()).id);

      const canceled = await stripe.paymentIntents.cancel(held.id, { cancellation_reason: 'abandoned' });
      const again = await failureOf(stripe.paymentIntents.cancel(held.id));
      const afterCapture = await failureOf(stripe.paymentIntents.cancel(captured.id));

      expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned', amount_capturable: 0 });
      expect(canceled.canceled_at).toEqual(expect.any(Number));
      expect(again).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
      expect(again.message).toContain('has a status of canceled');
      expect(afterCapture.message).toContain('has a status of succeeded');
    });

    it('answers 404 for an intent it does not have', async () => {
      expect(await failureOf(stripe.paymentIntents.retrieve('pi_missing'))).toMatchObject({
        statusCode: 404,
        code: 'resource_missing',
        message: "No such payment_intent: 'pi_missing'",
      });
    });

    it.each([
      [{ currency: 'eur' }, 'parameter_missing', 'amount'],
      [{ amount: '1299' }, 'parameter_missing', 'currency'],
      [{ amount: '12.99', currency: 'eur' }, 'parameter_invalid_integer', 'amount'],
      [{ amount: '1299', currency: 'xyz' }, 'parameter_invalid_empty', 'currency'],
      [{ amount: '49', currency: 'eur' }, 'amount_too_small', 'amount'],
      [{ amount: '1299', currency: 'eur', capture_method: 'later' }, 'parameter_invalid_empty', 'capture_method'],
      [{ amount: '1299', currency: 'eur', 'metadata[a][b]': 'c' }, 'parameter_invalid_string', 'metadata'],
      [{ amount: '1299', currency: 'eur', 'description[a]': 'b' }, 'parameter_invalid_string', 'description'],
    ])('refuses %j with %s on %s', async (form, code, param) => {
      const response = await post('/v1/payment_intents', form);

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: expect.objectContaining({ type: 'invalid_request_error', code, param }),
      });
    });

    it('refuses to confirm without a payment method', async () => {
      const response = await post('/v1/payment_intents', { amount: '1299', currency: 'eur', confirm: 'true' });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { param: 'payment_method' } });
    });

    it('refuses an unknown cancellation reason', async () => {
      const held = await hold();
      const response = await post(`/v1/payment_intents/${held.id}/cancel`, { cancellation_reason: 'bored' });

      expect(response.status).toBe(400);
      expect(await stripe.paymentIntents.retrieve(held.id)).toMatchObject({ status: 'requires_capture' });
    });

    it('answers 404 for a route it does not serve', async () => {
      const response = await post('/v1/charges', { amount: '1' });

      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        error: { message: 'Unrecognized request URL (POST: /v1/charges).' },
      });
    });
  });

  describe('refunds', () => {
    const captured = async () => stripe.paymentIntents.capture((await hold()).id);

    it('gives back a captured payment in full, once', async () => {
      const payment = await captured();

      const refund = await stripe.refunds.create({ payment_intent: payment.id, reason: 'requested_by_customer' });
      const again = await failureOf(stripe.refunds.create({ payment_intent: payment.id }));

      expect(refund).toMatchObject({
        object: 'refund',
        amount: 1299,
        currency: 'eur',
        payment_intent: payment.id,
        charge: payment.latest_charge,
        status: 'succeeded',
        reason: 'requested_by_customer',
      });
      expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
      expect(server.paymentIntents.refundsOf(payment.id)).toHaveLength(1);
    });

    it('refunds in parts up to what was captured', async () => {
      const payment = await captured();

      await stripe.refunds.create({ payment_intent: payment.id, amount: 1000 });
      const tooMuch = await failureOf(stripe.refunds.create({ payment_intent: payment.id, amount: 300 }));
      const rest = await stripe.refunds.create({ payment_intent: payment.id });

      expect(tooMuch).toMatchObject({ code: 'amount_too_large' });
      expect(rest.amount).toBe(299);
    });

    it('refuses to refund an uncaptured hold or an unknown intent', async () => {
      const held = await hold();

      expect(await failureOf(stripe.refunds.create({ payment_intent: held.id }))).toMatchObject({
        statusCode: 400,
        code: 'charge_not_refundable',
      });
      expect(await failureOf(stripe.refunds.create({ payment_intent: 'pi_missing' }))).toMatchObject({
        statusCode: 404,
        param: 'payment_intent',
      });
      expect((await post('/v1/refunds', {})).status).toBe(400);
    });
  });

  describe('idempotency keys', () => {
    it('replays the first answer for the same key and parameters, holding once', async () => {
      const first = await post(
        '/v1/payment_intents',
        { amount: '1299', currency: 'eur', capture_method: 'manual', confirm: 'true', payment_method: 'pm_card_visa' },
        { 'Idempotency-Key': 'order-1:authorize' },
      );
      const second = await post(
        '/v1/payment_intents',
        { payment_method: 'pm_card_visa', confirm: 'true', capture_method: 'manual', currency: 'eur', amount: '1299' },
        { 'Idempotency-Key': 'order-1:authorize' },
      );

      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.headers.get('idempotency-key')).toBe('order-1:authorize');
      expect(await second.json()).toEqual(await first.json());
      expect(server.paymentIntents.all()).toHaveLength(1);
    });

    it('answers 400 idempotency_error for the same key with other parameters or on another endpoint', async () => {
      await stripe.paymentIntents.create(
        { amount: 1299, currency: 'eur', confirm: true, capture_method: 'manual', payment_method: 'pm_card_visa' },
        { idempotencyKey: 'order-2:authorize' },
      );

      const otherAmount = await failureOf(
        stripe.paymentIntents.create(
          { amount: 1300, currency: 'eur', confirm: true, capture_method: 'manual', payment_method: 'pm_card_visa' },
          { idempotencyKey: 'order-2:authorize' },
        ),
      );
      const otherEndpoint = await failureOf(
        stripe.refunds.create(
          { payment_intent: server.paymentIntents.all()[0]!.id },
          { idempotencyKey: 'order-2:authorize' },
        ),
      );

      for (const refused of [otherAmount, otherEndpoint]) {
        expect(refused).toMatchObject({
          type: 'StripeIdempotencyError',
          statusCode: 400,
          rawType: 'idempotency_error',
        });
        expect(refused.message).toContain("Try using a key other than 'order-2:authorize'");
      }
      expect(server.paymentIntents.all()).toHaveLength(1);
    });

    it('replays an error answer of an executed request too (a decline stays a decline)', async () => {
      const request = () =>
        post(
          '/v1/payment_intents',
          { amount: '1299', currency: 'eur', confirm: 'true', payment_method: 'pm_card_chargeDeclined' },
          { 'Idempotency-Key': 'order-3:authorize' },
        );

      const first = await request();
      const replay = await request();

      expect([first.status, replay.status]).toEqual([402, 402]);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(server.paymentIntents.all()).toHaveLength(1);
    });

    it('saves nothing for a request refused before it executed, so the corrected retry executes', async () => {
      const refused = await post(
        '/v1/payment_intents',
        { currency: 'eur' },
        { 'Idempotency-Key': 'order-4:authorize' },
      );
      const corrected = await post(
        '/v1/payment_intents',
        { amount: '1299', currency: 'eur' },
        { 'Idempotency-Key': 'order-4:authorize' },
      );

      expect(refused.status).toBe(400);
      expect(corrected.status).toBe(200);
      expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    });

    it('refuses a key longer than 255 characters', async () => {
      const response = await post(
        '/v1/payment_intents',
        { amount: '1299', currency: 'eur' },
        { 'Idempotency-Key': 'k'.repeat(256) },
      );

      expect(response.status).toBe(400);
      expect(server.paymentIntents.all()).toHaveLength(0);
    });

    it('ignores a key on a GET', async () => {
      const held = await hold();
      const read = () =>
        fetch(`${server.url}/v1/payment_intents/${held.id}`, {
          headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Idempotency-Key': 'read' },
        });

      await read();
      const second = await read();

      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  describe('failures on request', () => {
    it('rate-limits the next request with 429, which the SDK reports as a rate-limit error', async () => {
      server.failNext({ status: 429 });

      const limited = await failureOf(hold());

      expect(limited).toMatchObject({ type: 'StripeRateLimitError', statusCode: 429, code: 'rate_limit' });
      expect(await hold()).toMatchObject({ status: 'requires_capture' });
    });

    it('fails with 5xx in front of the API: nothing is saved, so a retry under the same key executes once', async () => {
      server.failNext({ status: 500, times: 2 });
      const create = () =>
        stripe.paymentIntents.create(
          { amount: 1299, currency: 'eur', confirm: true, capture_method: 'manual', payment_method: 'pm_card_visa' },
          { idempotencyKey: 'order-5:authorize' },
        );

      expect(await failureOf(create())).toMatchObject({
        type: 'StripeAPIError',
        statusCode: 500,
        rawType: 'api_error',
      });
      expect(await failureOf(create())).toMatchObject({ statusCode: 500 });
      const held = await create();
      const replayed = await create();

      expect(replayed.id).toBe(held.id);
      expect(server.paymentIntents.all()).toHaveLength(1);
      expect(server.requests.map((request) => [request.status, request.replayed])).toEqual([
        [500, false],
        [500, false],
        [200, false],
        [200, true],
      ]);
    });

    it('fails only the requests whose path matches, as told over HTTP', async () => {
      const held = await hold();
      const told = await fetch(`${server.url}/__test__/failures`, {
        method: 'POST',
        body: JSON.stringify({ status: 503, path: '/capture$' }),
      });

      expect(told.status).toBe(200);
      expect(await stripe.paymentIntents.retrieve(held.id)).toMatchObject({ status: 'requires_capture' });
      expect(await failureOf(stripe.paymentIntents.capture(held.id))).toMatchObject({ statusCode: 503 });
      expect(await stripe.paymentIntents.capture(held.id)).toMatchObject({ status: 'succeeded' });
    });

    it('refuses a failure it cannot answer', async () => {
      const told = await fetch(`${server.url}/__test__/failures`, {
        method: 'POST',
        body: JSON.stringify({ status: 404 }),
      });
      const garbled = await fetch(`${server.url}/__test__/failures`, { method: 'POST', body: 'status=500' });

      expect(told.status).toBe(400);
      expect(garbled.status).toBe(400);
      expect(() => server.failNext({ status: 418 as 500 })).toThrow('A failure is 429, 500, 502 or 503, not 418');
    });
  });
});
