import type { Address } from './address-schema';
import type { Money } from './money';
import type { PricedOrder } from './pricing';
import type { ShippingMethod } from './shipping-method';

// The order: what it is, and the one lifecycle it goes through. The API's response schema
// (response-schemas.ts) describes it on the wire; a test holds the two to each other.

export const ORDER_STATUSES = [
  'PENDING',
  'PAYMENT_CONFIRMED',
  'PROCURED',
  'DISPATCHED',
  'FAILED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Where the order's money is. The amount is held (AUTHORIZED) when the order is placed and taken
 * (CAPTURED) once the parcel is booked; an order that cannot be fulfilled releases its hold
 * (VOIDED), or, if the money was taken, gives it back (REFUNDED). DECLINED: the provider refused
 * the hold. FAILED: no hold was ever made (the provider was unreachable); nothing was taken.
 */
export const PAYMENT_STATUSES = [
  'PENDING',
  'AUTHORIZED',
  'CAPTURED',
  'VOIDED',
  'REFUNDED',
  'DECLINED',
  'FAILED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** The order's payment, with the provider's references for the hold and for the capture. */
export interface OrderPayment {
  readonly status: PaymentStatus;
  readonly authorizationId?: string;
  readonly captureId?: string;
}

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

export interface Shipment {
  readonly carrier: string;
  readonly serviceLevel: string;
  readonly trackingNumber: string;
}

/**
 * The customer (or ops) asked to cancel the order before it was handed to the carrier: one
 * conditional write on the order. The workflow notices it at its next step, undoes what was done
 * and ends the order CANCELLED; until then the order keeps its status, with this beside it.
 */
export interface CancellationRequest {
  readonly requestedAt: string;
  /** `customer`: the order's own customer; `ops`: a token with the ops scope. */
  readonly requestedBy: 'customer' | 'ops';
}

/** Why an order failed, as a customer may read it: the step, its error, and a readable cause. */
export interface OrderFailure {
  readonly step: string;
  readonly error: string;
  readonly cause: string;
}

export interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderLine[];
  readonly total: Money;
  readonly shippingMethod: ShippingMethod;
  readonly shippingAddress: Address;
  readonly payment: OrderPayment;
  readonly invoiceNumber?: string;
  readonly shipment?: Shipment;
  readonly failure?: OrderFailure;
  readonly cancellation?: CancellationRequest;
  readonly timeline: readonly { readonly status: OrderStatus; readonly at: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The lifecycle: which status may follow which. An order moves along the happy path one milestone
 * at a time, or fails, or is cancelled, from anywhere before it is dispatched; DISPATCHED, FAILED
 * and CANCELLED are terminal. Who records each move is milestones.ts; nothing else writes an
 * order's status.
 */
export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['PAYMENT_CONFIRMED', 'FAILED', 'CANCELLED'],
  PAYMENT_CONFIRMED: ['PROCURED', 'FAILED', 'CANCELLED'],
  PROCURED: ['DISPATCHED', 'FAILED', 'CANCELLED'],
  DISPATCHED: [],
  FAILED: [],
  CANCELLED: [],
};

export const canFollow = (from: OrderStatus, to: OrderStatus): boolean => NEXT_STATUSES[from].includes(to);

export const isTerminal = (status: OrderStatus): boolean => NEXT_STATUSES[status].length === 0;

/** The statuses `to` may follow. */
export const statusesBefore = (to: OrderStatus): OrderStatus[] =>
  ORDER_STATUSES.filter((status) => canFollow(status, to));

/** A quantity of one product: what an order's line asks for, and what stock is taken by. */
export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
}

/** What a customer asks for when placing an order, once the API has validated it. */
export interface CreateOrderRequest {
  readonly items: readonly OrderItem[];
  /** An ISO 4217 code; whether this shop sells in it is the use case's to say. */
  readonly currency: string;
  readonly shippingMethod: ShippingMethod;
  readonly shippingAddress: Address;
  readonly payment: { readonly token: string };
}

export interface NewOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly request: Pick<CreateOrderRequest, 'shippingMethod' | 'shippingAddress'>;
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
