export {
  startStripeTestServer,
  type AnsweredRequest,
  type InjectedFailure,
  type StripeTestServer,
} from './stripe-test-server';
export { TEST_PAYMENT_METHODS } from './test-payment-methods';
export type { PaymentIntent, Refund } from './payment-intents';
