import type { MetricDefinition } from '@order-platform/lambda';

/** A new order stored and its workflow started (an idempotent replay is not counted again). */
export const ORDERS_ACCEPTED: MetricDefinition = { namespace: 'OrderPlatform', name: 'OrdersAccepted', unit: 'Count' };
