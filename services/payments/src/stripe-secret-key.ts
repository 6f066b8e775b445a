import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A Stripe secret or restricted key, live or test. */
const STRIPE_SECRET_KEY = /^(sk|rk)_(live|test)_\w+$/;

/**
 * Reads the Stripe secret key from the Secrets Manager secret the stage names. Its value never
 * leaves this function but as the answer: a secret that holds no Stripe key is refused by name,
 * never by showing what it holds.
 */
export const readStripeSecretKey = async (secrets: SecretsManagerClient, secretId: string): Promise<string> => {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  const key = SecretString?.trim();
  if (!key || !STRIPE_SECRET_KEY.test(key)) {
    throw new Error(`Secret ${secretId} does not hold a Stripe secret key (sk_… or rk_…) as its plain-text value`);
  }
  return key;
};
