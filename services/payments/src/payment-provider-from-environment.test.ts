import { money } from '@order-platform/domain';
import { startLocalSecretsManager } from '@order-platform/local-secrets-manager';
import { createDocumentClient } from '@order-platform/persistence';
import { startStripeTestServer } from '@order-platform/stripe-test-server';
import { paymentProviderFromEnvironment } from './payment-provider-from-environment';

describe('paymentProviderFromEnvironment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('builds the sandbox provider on its ledger table', async () => {
    process.env.PAYMENT_PROVIDER = 'sandbox';
    process.env.SANDBOX_PAYMENTS_TABLE = 'ledger';
    const sent: { input: { TableName?: string } }[] = [];
    const documentClient = {
      send: async (command: { input: { TableName?: string } }) => {
        sent.push(command);
        return {};
      },
    } as unknown as Parameters<typeof paymentProviderFromEnvironment>[0];

    const provider = paymentProviderFromEnvironment(documentClient);
    await provider.void({ orderId: 'order-1', authorizationId: 'auth_1' });

    expect(sent.map((command) => command.input.TableName)).toEqual(['ledger']);
  });

  it('builds the Stripe provider, its key read from the secret the stage names', async () => {
    const secretsManager = await startLocalSecretsManager({ secrets: { 'shop/stripe': 'sk_test_from_secret' } });
    const stripe = await startStripeTestServer({ secretKey: 'sk_test_from_secret' });
    Object.assign(process.env, {
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_ID: 'shop/stripe',
      STRIPE_API_URL: stripe.url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    try {
      const provider = paymentProviderFromEnvironment(createDocumentClient());

      expect(
        await provider.authorize({ orderId: 'order-1', token: 'pm_card_visa', amount: money(1299, 'EUR') }),
      ).toEqual({
        outcome: 'AUTHORIZED',
        authorizationId: stripe.paymentIntents.all()[0]?.id,
      });
      expect(secretsManager.reads).toEqual(['shop/stripe']);
    } finally {
      await Promise.all([secretsManager.stop(), stripe.stop()]);
    }
  });

  it('fails the cold start for a provider it does not know, rather than taking no payments', () => {
    process.env.PAYMENT_PROVIDER = 'acme';

    expect(() => paymentProviderFromEnvironment(createDocumentClient())).toThrow(
      'PAYMENT_PROVIDER=acme is not a payment provider this build knows',
    );
  });
});
