import { OrderRecordMissingError, OrderStatusConflictError } from './step-errors';
import type { Order, OrderStatus } from './response-schemas';

/**
 * What a workflow step found, recorded on the order by the step that reached it. From a Lambda
 * that runs anyway the conditional write adds a few milliseconds, about 1/300 of the state
 * transition a separate "Record…" state would bill, so the workflow has no such states.
 */
export type Milestone =
  | { readonly kind: 'PaymentConfirmed'; readonly chargeId: string }
  | { readonly kind: 'PaymentDeclined'; readonly reason: string }
  | { readonly kind: 'Procured'; readonly invoiceNumber: string }
  | { readonly kind: 'Dispatched'; readonly shipment: NonNullable<Order['shipment']> };

/** The order's fields a milestone sets, besides its status, a timeline entry and updatedAt. */
export type MilestoneFields = Partial<Pick<Order, 'payment' | 'failure' | 'invoiceNumber' | 'shipment'>>;

export interface MilestoneChange {
  /** The only status the order may be in for the write to apply. */
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly fields: MilestoneFields;
}

/** `recorded` by this write, or `alreadyRecorded` by an earlier attempt of the same step. */
export type MilestoneWrite = 'recorded' | 'alreadyRecorded';

export const milestoneChange = (milestone: Milestone): MilestoneChange => {
  switch (milestone.kind) {
    case 'PaymentConfirmed':
      return {
        from: 'PENDING',
        to: 'PAYMENT_CONFIRMED',
        fields: { payment: { status: 'CONFIRMED', chargeId: milestone.chargeId } },
      };
    case 'PaymentDeclined':
      // A decline is an answer: the order ends here, with the provider's reason as the cause.
      return {
        from: 'PENDING',
        to: 'FAILED',
        fields: {
          payment: { status: 'DECLINED' },
          failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: milestone.reason },
        },
      };
    case 'Procured':
      return { from: 'PAYMENT_CONFIRMED', to: 'PROCURED', fields: { invoiceNumber: milestone.invoiceNumber } };
    case 'Dispatched':
      return { from: 'PROCURED', to: 'DISPATCHED', fields: { shipment: milestone.shipment } };
  }
};

/** The happy path, in order; FAILED is off it. */
const PROGRESS: readonly OrderStatus[] = ['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED', 'DISPATCHED'];

const hasReached = (status: OrderStatus, milestone: OrderStatus): boolean =>
  milestone === 'FAILED'
    ? status === 'FAILED'
    : status !== 'FAILED' && PROGRESS.indexOf(status) >= PROGRESS.indexOf(milestone);

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
  const { to, fields } = milestoneChange(milestone);
  return (
    hasReached(order.status, to) &&
    Object.entries(fields).every(([field, value]) => sameValue(order[field as keyof MilestoneFields], value))
  );
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
  throw new OrderStatusConflictError(orderId, milestone.kind, milestoneChange(milestone).from, found.status);
};
