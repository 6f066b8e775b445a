import { startLocalSecretsManager } from '@order-platform/local-secrets-manager';
import { startStripeTestServer } from '@order-platform/stripe-test-server';
import type { Resources } from '../local-services';
import type { ServiceDefinition } from '../step-functions/service-definition';

/** The payment providers `npm start -- --payments <provider>` can run the local stack with. */
export const LOCAL_PAYMENT_PROVIDERS = ['sandbox', 'stripe'] as const;
export type LocalPaymentProvider = (typeof LOCAL_PAYMENT_PROVIDERS)[number];

/** The test key the local Secrets Manager holds and the local Stripe test server accepts. */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_order_platform_local';

/** The stage parameters a provider sets on the local stage (serverless.yml's `paymentProvider`). */
export const paymentParams = (provider: LocalPaymentProvider = 'sandbox'): Record<string, string> =>
  provider === 'sandbox' ? {} : { paymentProvider: provider };

/** The secret the stage's payment functions read their Stripe key from (STRIPE_SECRET_ID). */
const stripeSecretIdOf = (service: ServiceDefinition): string => {
  const ids = new Set(
    Object.values(service.functions).flatMap(({ environment = {} }) =>
      environment.STRIPE_SECRET_ID ? [environment.STRIPE_SECRET_ID] : [],
    ),
  );
  const [id, ...others] = ids;
  if (!id || others.length > 0) throw new Error(`The payment functions name ${ids.size} Stripe key secrets, not one`);
  return id;
};

export interface LocalPayments {
  /** What the payment functions get to find them: the SDK's Secrets Manager endpoint, Stripe's address. */
  readonly environment: Readonly<Record<string, string>>;
  /** The Stripe test server, when the stack runs with Stripe. */
  readonly stripeUrl?: string;
  /** Seeds the key under the secret the resolved service names. */
  seed(service: ServiceDefinition): void;
}

/**
 * With Stripe, the payment functions reach Stripe's API shape locally: the Stripe test server
 * (packages/stripe-test-server) on a free port, and the key in a local Secrets Manager that the
 * SDK finds through AWS_ENDPOINT_URL_SECRETS_MANAGER, as the handlers find DynamoDB. With the
 * sandbox, nothing is started.
 */
export const startLocalPayments = async (
  provider: LocalPaymentProvider = 'sandbox',
  resources: Resources,
): Promise<LocalPayments> => {
  if (provider === 'sandbox') return { environment: {}, seed: () => undefined };
  const stripe = resources.started(await startStripeTestServer({ secretKey: LOCAL_STRIPE_SECRET_KEY }), (server) =>
    server.stop(),
  );
  const secrets = resources.started(await startLocalSecretsManager({ secrets: {} }), (server) => server.stop());
  return {
    environment: { AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint, STRIPE_API_URL: stripe.url },
    stripeUrl: stripe.url,
    seed: (service) => secrets.put(stripeSecretIdOf(service), LOCAL_STRIPE_SECRET_KEY),
  };
};
