import type { OrderRepository } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository, validOrderRequest } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import { sandboxCarrierNetwork } from '../../src/sandbox-carriers';
import { bookShipmentHandler } from './book-shipment';

const address = (country: string) => ({ ...validOrderRequest().shippingAddress, country });
const clock = () => new Date('2026-11-21T10:03:00.000Z');

/** An order ProcureOrder has just finished for: payment authorized, stock reserved, invoice prepared. */
const paidOrder = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
  const orders = inMemoryOrderRepository();
  const order = anOrder({
    status: 'PAYMENT_CONFIRMED',
    payment: { status: 'AUTHORIZED', authorizationId: 'auth_1' },
    timeline: [
      { status: 'PENDING', at: '2026-11-21T10:00:00.000Z' },
      { status: 'PAYMENT_CONFIRMED', at: '2026-11-21T10:01:00.000Z' },
    ],
    ...overrides,
  });
  await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  return { orders, order };
};

const request = (orderId: string, country = 'DE') => ({
  orderId,
  shippingMethod: 'STANDARD' as const,
  shippingAddress: address(country),
  invoiceNumber: 'INV-2026-0000000001',
});

describe('BookShipment step', () => {
  it('records the order PROCURED and books the parcel for the destination and shipping method, leaving DISPATCHED to the capture', async () => {
    const { orders, order } = await paidOrder();
    const logs = recordingLogs();
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), orders, clock, ...logs });

    const shipment = await handler({ ...request(order.orderId), shippingMethod: 'EXPRESS' });

    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'Shipment booked',
        carrier: 'EuroExpress',
        trackingNumber: shipment.trackingNumber,
      }),
    );
    expect(shipment).toEqual({
      carrier: 'EuroExpress',
      serviceLevel: 'EXPRESS',
      trackingNumber: expect.stringMatching(/^EX[0-9A-F]{12}$/),
    });
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'PROCURED',
      invoiceNumber: 'INV-2026-0000000001',
      payment: { status: 'AUTHORIZED', authorizationId: 'auth_1' },
      timeline: [
        { status: 'PENDING' },
        { status: 'PAYMENT_CONFIRMED' },
        { status: 'PROCURED', at: '2026-11-21T10:03:00.000Z' },
      ],
    });
    expect((await orders.get(order.orderId))?.order.shipment).toBeUndefined();
  });

  it('answers the same parcel when retried for the same order, recording nothing twice', async () => {
    const { orders, order } = await paidOrder({ shippingAddress: address('US') });
    const logs = recordingLogs();
    const handler = bookShipmentHandler({
      carriers: sandboxCarrierNetwork(),
      orders,
      clock,
      loggerFor: logs.loggerFor,
    });
    const first = await handler(request(order.orderId, 'US'));
    const recorded = (await orders.get(order.orderId))?.order;

    const retried = await handler(request(order.orderId, 'US'));

    expect(first).toMatchObject({ carrier: 'GlobalPost', serviceLevel: 'STANDARD' });
    expect(retried).toEqual(first);
    expect((await orders.get(order.orderId))?.order).toEqual(recorded);
    expect(recorded?.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED']);
  });

  it('books the parcel when retried after a throttled PROCURED write', async () => {
    const { orders, order } = await paidOrder();
    let throttle = true;
    const flaky: Pick<OrderRepository, 'get' | 'recordMilestone' | 'beginHandover'> = {
      get: (orderId) => orders.get(orderId),
      beginHandover: (orderId, at) => orders.beginHandover(orderId, at),
      async recordMilestone(orderId, milestone, at) {
        if (throttle) {
          throttle = false;
          throw Object.assign(new Error('Throughput exceeded'), { name: 'ThrottlingException' });
        }
        return orders.recordMilestone(orderId, milestone, at);
      },
    };
    const carriers = { book: jest.fn(sandboxCarrierNetwork().book) };
    const handler = bookShipmentHandler({ carriers, orders: flaky, clock });

    await expect(handler(request(order.orderId))).rejects.toMatchObject({ name: 'DependencyUnavailable' });
    expect(carriers.book).not.toHaveBeenCalled();
    const shipment = await handler(request(order.orderId));

    expect(shipment).toMatchObject({ carrier: 'EuroParcel' });
    expect((await orders.get(order.orderId))?.order.status).toBe('PROCURED');
  });

  it('fails with NoCarrierAvailable for Antarctica once PROCURED is recorded, for the compensation to undo', async () => {
    const { orders, order } = await paidOrder({ shippingAddress: address('AQ') });
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), orders, clock });

    await expect(handler(request(order.orderId, 'AQ'))).rejects.toMatchObject({
      name: 'NoCarrierAvailable',
      message: 'No carrier serves AQ at service level STANDARD',
    });
    expect((await orders.get(order.orderId))?.order.status).toBe('PROCURED');
  });

  it('fails with OrderStatusConflict before booking anything when the order is not paid, or was procured with another invoice', async () => {
    const pending = await paidOrder({ status: 'PENDING' });
    const procured = await paidOrder({ status: 'PROCURED', invoiceNumber: 'INV-2026-0000000002' });
    const carriers = { book: jest.fn() };

    for (const { orders, order } of [pending, procured]) {
      const handler = bookShipmentHandler({ carriers, orders, clock });
      await expect(handler(request(order.orderId))).rejects.toMatchObject({ name: 'OrderStatusConflict' });
      expect((await orders.get(order.orderId))?.order).toEqual(order);
    }
    expect(carriers.book).not.toHaveBeenCalled();
  });

  it('refuses an input without the invoice ProcureOrder prepared', async () => {
    const { orders, order } = await paidOrder();
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), orders, clock });

    await expect(handler({ ...request(order.orderId), invoiceNumber: '' })).rejects.toMatchObject({
      name: 'InvalidStepInput',
    });
    expect((await orders.get(order.orderId))?.order).toEqual(order);
  });

  it('books nothing for an order an earlier run dispatched: it answers that parcel, whichever run asks', async () => {
    const shipment = { carrier: 'EuroParcel', serviceLevel: 'STANDARD', trackingNumber: 'EP0123456789AB' };
    const { orders, order } = await paidOrder({
      status: 'DISPATCHED',
      shipment,
      payment: { status: 'CAPTURED', authorizationId: 'auth_1', captureId: 'cap_1' },
    });
    const carriers = { book: jest.fn() };
    const logs = recordingLogs();

    const answered = await bookShipmentHandler({ carriers, orders, clock, ...logs })(request(order.orderId));

    expect(answered).toEqual(shipment);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'Already dispatched: nothing booked',
        trackingNumber: 'EP0123456789AB',
      }),
    );
    expect(carriers.book).not.toHaveBeenCalled();
    expect((await orders.get(order.orderId))?.order).toEqual(order);
  });

  describe('and a cancellation', () => {
    const cancellation = { requestedAt: '2026-11-21T10:02:00.000Z', requestedBy: 'customer' } as const;

    it('books, commits and records nothing for an order asked to be cancelled: OrderCancellationRequested', async () => {
      const { orders, order } = await paidOrder({ cancellation });
      const carriers = { book: jest.fn() };

      await expect(bookShipmentHandler({ carriers, orders, clock })(request(order.orderId))).rejects.toMatchObject({
        name: 'OrderCancellationRequested',
        message: expect.stringContaining(': BookShipment did nothing'),
      });
      expect(carriers.book).not.toHaveBeenCalled();
      expect((await orders.get(order.orderId))?.order).toEqual(order);
    });

    it('loses to a cancel that lands after PROCURED and before the hand-over: nothing booked, the order undone', async () => {
      const { orders, order } = await paidOrder();
      const carriers = { book: jest.fn() };
      // The cancel request lands while BookShipment waits at its checkpoint (the sandbox's pause).
      const pause = jest.fn(async () => {
        await orders.requestCancellation(order.orderId, cancellation);
        return true;
      });

      await expect(
        bookShipmentHandler({ carriers, orders, clock, pause })(request(order.orderId)),
      ).rejects.toMatchObject({
        name: 'OrderCancellationRequested',
        message: expect.stringContaining(': BookShipment did nothing'),
      });
      expect(pause).toHaveBeenCalledWith('BookShipment', expect.objectContaining({ orderId: order.orderId }));
      expect(carriers.book).not.toHaveBeenCalled();
      expect(await orders.get(order.orderId)).toMatchObject({ order: { status: 'PROCURED', cancellation } });
      expect((await orders.get(order.orderId))?.handedOverAt).toBeUndefined();
    });

    it('wins over a cancel that comes once the hand-over is claimed: the cancel is refused, the parcel booked', async () => {
      const { orders, order } = await paidOrder();
      let refused: unknown;
      const carriers = {
        book: jest.fn(async (booking: Parameters<ReturnType<typeof sandboxCarrierNetwork>['book']>[0]) => {
          refused = await orders.requestCancellation(order.orderId, cancellation);
          return sandboxCarrierNetwork().book(booking);
        }),
      };

      const shipment = await bookShipmentHandler({ carriers, orders, clock })(request(order.orderId));

      expect(refused).toBeUndefined();
      expect(shipment).toMatchObject({ carrier: 'EuroParcel' });
      expect(await orders.get(order.orderId)).toMatchObject({
        order: { status: 'PROCURED' },
        handedOverAt: expect.any(String),
      });
      expect((await orders.get(order.orderId))?.order.cancellation).toBeUndefined();
    });

    it('is an OrderStatusConflict when the hand-over is refused for another reason', async () => {
      const { orders, order } = await paidOrder();
      const refusing = {
        ...orders,
        get: orders.get,
        recordMilestone: orders.recordMilestone,
        beginHandover: async () => false,
      };
      const carriers = { book: jest.fn() };

      await expect(
        bookShipmentHandler({ carriers, orders: refusing, clock })(request(order.orderId)),
      ).rejects.toMatchObject({
        name: 'OrderStatusConflict',
        message: `Order ${order.orderId} is PROCURED: the hand-over to the carrier can only be recorded on a PROCURED order`,
      });
      expect(carriers.book).not.toHaveBeenCalled();
    });
  });
});
