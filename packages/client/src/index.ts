export * from './errors';
export { createOrderClient } from './order-client';
export type {
  CallOptions,
  ListOrdersOptions,
  OrderClient,
  OrderClientOptions,
  PlaceOrderOptions,
  WaitForOrderOptions,
} from './order-client';
export { isTerminal, mayOfferCancellation, TERMINAL_STATUSES } from './order-status';
export type { RetryOptions } from './retries';
export type * from './types';
