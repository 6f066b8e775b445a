import { withMilestone, type Milestone, type MilestoneWrite } from './milestones';
import type { Money } from './money';
import type { Order, OrderStatus, PaymentStatus } from './order';
import type { OrderRepository } from './ports';
import { OrderRecordMissingError } from './step-errors';

/**
 * The events an order announces to other services (emails, analytics, stock planning), one per
 * milestone they care about, on the stage's EventBridge bus. Their schema is versioned here
 * (`ORDER_EVENT_SCHEMA_VERSION`, order-event-schema.ts, docs/order-events.schema.json): a change a
 * consumer could trip on is a new version, never an edit of this one.
 */
export const ORDER_EVENT_TYPES = [
  'OrderPlaced',
  'OrderPaymentAuthorized',
  'OrderDispatched',
  'OrderFailed',
  'OrderCancelled',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** EventBridge's `source` of every order event; its `detail-type` is the event's type. */
export const ORDER_EVENT_SOURCE = 'order-platform.orders';
export const ORDER_EVENT_SCHEMA_VERSION = 1;

/** The status whose entry in the order's timeline is the event. */
export const ORDER_EVENT_STATUS: Readonly<Record<OrderEventType, OrderStatus>> = {
  OrderPlaced: 'PENDING',
  OrderPaymentAuthorized: 'PAYMENT_CONFIRMED',
  OrderDispatched: 'DISPATCHED',
  OrderFailed: 'FAILED',
  OrderCancelled: 'CANCELLED',
};

/**
 * The payment's status each event reports, where the event fixes it; a terminal event reports
 * the order's own (a failed order's hold was voided, or its money refunded, or it was declined).
 */
const PAYMENT_STATUS_AT: Readonly<Partial<Record<OrderEventType, PaymentStatus>>> = {
  OrderPlaced: 'PENDING',
  OrderPaymentAuthorized: 'AUTHORIZED',
  OrderDispatched: 'CAPTURED',
};

export interface OrderEventDetail {
  readonly schemaVersion: typeof ORDER_EVENT_SCHEMA_VERSION;
  /** `${orderId}:${type}`: the same for every publication of the event, so consumers drop repeats by it. */
  readonly eventId: string;
  readonly orderId: string;
  readonly customerId: string;
  /** The order's status the event announces (the order may have moved on since). */
  readonly status: OrderStatus;
  readonly total: Money;
  readonly paymentStatus: PaymentStatus;
  /** When the order reached the status: its timeline entry, so a repeat carries the same time. */
  readonly occurredAt: string;
}

export interface OrderEvent {
  readonly type: OrderEventType;
  readonly detail: OrderEventDetail;
}

/**
 * The event as the order tells it, or undefined when the order has not reached its status. Built
 * from the order alone, the same on every call: a step that publishes it again after a crash
 * publishes the very same event.
 */
export const orderEventFor = (order: Order, type: OrderEventType): OrderEvent | undefined => {
  const status = ORDER_EVENT_STATUS[type];
  const reached = order.timeline.find((entry) => entry.status === status);
  if (!reached) return undefined;
  return {
    type,
    detail: {
      schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
      eventId: `${order.orderId}:${type}`,
      orderId: order.orderId,
      customerId: order.customerId,
      status,
      total: order.total,
      paymentStatus: PAYMENT_STATUS_AT[type] ?? order.payment.status,
      occurredAt: reached.at,
    },
  };
};

/** The events of `types` the order has reached, in the order given. */
export const orderEventsReached = (order: Order, types: readonly OrderEventType[]): OrderEvent[] =>
  types.flatMap((type) => orderEventFor(order, type) ?? []);

/**
 * Where order events go (EventBridge on AWS). At least once: `publish` resolves once every event
 * was accepted and throws otherwise (DependencyUnavailableError), so the step that publishes is
 * retried and publishes again; consumers drop repeats by `eventId`.
 */
export interface OrderEvents {
  publish(events: readonly OrderEvent[]): Promise<void>;
}

/** The event each milestone announces: Procured is the platform's own business. */
export const MILESTONE_EVENT: Readonly<Record<Milestone['kind'], OrderEventType | undefined>> = {
  PaymentAuthorized: 'OrderPaymentAuthorized',
  PaymentDeclined: 'OrderFailed',
  Procured: undefined,
  Dispatched: 'OrderDispatched',
  Failed: 'OrderFailed',
  Cancelled: 'OrderCancelled',
};

/**
 * Records a step's milestone, then announces its event: also when an earlier attempt had recorded
 * it, since that attempt may have died between its write and its put. So an event is published at
 * least once for every milestone a step gets to record, as long as the step is retried until it
 * succeeds. `before` (the order as the step read it) spares reading the order back when this write
 * recorded it.
 */
export const recordAndAnnounceMilestone = async (
  deps: { orders: Pick<OrderRepository, 'get' | 'recordMilestone'>; events: OrderEvents },
  { orderId, milestone, at, before }: { orderId: string; milestone: Milestone; at: Date; before?: Order },
): Promise<MilestoneWrite> => {
  const written = await deps.orders.recordMilestone(orderId, milestone, at);
  const type = MILESTONE_EVENT[milestone.kind];
  if (type === undefined) return written;
  const order =
    written === 'recorded' && before ? withMilestone(before, milestone, at) : (await deps.orders.get(orderId))?.order;
  if (!order) throw new OrderRecordMissingError(orderId);
  await deps.events.publish(orderEventsReached(order, [type]));
  return written;
};
