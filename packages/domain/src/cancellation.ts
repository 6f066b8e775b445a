import { OrderNotCancellableError } from './errors';
import { statusesBefore, type CancellationRequest, type Order, type OrderStatus } from './order';
import type { StoredOrder } from './ports';
import { OrderCancellationRequestedError } from './step-errors';

// Cancelling an order before it ships: the rules, once. The API writes the request on the order
// (one conditional write, OrderRepository.requestCancellation); the workflow notices it at its
// next step, undoes what was done and ends the order CANCELLED. No task token, no polling: the
// steps already read the order before they act.

/** The statuses an order may be cancelled from: every one before it is dispatched. */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = statusesBefore('CANCELLED');

/**
 * Whether a cancellation may still be written on this order: it is live, not asked already, not
 * being undone after a failure, and not being handed to the carrier. The repository's condition
 * is the same rule, evaluated by DynamoDB.
 */
export const mayRequestCancellation = (stored: StoredOrder): boolean =>
  CANCELLABLE_STATUSES.includes(stored.order.status) &&
  stored.order.cancellation === undefined &&
  stored.compensation === undefined &&
  stored.handedOverAt === undefined;

/**
 * What a cancel request answers, once its write was refused: the order, when a cancellation was
 * requested already (asking twice is harmless, whether the workflow has ended it CANCELLED yet or
 * not), or the reason it can no longer be cancelled.
 */
export const answerRefusedCancellation = (stored: StoredOrder): Order => {
  const { order } = stored;
  if (order.cancellation !== undefined) return order;
  if (stored.handedOverAt !== undefined && order.status === 'PROCURED') {
    throw new OrderNotCancellableError(order.orderId, 'it is being handed to the carrier');
  }
  if (stored.compensation !== undefined || order.status === 'FAILED') {
    throw new OrderNotCancellableError(order.orderId, 'it failed and is being undone already');
  }
  throw new OrderNotCancellableError(order.orderId, `it is ${order.status}`);
};

/** A workflow step's first question: was the order asked to be cancelled? Then it does nothing. */
export const stopIfCancellationRequested = (order: Order, step: string): void => {
  if (order.cancellation) throw new OrderCancellationRequestedError(order.orderId, step, order.cancellation);
};

export type { CancellationRequest };
