import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PaymentProviderUnavailableError } from '@order-platform/domain';
import { requiredEnv } from '@order-platform/lambda';
import Stripe from 'stripe';
import type { PaymentProvider } from './ports';
import { buildStripePaymentProvider } from './stripe-payment-provider';
import { readStripeSecretKey } from './stripe-secret-key';

/**
 * Where the SDK sends requests: Stripe's API unless STRIPE_API_URL names another (the local
 * stack's Stripe test server; it is an address, not a secret).
 */
export const stripeEndpointFromEnvironment = (): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> => {
  const url = process.env.STRIPE_API_URL;
  if (!url) return {};
  const { hostname, port, protocol } = new URL(url);
  const secure = protocol !== 'http:';
  const defaultPort = secure ? 443 : 80;
  return { host: hostname, port: port ? Number(port) : defaultPort, protocol: secure ? 'https' : 'http' };
};

/** A value loaded once, started now (at cold start); a failed load is tried again by the next caller. */
const loadedOnce = <T>(load: () => Promise<T>) => {
  let loading: Promise<T> | undefined;
  const get = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  get().catch(() => undefined);
  return { get, forget: () => (loading = undefined) };
};

/** Stripe refused the key it was given: the secret may have been rotated since it was read. */
const isRefusedKey = (error: unknown) =>
  error instanceof PaymentProviderUnavailableError &&
  (error.cause as { type?: string } | undefined)?.type === 'StripeAuthenticationError';

/**
 * The Stripe provider for a Lambda: the secret key is read from Secrets Manager (the secret the
 * stage's `stripeSecretName` parameter names, STRIPE_SECRET_ID) once, at cold start, and kept in
 * memory only: never in an environment variable, a log line or a step's input or output. A key
 * Stripe refuses is read again on the next call, so a rotated key is picked up by a retry.
 */
export const stripePaymentProviderFromEnvironment = ({
  secrets = new SecretsManagerClient({}),
  secretId = requiredEnv('STRIPE_SECRET_ID'),
}: { secrets?: SecretsManagerClient; secretId?: string } = {}): PaymentProvider => {
  const provider = loadedOnce(async () =>
    buildStripePaymentProvider(
      new Stripe(await readStripeSecretKey(secrets, secretId), {
        ...stripeEndpointFromEnvironment(),
        // The SDK retries a lost connection or a 5xx under the same idempotency key; the workflow
        // retries what is left. The step's Lambda timeout (25 s) bounds both attempts of 8 s.
        maxNetworkRetries: 1,
        timeout: 8_000,
        telemetry: false,
        appInfo: { name: 'order-platform' },
      }),
    ),
  );
  const withProvider = async <T>(use: (stripe: PaymentProvider) => Promise<T>): Promise<T> => {
    try {
      return await use(await provider.get());
    } catch (error) {
      if (isRefusedKey(error)) provider.forget();
      throw error;
    }
  };
  return {
    authorize: (request) => withProvider((stripe) => stripe.authorize(request)),
    capture: (request) => withProvider((stripe) => stripe.capture(request)),
    void: (request) => withProvider((stripe) => stripe.void(request)),
    refund: (request) => withProvider((stripe) => stripe.refund(request)),
  };
};
