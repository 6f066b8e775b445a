import { requiredEnv } from '@order-platform/lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PaymentProvider } from './ports';
import { buildSandboxPaymentProvider } from './sandbox-payment-provider';
import { stripePaymentProviderFromEnvironment } from './stripe-from-environment';

/** The provider the stage's `paymentProvider` parameter names (serverless.yml). */
export const paymentProviderFromEnvironment = (documentClient: DynamoDBDocumentClient): PaymentProvider => {
  const provider = requiredEnv('PAYMENT_PROVIDER');
  if (provider === 'sandbox') return buildSandboxPaymentProvider(documentClient, requiredEnv('SANDBOX_PAYMENTS_TABLE'));
  if (provider === 'stripe') return stripePaymentProviderFromEnvironment();
  throw new Error(`PAYMENT_PROVIDER=${provider} is not a payment provider this build knows`);
};
