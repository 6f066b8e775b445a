import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { money, PaymentProviderUnavailableError } from '@order-platform/domain';
import { stepHandler } from '@order-platform/lambda';
import { recordingLogs } from '@order-platform/lambda/testing';
import { startLocalSecretsManager, type LocalSecretsManager } from '@order-platform/local-secrets-manager';
import { startStripeTestServer, type StripeTestServer } from '@order-platform/stripe-test-server';
import { OrderStepInputSchema } from '@order-platform/workflow';
import { stripeEndpointFromEnvironment, stripePaymentProviderFromEnvironment } from './stripe-from-environment';

const SECRET_ID = 'order-platform/test/stripe-secret-key';
const SECRET_KEY = 'sk_test_51SecretValueNobodyMayRead';
const TOTAL = money(2599, 'EUR');

describe('the Stripe provider of a Lambda, its key read from Secrets Manager', () => {
  const saved = { ...process.env };
  let secretsManager: LocalSecretsManager;
  let stripeServer: StripeTestServer;

  /** What a Lambda would build at cold start: the SDK finds Secrets Manager through its endpoint variable. */
  const coldStart = () => stripePaymentProviderFromEnvironment();
  /** Until the secret has been asked for (the cold-start read runs without a call). */
  const secretRead = async () => {
    for (let waited = 0; secretsManager.reads.length === 0 && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeEach(async () => {
    secretsManager = await startLocalSecretsManager({ secrets: { [SECRET_ID]: SECRET_KEY } });
    stripeServer = await startStripeTestServer({ secretKey: SECRET_KEY });
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      STRIPE_SECRET_ID: SECRET_ID,
      STRIPE_API_URL: stripeServer.url,
    });
  });
  afterEach(async () => {
    process.env = { ...saved };
    await Promise.all([secretsManager.stop(), stripeServer.stop()]);
  });

  it('reads the secret once, at cold start, and holds with it', async () => {
    const provider = coldStart();
    await secretRead();
    expect(secretsManager.reads).toEqual([SECRET_ID]);

    const first = await provider.authorize({ orderId: 'order-1', token: 'pm_card_visa', amount: TOTAL });
    await provider.authorize({ orderId: 'order-2', token: 'pm_card_visa', amount: TOTAL });

    expect(first).toMatchObject({ outcome: 'AUTHORIZED' });
    expect(stripeServer.paymentIntents.all()).toHaveLength(2);
    expect(secretsManager.reads).toEqual([SECRET_ID]);
  });

  it('never puts the key in the environment, a log line, a step result or a step error', async () => {
    const logs = recordingLogs();
    const provider = coldStart();
    // The token comes from the order record, as ConfirmPayment reads it: here, by order.
    const tokens: Record<string, string> = { 'order-2': 'pm_card_chargeDeclined' };
    const step = stepHandler(
      OrderStepInputSchema,
      async ({ orderId }, logger) => {
        const outcome = await provider.authorize({ orderId, token: tokens[orderId] ?? 'pm_card_visa', amount: TOTAL });
        logger.info('Authorization answered', { outcome });
        return outcome;
      },
      logs,
    );
    const answered: unknown[] = [];
    const run = (input: unknown) =>
      step(input, { functionName: 'confirmPayment', awsRequestId: 'r' }).then(
        (result) => answered.push(result),
        (error: Error) => answered.push({ name: error.name, message: error.message, stack: error.stack }),
      );

    await run({ orderId: 'order-1' });
    await run({ orderId: 'order-2' });
    stripeServer.failNext({ status: 500 });
    stripeServer.failNext({ status: 500 });
    await run({ orderId: 'order-3' });
    secretsManager.put(SECRET_ID, 'sk_test_RotatedAwayKeyValue');
    await stripeServer.stop();
    await run({ orderId: 'order-4' });

    expect(logs.lines.map((line) => line.message)).toEqual([
      'Authorization answered',
      'Authorization answered',
      'Step failed',
      'Step failed',
    ]);
    expect(answered).toHaveLength(4);
    const seen = JSON.stringify({ logs: logs.lines, answered, environment: process.env });
    expect(seen).not.toContain(SECRET_KEY);
    expect(seen).not.toContain('SecretValueNobodyMayRead');
  });

  it('reads the secret again when Stripe refuses the key, so a retry after a rotation holds', async () => {
    const provider = coldStart();
    await secretRead();
    await stripeServer.stop();
    stripeServer = await startStripeTestServer({ secretKey: 'sk_test_rotated', port: stripeServer.port });
    const ask = () => provider.authorize({ orderId: 'order-1', token: 'pm_card_visa', amount: TOTAL });

    await expect(ask()).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    secretsManager.put(SECRET_ID, 'sk_test_rotated');

    expect(await ask()).toMatchObject({ outcome: 'AUTHORIZED' });
    expect(secretsManager.reads).toEqual([SECRET_ID, SECRET_ID]);
  });

  it('keeps the key when Stripe is merely down: the retry reads no secret', async () => {
    const provider = coldStart();
    stripeServer.failNext({ status: 503, times: 2 });

    await expect(
      provider.authorize({ orderId: 'order-1', token: 'pm_card_visa', amount: TOTAL }),
    ).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    expect(await provider.authorize({ orderId: 'order-1', token: 'pm_card_visa', amount: TOTAL })).toMatchObject({
      outcome: 'AUTHORIZED',
    });
    expect(secretsManager.reads).toEqual([SECRET_ID]);
  });

  it('reads a key stored with a trailing newline (as `echo` writes it) as the key', async () => {
    secretsManager.put(SECRET_ID, `${SECRET_KEY}\n`);

    expect(await coldStart().authorize({ orderId: 'order-1', token: 'pm_card_visa', amount: TOTAL })).toMatchObject({
      outcome: 'AUTHORIZED',
    });
  });

  it('tries the read again on the next call when the cold-start read failed', async () => {
    process.env.STRIPE_SECRET_ID = 'order-platform/test/not-created-yet';
    const provider = coldStart();

    await expect(provider.capture({ orderId: 'o', authorizationId: 'pi_1', amount: TOTAL })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    secretsManager.put('order-platform/test/not-created-yet', SECRET_KEY);

    expect(await provider.void({ orderId: 'o', authorizationId: 'pi_1' })).toEqual({ voided: false });
    expect(await provider.refund({ orderId: 'o', authorizationId: 'pi_1', amount: TOTAL })).toEqual({
      refunded: false,
    });
    expect(secretsManager.reads).toHaveLength(2);
  });

  it('refuses a secret that holds no Stripe key, naming the secret and never its value', async () => {
    secretsManager.put(SECRET_ID, '{"password":"hunter2"}');
    const provider = coldStart();

    const failure = await provider
      .authorize({ orderId: 'o', token: 'pm_card_visa', amount: TOTAL })
      .catch((e: Error) => e);

    expect((failure as Error).message).toBe(
      `Secret ${SECRET_ID} does not hold a Stripe secret key (sk_… or rk_…) as its plain-text value`,
    );
    expect((failure as Error).message).not.toContain('hunter2');
  });

  it('fails the cold start without the secret’s name', () => {
    delete process.env.STRIPE_SECRET_ID;

    expect(() => stripePaymentProviderFromEnvironment({ secrets: new SecretsManagerClient({}) })).toThrow(
      'Environment variable STRIPE_SECRET_ID is not set',
    );
  });
});

describe('stripeEndpointFromEnvironment', () => {
  const saved = process.env.STRIPE_API_URL;
  afterEach(() => {
    process.env.STRIPE_API_URL = saved;
  });

  it.each([
    [undefined, {}],
    ['http://127.0.0.1:41234', { host: '127.0.0.1', port: 41234, protocol: 'http' }],
    ['http://stripe.internal', { host: 'stripe.internal', port: 80, protocol: 'http' }],
    ['https://stripe-proxy.example.com', { host: 'stripe-proxy.example.com', port: 443, protocol: 'https' }],
  ])('sends requests to %s as %j', (url, endpoint) => {
    if (url === undefined) delete process.env.STRIPE_API_URL;
    else process.env.STRIPE_API_URL = url;

    expect(stripeEndpointFromEnvironment()).toEqual(endpoint);
  });
});
