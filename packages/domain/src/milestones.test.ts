import {
  carriesMilestone,
  hasReached,
  milestoneChange,
  refusedMilestoneWrite,
  withMilestone,
  type Milestone,
} from './milestones';
import { canFollow } from './order';
import { OrderRecordMissingError, OrderStatusConflictError } from './step-errors';
import { anOrder } from './testing';

const at = new Date('2026-11-21T10:05:00.000Z');
const shipment = { carrier: 'EuroParcel', serviceLevel: 'STANDARD', trackingNumber: 'EP0123456789AB' };
const lambdaCause = JSON.stringify({
  errorType: 'NoCarrierAvailable',
  errorMessage: 'No carrier serves AQ',
  trace: [],
});
const MILESTONES: readonly Milestone[] = [
  { kind: 'PaymentAuthorized', authorizationId: 'auth_1' },
  { kind: 'PaymentDeclined', reason: 'Card declined by the issuer' },
  { kind: 'Procured', invoiceNumber: 'INV-2026-0000000001' },
  { kind: 'Dispatched', shipment, captureId: 'cap_1' },
  { kind: 'Failed', step: 'BookShipment', error: 'NoCarrierAvailable', cause: lambdaCause, paymentStatus: 'REFUNDED' },
  { kind: 'Cancelled', paymentStatus: 'VOIDED' },
];

// Orders as the workflow leaves them at each milestone.
const paid = () => withMilestone(anOrder(), { kind: 'PaymentAuthorized', authorizationId: 'auth_1' }, at);
const procured = () => withMilestone(paid(), { kind: 'Procured', invoiceNumber: 'INV-2026-0000000001' }, at);
const dispatched = () => withMilestone(procured(), { kind: 'Dispatched', shipment, captureId: 'cap_1' }, at);

describe('milestones', () => {
  it.each(MILESTONES)('$kind moves the order only where the lifecycle lets it', (milestone) => {
    const { from, to } = milestoneChange(milestone);

    expect(from.length).toBeGreaterThan(0);
    for (const status of from) expect(canFollow(status, to)).toBe(true);
  });

  it('records what each step found: the hold, the decline and its reason, the invoice, the parcel and the capture', () => {
    const changes = MILESTONES.map(milestoneChange);

    expect(changes).toEqual([
      {
        from: ['PENDING'],
        to: 'PAYMENT_CONFIRMED',
        fields: {},
        payment: { status: 'AUTHORIZED', authorizationId: 'auth_1' },
      },
      {
        from: ['PENDING'],
        to: 'FAILED',
        fields: { failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: 'Card declined by the issuer' } },
        payment: { status: 'DECLINED' },
      },
      { from: ['PAYMENT_CONFIRMED'], to: 'PROCURED', fields: { invoiceNumber: 'INV-2026-0000000001' } },
      {
        from: ['PROCURED'],
        to: 'DISPATCHED',
        fields: { shipment },
        payment: { status: 'CAPTURED', captureId: 'cap_1' },
      },
      {
        from: ['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED'],
        to: 'FAILED',
        // The failure is recorded once, readable: a Lambda's JSON error is kept to its message.
        fields: { failure: { step: 'BookShipment', error: 'NoCarrierAvailable', cause: 'No carrier serves AQ' } },
        payment: { status: 'REFUNDED' },
      },
      {
        from: ['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED'],
        to: 'CANCELLED',
        fields: {},
        payment: { status: 'VOIDED' },
      },
    ]);
  });
});

describe('whether an order already carries a milestone', () => {
  it('does once the step recorded it, and still after the order moved further along', () => {
    const confirmed: Milestone = { kind: 'PaymentAuthorized', authorizationId: 'auth_1' };
    const invoiced: Milestone = { kind: 'Procured', invoiceNumber: 'INV-2026-0000000001' };

    expect([paid(), procured(), dispatched()].map((order) => carriesMilestone(order, confirmed))).toEqual([
      true,
      true,
      true,
    ]);
    expect([paid(), procured(), dispatched()].map((order) => carriesMilestone(order, invoiced))).toEqual([
      false,
      true,
      true,
    ]);
    expect(carriesMilestone(dispatched(), { kind: 'Dispatched', shipment, captureId: 'cap_1' })).toBe(true);
  });

  it('keeps the hold’s authorization id when the capture is recorded, so a capture and its hold stay traceable', () => {
    expect(dispatched().payment).toEqual({ status: 'CAPTURED', authorizationId: 'auth_1', captureId: 'cap_1' });
    expect(carriesMilestone(dispatched(), { kind: 'PaymentAuthorized', authorizationId: 'auth_2' })).toBe(false);
  });

  it('compares what was found field by field, whatever order DynamoDB returned the keys in', () => {
    const stored = {
      ...dispatched(),
      shipment: {
        trackingNumber: shipment.trackingNumber,
        serviceLevel: shipment.serviceLevel,
        carrier: shipment.carrier,
      },
    };

    expect(carriesMilestone(stored, { kind: 'Dispatched', shipment, captureId: 'cap_1' })).toBe(true);
    expect(
      carriesMilestone(stored, {
        kind: 'Dispatched',
        shipment: { ...shipment, trackingNumber: 'EP999999999999' },
        captureId: 'cap_1',
      }),
    ).toBe(false);
    expect(carriesMilestone(stored, { kind: 'Dispatched', shipment, captureId: 'cap_2' })).toBe(false);
    expect(carriesMilestone(procured(), { kind: 'Procured', invoiceNumber: 'INV-2026-0000000002' })).toBe(false);
  });

  it('does not when the order holds less than the milestone sets: a payment without its authorization id lacks the hold', () => {
    const confirmedWithoutCharge = { ...paid(), payment: { status: 'AUTHORIZED' as const } };
    const withOtherFields = {
      ...dispatched(),
      shipment: { carrier: shipment.carrier, serviceLevel: shipment.serviceLevel },
    };

    expect(carriesMilestone(confirmedWithoutCharge, { kind: 'PaymentAuthorized', authorizationId: 'auth_1' })).toBe(
      false,
    );
    expect(carriesMilestone(withOtherFields as never, { kind: 'Dispatched', shipment, captureId: 'cap_1' })).toBe(
      false,
    );
    // and so a retried step finds no milestone of its own there: a conflict, never a silent success
    expect(() =>
      refusedMilestoneWrite('order-1', confirmedWithoutCharge, {
        kind: 'PaymentAuthorized',
        authorizationId: 'auth_1',
      }),
    ).toThrow(OrderStatusConflictError);
  });

  it('does not once the order failed, unless the milestone is the decline itself', () => {
    const failed = withMilestone(
      paid(),
      {
        kind: 'Failed',
        step: 'ReserveStock',
        error: 'OutOfStock',
        cause: 'Not enough stock',
        paymentStatus: 'REFUNDED',
      },
      at,
    );
    const declined = anOrder({
      status: 'FAILED',
      payment: { status: 'DECLINED' },
      failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: 'Card declined by the issuer' },
    });

    expect(carriesMilestone(failed, { kind: 'PaymentAuthorized', authorizationId: 'auth_1' })).toBe(false);
    expect(carriesMilestone(declined, { kind: 'PaymentDeclined', reason: 'Card declined by the issuer' })).toBe(true);
    expect(carriesMilestone(declined, { kind: 'PaymentDeclined', reason: 'Expired card' })).toBe(false);
    expect(carriesMilestone(anOrder(), { kind: 'PaymentDeclined', reason: 'Card declined by the issuer' })).toBe(false);
  });
});

describe('a refused milestone write', () => {
  it('is a success without a second write when a retried step finds its own milestone', () => {
    const order = procured();

    const outcome = refusedMilestoneWrite(order.orderId, order, {
      kind: 'Procured',
      invoiceNumber: order.invoiceNumber as string,
    });

    expect(outcome).toBe('alreadyRecorded');
  });

  it('is an OrderStatusConflict, naming what was found and what was expected, for any other order', () => {
    const order = anOrder({ status: 'FAILED' });

    const refused = () => refusedMilestoneWrite(order.orderId, order, { kind: 'Procured', invoiceNumber: 'INV-1' });

    expect(refused).toThrow(OrderStatusConflictError);
    expect(refused).toThrow(
      `Order ${order.orderId} is FAILED: Procured can only be recorded on a PAYMENT_CONFIRMED order`,
    );
  });

  it('is OrderRecordMissing when there is no such order', () => {
    expect(() =>
      refusedMilestoneWrite('no-such-order', undefined, { kind: 'Dispatched', shipment, captureId: 'cap_1' }),
    ).toThrow(OrderRecordMissingError);
  });
});

describe('the failure milestone', () => {
  const failure: Milestone = {
    kind: 'Failed',
    step: 'BookShipment',
    error: 'NoCarrierAvailable',
    cause: lambdaCause,
    paymentStatus: 'REFUNDED',
  };

  it('sets the payment’s status and keeps its authorization, and is carried by the order it leaves', () => {
    const failed = withMilestone(procured(), failure, at);

    expect(failed).toMatchObject({
      status: 'FAILED',
      payment: { status: 'REFUNDED', authorizationId: 'auth_1' },
      failure: { step: 'BookShipment', error: 'NoCarrierAvailable', cause: 'No carrier serves AQ' },
    });
    expect(carriesMilestone(failed, failure)).toBe(true);
    expect(carriesMilestone(failed, { ...failure, paymentStatus: 'AUTHORIZED' })).toBe(false);
  });

  it('is a conflict on an order that is no longer live, naming every status it may follow', () => {
    expect(() => refusedMilestoneWrite('o-1', dispatched(), failure)).toThrow(
      'Order o-1 is DISPATCHED: Failed can only be recorded on a PENDING or PAYMENT_CONFIRMED or PROCURED order',
    );
  });
});

describe('the cancellation milestone', () => {
  const cancelled: Milestone = { kind: 'Cancelled', paymentStatus: 'VOIDED' };

  it('ends a live order CANCELLED with the payment’s status after compensation, on its timeline, and is carried by it', () => {
    const order = withMilestone(procured(), cancelled, at);

    expect(order).toMatchObject({ status: 'CANCELLED', payment: { status: 'VOIDED', authorizationId: 'auth_1' } });
    expect(order.timeline.at(-1)).toEqual({ status: 'CANCELLED', at: at.toISOString() });
    expect(carriesMilestone(order, cancelled)).toBe(true);
    expect(carriesMilestone(order, { kind: 'Cancelled', paymentStatus: 'FAILED' })).toBe(false);
    expect(hasReached('CANCELLED', 'PROCURED')).toBe(false);
    expect(hasReached('CANCELLED', 'FAILED')).toBe(false);
    expect(hasReached('PAYMENT_CONFIRMED', 'PROCURED')).toBe(false);
  });

  it('is a conflict on an order already dispatched or failed: a dispatched order is never cancelled', () => {
    expect(() => refusedMilestoneWrite('o-1', dispatched(), cancelled)).toThrow(
      'Order o-1 is DISPATCHED: Cancelled can only be recorded on a PENDING or PAYMENT_CONFIRMED or PROCURED order',
    );
    expect(() => refusedMilestoneWrite('o-1', anOrder({ status: 'FAILED' }), cancelled)).toThrow(
      OrderStatusConflictError,
    );
  });
});
