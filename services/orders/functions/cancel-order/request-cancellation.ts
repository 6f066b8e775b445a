import {
  answerRefusedCancellation,
  OrderNotFoundError,
  type Clock,
  type Order,
  type OrderRepository,
} from '@order-platform/domain';

/** Who asks: the token's subject, and whether it holds the ops scope (ops may cancel any order). */
export interface Canceller {
  readonly customerId: string;
  readonly ops: boolean;
}

/**
 * Asks for the order to be cancelled: one conditional write on the order, which its workflow
 * notices at its next step (it undoes what was done and ends the order CANCELLED). Answers the
 * order as the write left it, or, once a cancellation was asked already, the order as it is:
 * asking again is harmless. An order handed to the carrier, dispatched or failed is
 * OrderNotCancellable; another customer's order is OrderNotFound, as a missing one is.
 */
export const requestCancellation = async (
  deps: { orders: Pick<OrderRepository, 'get' | 'requestCancellation'>; clock: Clock },
  { orderId, caller }: { orderId: string; caller: Canceller },
): Promise<Order> => {
  const found = await deps.orders.get(orderId);
  const own = found?.order.customerId === caller.customerId;
  if (!found || !(own || caller.ops)) throw new OrderNotFoundError(orderId);
  const written = await deps.orders.requestCancellation(orderId, {
    requestedAt: deps.clock().toISOString(),
    requestedBy: own ? 'customer' : 'ops',
  });
  if (written) return written;
  // Refused: the order as it is now says whether it was asked already or is past cancelling.
  const now = await deps.orders.get(orderId);
  if (!now) throw new OrderNotFoundError(orderId);
  return answerRefusedCancellation(now);
};
