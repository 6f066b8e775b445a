import { withMilestone } from './milestones';
import { OrderEventDetailSchema } from './order-event-schema';
import { ORDER_EVENT_TYPES, orderEventFor, orderEventsReached } from './order-events';
import { anOrder } from './testing';

const placedAt = new Date('2026-11-21T10:00:00.000Z');
const authorizedAt = new Date('2026-11-21T10:00:01.000Z');
const procuredAt = new Date('2026-11-21T10:00:02.000Z');
const dispatchedAt = new Date('2026-11-21T10:00:03.000Z');

const placed = () =>
  anOrder({
    orderId: 'order-7',
    customerId: 'customer-7',
    timeline: [{ status: 'PENDING', at: placedAt.toISOString() }],
    createdAt: placedAt.toISOString(),
  });
const authorized = () =>
  withMilestone(placed(), { kind: 'PaymentAuthorized', authorizationId: 'auth-1' }, authorizedAt);
const dispatched = () =>
  withMilestone(
    withMilestone(authorized(), { kind: 'Procured', invoiceNumber: 'INV-1' }, procuredAt),
    {
      kind: 'Dispatched',
      shipment: { carrier: 'DHL', trackingNumber: 'T-1', serviceLevel: 'STANDARD' },
      captureId: 'cap-1',
    },
    dispatchedAt,
  );

describe('orderEventFor', () => {
  it('announces a placed order with its customer, total and the time it was placed', () => {
    const order = placed();

    expect(orderEventFor(order, 'OrderPlaced')).toEqual({
      type: 'OrderPlaced',
      detail: {
        schemaVersion: 1,
        eventId: 'order-7:OrderPlaced',
        orderId: 'order-7',
        customerId: 'customer-7',
        status: 'PENDING',
        total: order.total,
        paymentStatus: 'PENDING',
        occurredAt: placedAt.toISOString(),
      },
    });
  });

  it('tells the same event once the order has moved on, so a repeat is the very same event', () => {
    const whenAuthorized = orderEventFor(authorized(), 'OrderPaymentAuthorized');

    expect(orderEventFor(dispatched(), 'OrderPaymentAuthorized')).toEqual(whenAuthorized);
    expect(whenAuthorized?.detail).toMatchObject({
      status: 'PAYMENT_CONFIRMED',
      paymentStatus: 'AUTHORIZED',
      occurredAt: authorizedAt.toISOString(),
    });
  });

  it('reports the payment a failed order ended with', () => {
    const failed = withMilestone(
      authorized(),
      { kind: 'Failed', step: 'ReserveStock', error: 'OutOfStock', cause: 'none left', paymentStatus: 'VOIDED' },
      procuredAt,
    );

    expect(orderEventFor(failed, 'OrderFailed')?.detail).toMatchObject({
      eventId: 'order-7:OrderFailed',
      status: 'FAILED',
      paymentStatus: 'VOIDED',
      occurredAt: procuredAt.toISOString(),
    });
  });

  it('announces nothing the order has not reached', () => {
    expect(orderEventFor(authorized(), 'OrderDispatched')).toBeUndefined();
    expect(orderEventFor(placed(), 'OrderCancelled')).toBeUndefined();
  });

  it('builds every event the documented schema accepts', () => {
    const order = dispatched();
    const events = orderEventsReached(order, ORDER_EVENT_TYPES);

    expect(events.map((event) => event.type)).toEqual(['OrderPlaced', 'OrderPaymentAuthorized', 'OrderDispatched']);
    for (const { detail } of events) expect(OrderEventDetailSchema.parse(detail)).toEqual(detail);
  });
});
