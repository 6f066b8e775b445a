import type { Order, OrderStatus } from './types';

// What a caller needs to know about the lifecycle to wait on an order or offer to cancel it. The
// API does not say it on the wire; a test holds these to the domain's own rules
// (packages/domain order.ts and cancellation.ts).

/** The statuses an order never leaves. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['DISPATCHED', 'FAILED', 'CANCELLED'];

export const isTerminal = (status: OrderStatus): boolean => TERMINAL_STATUSES.includes(status);

/**
 * Whether offering "cancel" makes sense: the order is live and nobody asked yet. The API has the
 * last word (an order being handed to the carrier answers 409 order-not-cancellable).
 */
export const mayOfferCancellation = (order: Pick<Order, 'status' | 'cancellation'>): boolean =>
  !isTerminal(order.status) && order.cancellation === undefined;
