import type { OrderRepository } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository, validOrderRequest } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import { sandboxCarrierNetwork } from '../../src/sandbox-carriers';
import { bookShipmentHandler } from './book-shipment';

const items = [{ sku: 'KB-001', quantity: 1 }];
const address = (country: string) => ({ ...validOrderRequest().shippingAddress, country });
const clock = () => new Date('2026-11-21T10:03:00.000Z');

/** An order ProcureOrder has just finished for: payment confirmed, stock reserved, invoice prepared. */
const paidOrder = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
  const orders = inMemoryOrderRepository();
  const order = anOrder({
    status: 'PAYMENT_CONFIRMED',
    payment: { status: 'AUTHORIZED', authorizationId: 'ch_1' },
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
  items,
  invoiceNumber: 'INV-2026-0000000001',
});

describe('BookShipment step', () => {
  it('records the order PROCURED, books the parcel for the destination and shipping method, commits the stock and records it DISPATCHED', async () => {
    const { orders, order } = await paidOrder();
    const stock = { commit: jest.fn(async () => undefined) };
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), stock, orders, clock });

    const shipment = await handler({ ...request(order.orderId), shippingMethod: 'EXPRESS' });

    expect(shipment).toEqual({
      carrier: 'EuroExpress',
      serviceLevel: 'EXPRESS',
      trackingNumber: expect.stringMatching(/^EX[0-9A-F]{12}$/),
    });
    expect(stock.commit).toHaveBeenCalledWith(order.orderId, items);
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'DISPATCHED',
      invoiceNumber: 'INV-2026-0000000001',
      shipment,
      timeline: [
        { status: 'PENDING' },
        { status: 'PAYMENT_CONFIRMED' },
        { status: 'PROCURED', at: '2026-11-21T10:03:00.000Z' },
        { status: 'DISPATCHED', at: '2026-11-21T10:03:00.000Z' },
      ],
    });
  });

  it('answers the same parcel when retried for the same order, booking and recording nothing twice', async () => {
    const { orders, order } = await paidOrder({ shippingAddress: address('US') });
    const logs = recordingLogs();
    const handler = bookShipmentHandler({
      carriers: sandboxCarrierNetwork(),
      stock: { commit: jest.fn() },
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
    expect(recorded?.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'DISPATCHED',
    ]);
    expect(logs.lines.map((line) => line.message)).toEqual(['Shipment booked', 'Already dispatched: nothing booked']);
  });

  it('finishes the job when retried after recording PROCURED only', async () => {
    const { orders, order } = await paidOrder();
    // DynamoDB throttles the DISPATCHED write once, after the SDK's own retries.
    let throttleDispatched = true;
    const flaky: Pick<OrderRepository, 'get' | 'recordMilestone'> = {
      get: (orderId) => orders.get(orderId),
      async recordMilestone(orderId, milestone, at) {
        if (milestone.kind === 'Dispatched' && throttleDispatched) {
          throttleDispatched = false;
          throw Object.assign(new Error('Throughput exceeded'), { name: 'ThrottlingException' });
        }
        return orders.recordMilestone(orderId, milestone, at);
      },
    };
    const handler = bookShipmentHandler({
      carriers: sandboxCarrierNetwork(),
      stock: { commit: jest.fn() },
      orders: flaky,
      clock,
    });

    await expect(handler(request(order.orderId))).rejects.toMatchObject({ name: 'DependencyUnavailable' });
    expect((await orders.get(order.orderId))?.order.status).toBe('PROCURED');
    const shipment = await handler(request(order.orderId));

    expect((await orders.get(order.orderId))?.order).toMatchObject({ status: 'DISPATCHED', shipment });
    expect((await orders.get(order.orderId))?.order.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'DISPATCHED',
    ]);
  });

  it('fails with NoCarrierAvailable for Antarctica once PROCURED is recorded, leaving the stock reserved for the compensation to release', async () => {
    const { orders, order } = await paidOrder({ shippingAddress: address('AQ') });
    const stock = { commit: jest.fn() };
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), stock, orders, clock });

    await expect(handler(request(order.orderId, 'AQ'))).rejects.toMatchObject({
      name: 'NoCarrierAvailable',
      message: 'No carrier serves AQ at service level STANDARD',
    });
    expect(stock.commit).not.toHaveBeenCalled();
    expect((await orders.get(order.orderId))?.order.status).toBe('PROCURED');
  });

  it('fails with OrderStatusConflict before booking anything when the order is not paid, or was procured with another invoice', async () => {
    const pending = await paidOrder({ status: 'PENDING' });
    const procured = await paidOrder({ status: 'PROCURED', invoiceNumber: 'INV-2026-0000000002' });
    const carriers = { book: jest.fn() };

    for (const { orders, order } of [pending, procured]) {
      const handler = bookShipmentHandler({ carriers, stock: { commit: jest.fn() }, orders, clock });
      await expect(handler(request(order.orderId))).rejects.toMatchObject({ name: 'OrderStatusConflict' });
      expect((await orders.get(order.orderId))?.order).toEqual(order);
    }
    expect(carriers.book).not.toHaveBeenCalled();
  });

  it('fails with DispatchNotRecorded, naming the parcel, when the order moved on while the parcel was booked', async () => {
    const { orders, order } = await paidOrder();
    const stock = {
      // Something else fails the order between the two writes.
      commit: jest.fn(async () => {
        const stored = orders.stored.get(order.orderId);
        if (stored) orders.stored.set(order.orderId, { ...stored, order: { ...stored.order, status: 'FAILED' } });
      }),
    };
    const handler = bookShipmentHandler({ carriers: sandboxCarrierNetwork(), stock, orders, clock });

    await expect(handler(request(order.orderId))).rejects.toMatchObject({
      name: 'DispatchNotRecorded',
      message: expect.stringMatching(
        new RegExp(
          `^Order ${order.orderId} was booked as parcel EP[0-9A-F]{12} but not marked DISPATCHED: .* is FAILED`,
        ),
      ),
    });
    expect((await orders.get(order.orderId))?.order.status).toBe('FAILED');
  });

  it('refuses an input without the invoice ProcureOrder prepared', async () => {
    const { orders, order } = await paidOrder();
    const handler = bookShipmentHandler({
      carriers: sandboxCarrierNetwork(),
      stock: { commit: jest.fn() },
      orders,
      clock,
    });

    await expect(handler({ ...request(order.orderId), invoiceNumber: '' })).rejects.toMatchObject({
      name: 'InvalidStepInput',
    });
    expect((await orders.get(order.orderId))?.order).toEqual(order);
  });

  it('books nothing for an order an earlier run dispatched: it answers that parcel, whichever run asks', async () => {
    const { orders, order } = await paidOrder();
    const carriers = { book: jest.fn(sandboxCarrierNetwork().book) };
    const stock = { commit: jest.fn(async () => undefined) };
    const handler = bookShipmentHandler({ carriers, stock, orders, clock });
    const first = await handler(request(order.orderId));
    const before = await orders.get(order.orderId);

    const second = await handler(request(order.orderId));

    expect(second).toEqual(first);
    expect(carriers.book).toHaveBeenCalledTimes(1);
    expect(stock.commit).toHaveBeenCalledTimes(1);
    expect(await orders.get(order.orderId)).toEqual(before);
  });
});
