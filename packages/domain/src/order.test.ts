import { InvalidStatusTransitionError } from './errors';
import { canTransition, isTerminal, transition } from './order';
import { ORDER_STATUSES } from './response-schemas';
import { anOrder } from './testing';

const placed = anOrder();

describe('order status', () => {
  it('starts PENDING with an unpaid payment and one timeline entry', () => {
    expect(placed).toMatchObject({
      status: 'PENDING',
      payment: { status: 'PENDING' },
      timeline: [{ status: 'PENDING', at: placed.createdAt }],
      total: { amount: 8900 + 2 * 2900, currency: 'EUR' },
    });
  });

  it('moves forward through payment, procurement and dispatch, recording each step', () => {
    const t = (minute: number) => new Date(`2026-11-21T10:0${minute}:00.000Z`);
    const dispatched = transition(
      transition(transition(placed, 'PAYMENT_CONFIRMED', t(1)), 'PROCURED', t(2)),
      'DISPATCHED',
      t(3),
    );

    expect(dispatched.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'DISPATCHED',
    ]);
    expect(dispatched.updatedAt).toBe('2026-11-21T10:03:00.000Z');
    expect(isTerminal(dispatched.status)).toBe(true);
  });

  it('can fail from every non-terminal status and from neither terminal one', () => {
    const failable = ORDER_STATUSES.filter((status) => canTransition(status, 'FAILED'));
    expect(failable).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED']);
  });

  it('never skips a step or goes back', () => {
    expect(() => transition(placed, 'DISPATCHED', new Date())).toThrow(InvalidStatusTransitionError);
    const paid = transition(placed, 'PAYMENT_CONFIRMED', new Date());
    expect(() => transition(paid, 'PENDING', new Date())).toThrow(InvalidStatusTransitionError);
    const failed = transition(paid, 'FAILED', new Date());
    expect(() => transition(failed, 'PROCURED', new Date())).toThrow(InvalidStatusTransitionError);
  });
});
