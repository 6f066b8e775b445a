import { InvalidStatusTransitionError } from './errors';
import type { PricedOrder } from './pricing';
import type { Order, OrderStatus } from './response-schemas';
import type { CreateOrderRequest } from './schemas';

/** Where an order may go next. DISPATCHED and FAILED are terminal. */
const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['PAYMENT_CONFIRMED', 'FAILED'],
  PAYMENT_CONFIRMED: ['PROCURED', 'FAILED'],
  PROCURED: ['DISPATCHED', 'FAILED'],
  DISPATCHED: [],
  FAILED: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => NEXT_STATUSES[from].includes(to);

export const isTerminal = (status: OrderStatus): boolean => NEXT_STATUSES[status].length === 0;

export const transition = (order: Order, to: OrderStatus, at: Date): Order => {
  if (!canTransition(order.status, to)) throw new InvalidStatusTransitionError(order.status, to);
  const timestamp = at.toISOString();
  return { ...order, status: to, timeline: [...order.timeline, { status: to, at: timestamp }], updatedAt: timestamp };
};

export interface NewOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly request: CreateOrderRequest;
  readonly priced: PricedOrder;
  readonly now: Date;
}

export const newOrder = ({ orderId, customerId, request, priced, now }: NewOrder): Order => {
  const at = now.toISOString();
  return {
    orderId,
    customerId,
    status: 'PENDING',
    items: [...priced.lines],
    total: priced.total,
    shippingMethod: request.shippingMethod,
    shippingAddress: request.shippingAddress,
    payment: { status: 'PENDING' },
    timeline: [{ status: 'PENDING', at }],
    createdAt: at,
    updatedAt: at,
  };
};
