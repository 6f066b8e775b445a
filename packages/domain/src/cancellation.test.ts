import {
  answerRefusedCancellation,
  CANCELLABLE_STATUSES,
  mayRequestCancellation,
  stopIfCancellationRequested,
} from './cancellation';
import { OrderNotCancellableError } from './errors';
import type { Order } from './order';
import type { StoredOrder } from './ports';
import { OrderCancellationRequestedError } from './step-errors';
import { anOrder } from './testing';

const cancellation = { requestedAt: '2026-11-21T10:01:00.000Z', requestedBy: 'customer' } as const;
const stored = (overrides: Partial<Omit<StoredOrder, 'order'>> & { order?: Partial<Order> } = {}): StoredOrder => ({
  paymentToken: 'tok_visa',
  requestFingerprint: 'fp',
  ...overrides,
  order: anOrder(overrides.order),
});

describe('cancelling an order', () => {
  it('is possible from every status before dispatch', () => {
    expect(CANCELLABLE_STATUSES).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED']);
    for (const status of CANCELLABLE_STATUSES) expect(mayRequestCancellation(stored({ order: { status } }))).toBe(true);
  });

  it.each([
    ['dispatched', stored({ order: { status: 'DISPATCHED' } })],
    ['failed', stored({ order: { status: 'FAILED' } })],
    ['already cancelled', stored({ order: { status: 'CANCELLED', cancellation } })],
    ['asked already', stored({ order: { status: 'PROCURED', cancellation } })],
    ['being undone after a failure', stored({ compensation: { step: 'BookShipment', error: 'X', at: 'now' } })],
    ['being handed to the carrier', stored({ order: { status: 'PROCURED' }, handedOverAt: 'now' })],
  ])('is not written again on an order %s', (_, order) => {
    expect(mayRequestCancellation(order)).toBe(false);
  });

  it('answers the order when a cancellation was asked already, whether or not the workflow has ended it', () => {
    const asked = stored({ order: { status: 'PAYMENT_CONFIRMED', cancellation } });
    const ended = stored({ order: { status: 'CANCELLED', cancellation } });

    expect(answerRefusedCancellation(asked)).toBe(asked.order);
    expect(answerRefusedCancellation(ended)).toBe(ended.order);
  });

  it.each([
    [stored({ order: { status: 'DISPATCHED' } }), 'it is DISPATCHED'],
    [stored({ order: { status: 'DISPATCHED' }, handedOverAt: 'now' }), 'it is DISPATCHED'],
    [
      stored({ order: { status: 'PROCURED' }, compensation: { step: 'BookShipment', error: 'X', at: 'now' } }),
      'it failed and is being undone already',
    ],
    [stored({ order: { status: 'PROCURED' }, handedOverAt: 'now' }), 'it is being handed to the carrier'],
    [stored({ order: { status: 'FAILED' } }), 'it failed and is being undone already'],
    [
      stored({ compensation: { step: 'ConfirmPayment', error: 'X', at: 'now' } }),
      'it failed and is being undone already',
    ],
  ])('refuses an order no longer cancellable, saying why (%#)', (order, reason) => {
    expect(() => answerRefusedCancellation(order)).toThrow(new OrderNotCancellableError(order.order.orderId, reason));
  });
});

describe('a workflow step', () => {
  it('stops at an order asked to be cancelled, naming itself', () => {
    const order = anOrder({ cancellation });

    expect(() => stopIfCancellationRequested(order, 'ReserveStock')).toThrow(OrderCancellationRequestedError);
    expect(() => stopIfCancellationRequested(order, 'ReserveStock')).toThrow(/ReserveStock did nothing/);
  });

  it('goes on with any other order', () => {
    expect(() => stopIfCancellationRequested(anOrder({ status: 'PROCURED' }), 'BookShipment')).not.toThrow();
  });
});
