import { OrderStatusConflictError } from './step-errors';
import { withMilestone } from './milestones';
import { canFollow, isTerminal, NEXT_STATUSES, ORDER_STATUSES, statusesBefore, type OrderStatus } from './order';
import { anOrder } from './testing';

const placed = anOrder();
const t = (minute: number) => new Date(`2026-11-21T10:0${minute}:00.000Z`);

describe('an order', () => {
  it('starts PENDING with an unpaid payment and one timeline entry', () => {
    const order = anOrder();

    expect(order).toMatchObject({
      status: 'PENDING',
      payment: { status: 'PENDING' },
      timeline: [{ status: 'PENDING', at: order.createdAt }],
      total: { amount: 8900 + 2 * 2900, currency: 'EUR' },
    });
  });

  it('moves forward through payment, procurement and dispatch, one milestone at a time, each on its timeline', () => {
    const paid = withMilestone(placed, { kind: 'PaymentAuthorized', authorizationId: 'ch_1' }, t(1));
    const procured = withMilestone(paid, { kind: 'Procured', invoiceNumber: 'INV-1' }, t(2));
    const shipment = { carrier: 'EuroParcel', serviceLevel: 'STANDARD', trackingNumber: 'EP1' };
    const dispatched = withMilestone(procured, { kind: 'Dispatched', shipment, captureId: 'cap_1' }, t(3));

    expect(dispatched.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'DISPATCHED',
    ]);
    expect(dispatched).toMatchObject({ updatedAt: '2026-11-21T10:03:00.000Z', invoiceNumber: 'INV-1', shipment });
    expect(isTerminal(dispatched.status)).toBe(true);
  });

  it('refuses a milestone its status may not follow, naming what it is and what it must be', () => {
    expect(() => withMilestone(placed, { kind: 'Procured', invoiceNumber: 'INV-1' }, t(1))).toThrow(
      new OrderStatusConflictError(placed.orderId, 'Procured', 'PAYMENT_CONFIRMED', 'PENDING'),
    );
    expect(() =>
      withMilestone(anOrder({ status: 'DISPATCHED' }), { kind: 'Cancelled', paymentStatus: 'VOIDED' }, t(1)),
    ).toThrow('Cancelled can only be recorded on a PENDING or PAYMENT_CONFIRMED or PROCURED order');
  });
});

describe('the order lifecycle', () => {
  it('lets an order fail from every status on the happy path, and from no terminal one', () => {
    expect(statusesBefore('FAILED')).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED']);
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['DISPATCHED', 'FAILED', 'CANCELLED']);
  });

  it('lets an order be cancelled until it is dispatched, and never once it is settled', () => {
    expect(statusesBefore('CANCELLED')).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED']);
    expect(NEXT_STATUSES.CANCELLED).toEqual([]);
  });

  it('never skips a step or goes back: of every pair of statuses, only these follow each other', () => {
    const allowed = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => canFollow(from, to)).map((to) => `${from} → ${to}`),
    );
    expect(allowed).toEqual([
      'PENDING → PAYMENT_CONFIRMED',
      'PENDING → FAILED',
      'PENDING → CANCELLED',
      'PAYMENT_CONFIRMED → PROCURED',
      'PAYMENT_CONFIRMED → FAILED',
      'PAYMENT_CONFIRMED → CANCELLED',
      'PROCURED → DISPATCHED',
      'PROCURED → FAILED',
      'PROCURED → CANCELLED',
    ]);
    expect(Object.keys(NEXT_STATUSES).sort()).toEqual([...ORDER_STATUSES].sort() as OrderStatus[]);
  });
});
