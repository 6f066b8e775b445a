import {
  DependencyUnavailableError,
  orderEventFor,
  PaymentCaptureRejectedError,
  PaymentProviderUnavailableError,
  type OrderRepository,
} from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository, recordingOrderEvents } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { PaymentProvider } from '../../src/ports';
import { capturePaymentHandler } from './capture-payment';

const items = [{ sku: 'KB-001', quantity: 1 }];
const shipment = { carrier: 'EuroParcel', serviceLevel: 'STANDARD' as const, trackingNumber: 'EP0123456789AB' };
const clock = () => new Date('2026-11-21T10:04:00.000Z');

/** An order BookShipment has just booked a parcel for: PROCURED, its amount held. */
const procuredOrder = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
  const orders = inMemoryOrderRepository();
  const order = anOrder({
    status: 'PROCURED',
    payment: { status: 'AUTHORIZED', authorizationId: 'auth_1' },
    invoiceNumber: 'INV-2026-0000000001',
    timeline: [
      { status: 'PENDING', at: '2026-11-21T10:00:00.000Z' },
      { status: 'PAYMENT_CONFIRMED', at: '2026-11-21T10:01:00.000Z' },
      { status: 'PROCURED', at: '2026-11-21T10:03:00.000Z' },
    ],
    ...overrides,
  });
  await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  return { orders, order };
};

/** A provider that captures each hold once, as a real one does under its idempotency key. */
const capturingProvider = () => {
  const captured = new Map<string, string>();
  return {
    capture: jest.fn<ReturnType<PaymentProvider['capture']>, Parameters<PaymentProvider['capture']>>(
      async ({ authorizationId }) => {
        if (!captured.has(authorizationId)) captured.set(authorizationId, `cap_${captured.size + 1}`);
        return { captureId: captured.get(authorizationId) as string };
      },
    ),
  };
};

const failingProvider = (error: Error) => ({ capture: jest.fn(() => Promise.reject(error)) });

/** The step run once for the order, with no stock to commit unless given. */
const captureStep = (
  deps: Omit<Parameters<typeof capturePaymentHandler>[0], 'clock' | 'stock' | 'events'> & {
    stock?: Parameters<typeof capturePaymentHandler>[0]['stock'];
    events?: Parameters<typeof capturePaymentHandler>[0]['events'];
  },
  orderId: string,
) =>
  capturePaymentHandler({ stock: { commit: jest.fn() }, clock, events: recordingOrderEvents(), ...deps })({
    orderId,
    items,
    shipment,
  });

describe('CapturePayment step', () => {
  it('takes the held total, commits the stock and records the order DISPATCHED with the parcel and the capture', async () => {
    const { orders, order } = await procuredOrder();
    const provider = capturingProvider();
    const stock = { commit: jest.fn(async () => undefined) };
    const logs = recordingLogs();

    const capture = await capturePaymentHandler({
      orders,
      provider,
      stock,
      clock,
      events: recordingOrderEvents(),
      loggerFor: logs.loggerFor,
    })({
      orderId: order.orderId,
      items,
      shipment,
    });

    expect(capture).toEqual({ captureId: 'cap_1' });
    expect(provider.capture).toHaveBeenCalledWith({
      orderId: order.orderId,
      authorizationId: 'auth_1',
      amount: order.total,
    });
    expect(stock.commit).toHaveBeenCalledWith(order.orderId, items);
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'DISPATCHED',
      shipment,
      payment: { status: 'CAPTURED', authorizationId: 'auth_1', captureId: 'cap_1' },
      timeline: [
        { status: 'PENDING' },
        { status: 'PAYMENT_CONFIRMED' },
        { status: 'PROCURED' },
        { status: 'DISPATCHED', at: '2026-11-21T10:04:00.000Z' },
      ],
    });
    expect(logs.lines).toEqual([
      expect.objectContaining({ message: 'Payment captured, order dispatched', captureId: 'cap_1' }),
    ]);
  });

  it('captures nothing again for an order already DISPATCHED, whichever run asks: it answers that capture', async () => {
    const { orders, order } = await procuredOrder();
    const provider = capturingProvider();
    const stock = { commit: jest.fn(async () => undefined) };
    const logs = recordingLogs();
    const step = capturePaymentHandler({ orders, provider, stock, clock, events: recordingOrderEvents(), ...logs });
    const first = await step({ orderId: order.orderId, items, shipment });
    const recorded = await orders.get(order.orderId);

    const again = await step({ orderId: order.orderId, items, shipment });

    expect(again).toEqual(first);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Already dispatched: nothing captured', captureId: 'cap_1' }),
    );
    expect(provider.capture).toHaveBeenCalledTimes(1);
    expect(stock.commit).toHaveBeenCalledTimes(1);
    expect(await orders.get(order.orderId)).toEqual(recorded);
  });

  it('finishes the job when retried after the capture went through but the DISPATCHED write did not', async () => {
    const { orders, order } = await procuredOrder();
    const provider = capturingProvider();
    let throttle = true;
    const flaky: Pick<OrderRepository, 'get' | 'recordMilestone'> = {
      get: (orderId) => orders.get(orderId),
      async recordMilestone(orderId, milestone, at) {
        if (throttle) {
          throttle = false;
          throw Object.assign(new Error('Throughput exceeded'), { name: 'ThrottlingException' });
        }
        return orders.recordMilestone(orderId, milestone, at);
      },
    };
    const step = capturePaymentHandler({
      orders: flaky,
      provider,
      stock: { commit: jest.fn() },
      clock,
      events: recordingOrderEvents(),
    });

    await expect(step({ orderId: order.orderId, items, shipment })).rejects.toMatchObject({
      name: 'DependencyUnavailable',
    });
    const retried = await step({ orderId: order.orderId, items, shipment });

    expect(retried).toEqual({ captureId: 'cap_1' });
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'DISPATCHED',
      payment: { status: 'CAPTURED', captureId: 'cap_1' },
    });
  });

  it.each([
    ['PaymentCaptureRejected', new PaymentCaptureRejectedError('The card issuer refused the capture')],
    ['PaymentProviderUnavailable', new PaymentProviderUnavailableError('Provider timed out')],
  ])(
    'fails with %s, leaving the order PROCURED and its stock reserved, for the workflow to retry or compensate',
    async (name, error) => {
      const { orders, order } = await procuredOrder();
      const stock = { commit: jest.fn() };

      await expect(
        capturePaymentHandler({
          orders,
          provider: failingProvider(error),
          stock,
          clock,
          events: recordingOrderEvents(),
        })({
          orderId: order.orderId,
          items,
          shipment,
        }),
      ).rejects.toMatchObject({ name });
      expect(stock.commit).not.toHaveBeenCalled();
      expect((await orders.get(order.orderId))?.order).toEqual(order);
    },
  );

  it('fails with CompensationInterrupted, capturing nothing, for an order an earlier run began undoing', async () => {
    const { orders, order } = await procuredOrder();
    await orders.recordCompensationStarted(
      order.orderId,
      { step: 'BookShipment', error: 'CarrierUnavailable' },
      clock(),
    );
    const provider = capturingProvider();

    await expect(captureStep({ orders, provider }, order.orderId)).rejects.toMatchObject({
      name: 'CompensationInterrupted',
    });
    expect(provider.capture).not.toHaveBeenCalled();
  });

  it.each([
    ['not yet procured', { status: 'PAYMENT_CONFIRMED' as const }],
    ['failed', { status: 'FAILED' as const, payment: { status: 'VOIDED' as const, authorizationId: 'auth_1' } }],
    ['procured without a hold', { payment: { status: 'PENDING' as const } }],
    [
      'failed after its capture was refunded',
      {
        status: 'FAILED' as const,
        payment: { status: 'REFUNDED' as const, authorizationId: 'auth_1', captureId: 'cap_1' },
      },
    ],
  ])('fails with OrderStatusConflict, capturing nothing, for an order %s', async (_, overrides) => {
    const { orders, order } = await procuredOrder(overrides);
    const provider = capturingProvider();

    await expect(captureStep({ orders, provider }, order.orderId)).rejects.toMatchObject({
      name: 'OrderStatusConflict',
      message: `Order ${order.orderId} is ${order.status}: a capture can only be recorded on a PROCURED and authorized order`,
    });
    expect(provider.capture).not.toHaveBeenCalled();
    expect((await orders.get(order.orderId))?.order).toEqual(order);
  });

  it('fails with DispatchNotRecorded, naming the parcel, when the order moved on after the money was taken', async () => {
    const { orders, order } = await procuredOrder();
    const stock = {
      // Something else fails the order between the capture and the DISPATCHED write.
      commit: jest.fn(async () => {
        const stored = orders.stored.get(order.orderId);
        if (stored) orders.stored.set(order.orderId, { ...stored, order: { ...stored.order, status: 'FAILED' } });
      }),
    };

    await expect(
      capturePaymentHandler({ orders, provider: capturingProvider(), stock, clock, events: recordingOrderEvents() })({
        orderId: order.orderId,
        items,
        shipment,
      }),
    ).rejects.toMatchObject({
      name: 'DispatchNotRecorded',
      message: expect.stringMatching(
        new RegExp(
          `^Order ${order.orderId} was paid and booked as parcel EP0123456789AB but not marked DISPATCHED: .* is FAILED`,
        ),
      ),
    });
  });

  it('fails with OrderRecordMissing, capturing nothing, when the order does not exist', async () => {
    const provider = capturingProvider();

    await expect(
      capturePaymentHandler({
        orders: inMemoryOrderRepository(),
        provider,
        stock: { commit: jest.fn() },
        clock,
        events: recordingOrderEvents(),
      })({
        orderId: 'no-such-order',
        items,
        shipment,
      }),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
    expect(provider.capture).not.toHaveBeenCalled();
  });
});

describe('CapturePayment announces the dispatch', () => {
  it('publishes OrderDispatched, payment CAPTURED, at the time the dispatch was recorded', async () => {
    const { orders, order } = await procuredOrder();
    const events = recordingOrderEvents();

    await capturePaymentHandler({ orders, provider: capturingProvider(), stock: { commit: jest.fn() }, clock, events })(
      { orderId: order.orderId, items, shipment },
    );

    expect(events.published).toEqual([orderEventFor((await orders.get(order.orderId))!.order, 'OrderDispatched')]);
    expect(events.published[0]?.detail).toMatchObject({
      eventId: `${order.orderId}:OrderDispatched`,
      status: 'DISPATCHED',
      paymentStatus: 'CAPTURED',
      occurredAt: clock().toISOString(),
    });
  });

  it('publishes it again when the run that recorded the dispatch died before its put', async () => {
    const { orders, order } = await procuredOrder();
    const events = recordingOrderEvents();
    const provider = capturingProvider();
    const step = capturePaymentHandler({ orders, provider, stock: { commit: jest.fn() }, clock, events });
    events.failNext(new DependencyUnavailableError('the process died before PutEvents'));

    await expect(step({ orderId: order.orderId, items, shipment })).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(events.published).toEqual([]);
    await step({ orderId: order.orderId, items, shipment });

    expect(provider.capture).toHaveBeenCalledTimes(1);
    expect(events.published).toEqual([orderEventFor((await orders.get(order.orderId))!.order, 'OrderDispatched')]);
  });
});
