import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@order-platform/local-dynamodb';
import { startedResources } from '../ports';
import type { ServiceDefinition } from '../step-functions/service-definition';
import { LOCAL_STRIPE_SECRET_KEY, paymentParams, startLocalPayments } from './local-payments';

const serviceNaming = (...secretIds: string[]) =>
  ({
    functions: Object.fromEntries(
      secretIds.map((id, index) => [`fn${index}`, { environment: { STRIPE_SECRET_ID: id } }]),
    ),
  }) as unknown as ServiceDefinition;

describe('the local payments', () => {
  const resources = startedResources();
  afterEach(() => resources.stopAll());

  it('sets paymentProvider only for Stripe (the local stage is the sandbox already)', () => {
    expect(paymentParams()).toEqual({});
    expect(paymentParams('sandbox')).toEqual({});
    expect(paymentParams('stripe')).toEqual({ paymentProvider: 'stripe' });
  });

  it('starts nothing for the sandbox', async () => {
    const payments = await startLocalPayments('sandbox', resources);
    payments.seed(serviceNaming());

    expect(payments).toEqual({ environment: {}, seed: expect.any(Function) });
  });

  it('serves Stripe’s API with the key the local Secrets Manager holds under the secret the functions name', async () => {
    const payments = await startLocalPayments('stripe', resources);
    payments.seed(serviceNaming('order-platform/local/stripe-secret-key', 'order-platform/local/stripe-secret-key'));
    const secrets = new SecretsManagerClient({
      endpoint: payments.environment.AWS_ENDPOINT_URL_SECRETS_MANAGER,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });

    const { SecretString } = await secrets.send(
      new GetSecretValueCommand({ SecretId: 'order-platform/local/stripe-secret-key' }),
    );
    const stripe = await fetch(`${payments.environment.STRIPE_API_URL}/v1/payment_intents/pi_none`, {
      headers: { Authorization: `Bearer ${SecretString}` },
    });

    expect(SecretString).toBe(LOCAL_STRIPE_SECRET_KEY);
    expect(payments.stripeUrl).toBe(payments.environment.STRIPE_API_URL);
    expect(stripe.status).toBe(404);
    secrets.destroy();
  });

  it('refuses a service whose payment functions name no secret, or two', async () => {
    const payments = await startLocalPayments('stripe', resources);

    expect(() => payments.seed(serviceNaming())).toThrow('The payment functions name 0 Stripe key secrets, not one');
    expect(() => payments.seed(serviceNaming('a', 'b'))).toThrow('name 2 Stripe key secrets');
  });
});
