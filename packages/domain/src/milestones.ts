import {
  canFollow,
  statusesBefore,
  type Order,
  type OrderFailure,
  type OrderPayment,
  type OrderStatus,
  type PaymentStatus,
} from './order';
import { OrderRecordMissingError, OrderStatusConflictError, readableCause } from './step-errors';

/**
 * What a workflow step found, recorded on the order by the step that reached it: the only writes
 * of an order's status after it is placed. From a Lambda that runs anyway the conditional write
 * adds a few milliseconds, about 1/300 of the state transition a separate "Record…" state would
 * bill, so the workflow has no such states.
 */
export type Milestone =
  /** The amount is held: the order goes on, and the hold is captured once the parcel is booked. */
  | { readonly kind: 'PaymentAuthorized'; readonly authorizationId: string }
  | { readonly kind: 'PaymentDeclined'; readonly reason: string }
  | { readonly kind: 'Procured'; readonly invoiceNumber: string }
  /** The parcel is booked and the hold captured: the order is handed to the carrier, paid. */
  | {
      readonly kind: 'Dispatched';
      readonly shipment: NonNullable<Order['shipment']>;
      readonly captureId: string;
    }
  /**
   * The workflow's failure path, once compensation has run: the failed step, its error and its
   * cause as Step Functions reported it (a Lambda's JSON error is kept to its message), and the
   * payment's status after the hold was voided or the payment refunded.
   */
  | ({ readonly kind: 'Failed'; readonly paymentStatus: PaymentStatus } & OrderFailure)
  /**
   * The cancellation path's end, once compensation has run: the order the customer (or ops) asked
   * to cancel, with the payment's status after the hold was released or the money given back.
   */
  | { readonly kind: 'Cancelled'; readonly paymentStatus: PaymentStatus };

/** The order's fields a milestone sets, besides its status, a timeline entry and updatedAt. */
export type MilestoneFields = Partial<Pick<Order, 'failure' | 'invoiceNumber' | 'shipment'>>;

export interface MilestoneChange {
  /** The statuses the order may be in for the write to apply: what the lifecycle lets `to` follow. */
  readonly from: readonly OrderStatus[];
  readonly to: OrderStatus;
  readonly fields: MilestoneFields;
  /** Set apart from `fields`: merged into the order's payment, keeping what else it holds. */
  readonly payment?: Partial<OrderPayment>;
}

/** `recorded` by this write, or `alreadyRecorded` by an earlier attempt of the same step. */
export type MilestoneWrite = 'recorded' | 'alreadyRecorded';

const moving = (to: OrderStatus, change: Omit<MilestoneChange, 'from' | 'to'>): MilestoneChange => ({
  from: statusesBefore(to),
  to,
  ...change,
});

export const milestoneChange = (milestone: Milestone): MilestoneChange => {
  switch (milestone.kind) {
    case 'PaymentAuthorized':
      return moving('PAYMENT_CONFIRMED', {
        fields: {},
        payment: { status: 'AUTHORIZED', authorizationId: milestone.authorizationId },
      });
    case 'PaymentDeclined':
      // A decline is an answer: the order ends here, with the provider's reason as the cause. Only
      // a PENDING order can be declined, whatever else may fail.
      return {
        from: ['PENDING'],
        to: 'FAILED',
        fields: { failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: milestone.reason } },
        payment: { status: 'DECLINED' },
      };
    case 'Procured':
      return moving('PROCURED', { fields: { invoiceNumber: milestone.invoiceNumber } });
    case 'Dispatched':
      return moving('DISPATCHED', {
        fields: { shipment: milestone.shipment },
        payment: { status: 'CAPTURED', captureId: milestone.captureId },
      });
    case 'Failed':
      return moving('FAILED', {
        fields: { failure: { step: milestone.step, error: milestone.error, cause: readableCause(milestone.cause) } },
        payment: { status: milestone.paymentStatus },
      });
    case 'Cancelled':
      return moving('CANCELLED', { fields: {}, payment: { status: milestone.paymentStatus } });
  }
};

/** The happy path, in order; FAILED and CANCELLED are off it. */
const PROGRESS: readonly OrderStatus[] = ['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED', 'DISPATCHED'];

/** Whether an order in `status` has reached `milestone` (or gone further along the happy path). */
export const hasReached = (status: OrderStatus, milestone: OrderStatus): boolean =>
  PROGRESS.includes(milestone)
    ? PROGRESS.includes(status) && PROGRESS.indexOf(status) >= PROGRESS.indexOf(milestone)
    : status === milestone;

/** Equal as JSON values, whatever the order of their keys (DynamoDB returns maps in any order). */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
};

/**
 * Whether the order already carries this milestone, with the same findings: it reached the
 * milestone's status (or went further along the happy path) and holds what the milestone sets.
 */
export const carriesMilestone = (order: Order, milestone: Milestone): boolean => {
  const { to, fields, payment = {} } = milestoneChange(milestone);
  // An order gone further along has moved its payment on (AUTHORIZED, then CAPTURED): from there
  // the provider's references tell, not the status.
  const paymentFields = Object.entries(payment).filter(([field]) => field !== 'status' || order.status === to);
  return (
    hasReached(order.status, to) &&
    paymentFields.every(([field, value]) => order.payment[field as keyof OrderPayment] === value) &&
    Object.entries(fields).every(([field, value]) => sameValue(order[field as keyof MilestoneFields], value))
  );
};

/** The order as the milestone leaves it: what the repositories write, applied. */
export const withMilestone = (order: Order, milestone: Milestone, at: Date): Order => {
  const { to, fields, payment } = milestoneChange(milestone);
  if (!canFollow(order.status, to)) {
    throw new OrderStatusConflictError(order.orderId, milestone.kind, statusesBefore(to).join(' or '), order.status);
  }
  const timestamp = at.toISOString();
  return {
    ...order,
    ...fields,
    ...(payment === undefined ? {} : { payment: { ...order.payment, ...payment } }),
    status: to,
    timeline: [...order.timeline, { status: to, at: timestamp }],
    updatedAt: timestamp,
  };
};

/**
 * The answer to a milestone write that found the order in another status than it expects: a
 * retried or redelivered step finds its own milestone and succeeds without writing again; any
 * other order is a conflict the step must not write over.
 */
export const refusedMilestoneWrite = (
  orderId: string,
  found: Order | undefined,
  milestone: Milestone,
): MilestoneWrite => {
  if (!found) throw new OrderRecordMissingError(orderId);
  if (carriesMilestone(found, milestone)) return 'alreadyRecorded';
  const { from } = milestoneChange(milestone);
  throw new OrderStatusConflictError(orderId, milestone.kind, from.join(' or '), found.status);
};
