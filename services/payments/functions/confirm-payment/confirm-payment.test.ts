import { DependencyUnavailableError, orderEventFor } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository, recordingOrderEvents } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { PaymentProvider } from '../../src/ports';
import { confirmPaymentHandler } from './confirm-payment';

type AuthorizeRequest = Parameters<PaymentProvider['authorize']>[0];

const fakeProvider = (): Pick<PaymentProvider, 'authorize'> & { holds: AuthorizeRequest[] } => {
  const holds: AuthorizeRequest[] = [];
  return {
    holds,
    async authorize(request) {
      holds.push(request);
      return request.token === 'tok_declined'
        ? { outcome: 'DECLINED', reason: 'Card declined by the issuer' }
        : { outcome: 'AUTHORIZED', authorizationId: `auth_${request.orderId}` };
    },
  };
};

const clock = () => new Date('2026-11-21T10:01:00.000Z');

const placedOrder = async (token: string, overrides: Parameters<typeof anOrder>[0] = {}) => {
  const orders = inMemoryOrderRepository();
  const order = anOrder(overrides);
  await orders.insert({ order, paymentToken: token, requestFingerprint: 'fp' });
  return { orders, order };
};

describe('ConfirmPayment step', () => {
  it("holds the order's total with the token from the order record, for the order, and records the hold", async () => {
    const { orders, order } = await placedOrder('tok_visa');
    const provider = fakeProvider();
    const logs = recordingLogs();

    const outcome = await confirmPaymentHandler({
      orders,
      provider,
      clock,
      events: recordingOrderEvents(),
      loggerFor: logs.loggerFor,
    })({
      orderId: order.orderId,
      executionName: order.orderId,
    });

    expect(outcome).toEqual({ outcome: 'AUTHORIZED', authorizationId: `auth_${order.orderId}` });
    expect(provider.holds).toEqual([{ orderId: order.orderId, token: 'tok_visa', amount: order.total }]);
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'PAYMENT_CONFIRMED',
      payment: { status: 'AUTHORIZED', authorizationId: `auth_${order.orderId}` },
      timeline: [{ status: 'PENDING' }, { status: 'PAYMENT_CONFIRMED', at: '2026-11-21T10:01:00.000Z' }],
      updatedAt: '2026-11-21T10:01:00.000Z',
    });
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'Payment authorized',
        orderId: order.orderId,
        executionName: order.orderId,
        authorizationId: `auth_${order.orderId}`,
        milestone: 'recorded',
      }),
    ]);
  });

  it('returns a decline as a result for the workflow to choose on, and records the order as FAILED with payment DECLINED', async () => {
    const { orders, order } = await placedOrder('tok_declined');
    const logs = recordingLogs();

    const outcome = await confirmPaymentHandler({
      orders,
      provider: fakeProvider(),
      clock,
      events: recordingOrderEvents(),
      ...logs,
    })({
      orderId: order.orderId,
    });

    expect(outcome).toEqual({ outcome: 'DECLINED', reason: 'Card declined by the issuer' });
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'Payment declined',
        reason: 'Card declined by the issuer',
        milestone: 'recorded',
      }),
    ]);
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'DECLINED' },
      failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: 'Card declined by the issuer' },
      timeline: [{ status: 'PENDING' }, { status: 'FAILED', at: '2026-11-21T10:01:00.000Z' }],
    });
  });

  it('answers a retry after a hold from the order, asking the provider and recording nothing twice', async () => {
    const { orders, order } = await placedOrder('tok_visa');
    const logs = recordingLogs();
    const provider = fakeProvider();
    const step = confirmPaymentHandler({
      orders,
      provider,
      clock,
      events: recordingOrderEvents(),
      loggerFor: logs.loggerFor,
    });
    const first = await step({ orderId: order.orderId });
    const recordedFirst = (await orders.get(order.orderId))?.order;

    const retried = await step({ orderId: order.orderId });

    expect(retried).toEqual(first);
    expect(provider.holds).toHaveLength(1);
    expect((await orders.get(order.orderId))?.order).toEqual(recordedFirst);
    expect(recordedFirst?.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED']);
    expect(logs.lines).toEqual([
      expect.objectContaining({ message: 'Payment authorized' }),
      expect.objectContaining({ message: 'Payment already authorized', authorizationId: `auth_${order.orderId}` }),
    ]);
  });

  it('records the hold when an earlier attempt got it from the provider but could not record it', async () => {
    const { orders, order } = await placedOrder('tok_visa');
    const provider = fakeProvider();
    const lostWrite = { ...orders, recordMilestone: () => Promise.reject(new Error('DynamoDB timed out')) };
    await expect(
      confirmPaymentHandler({ orders: lostWrite, provider, clock, events: recordingOrderEvents() })({
        orderId: order.orderId,
      }),
    ).rejects.toThrow('DynamoDB timed out');

    const retried = await confirmPaymentHandler({ orders, provider, clock, events: recordingOrderEvents() })({
      orderId: order.orderId,
    });

    expect(retried).toEqual({ outcome: 'AUTHORIZED', authorizationId: `auth_${order.orderId}` });
    expect(provider.holds.map((hold) => hold.orderId)).toEqual([order.orderId, order.orderId]);
    expect((await orders.get(order.orderId))?.order.payment).toEqual({
      status: 'AUTHORIZED',
      authorizationId: `auth_${order.orderId}`,
    });
  });

  it('answers a retry after a decline with SETTLED: the order is FAILED already, and nothing is held or recorded twice', async () => {
    const { orders, order } = await placedOrder('tok_declined');
    const provider = fakeProvider();
    const logs = recordingLogs();
    const step = confirmPaymentHandler({ orders, provider, clock, events: recordingOrderEvents(), ...logs });
    await step({ orderId: order.orderId });
    const recordedFirst = (await orders.get(order.orderId))?.order;

    expect(await step({ orderId: order.orderId })).toEqual({ outcome: 'SETTLED', status: 'FAILED' });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Order already settled: nothing to do', status: 'FAILED' }),
    );
    expect(provider.holds).toHaveLength(1);
    expect((await orders.get(order.orderId))?.order).toEqual(recordedFirst);
  });

  it.each(['DISPATCHED', 'FAILED'] as const)(
    'answers SETTLED for an order already %s, holding and writing nothing: a second run ends there',
    async (status) => {
      const { orders, order } = await placedOrder('tok_visa', { status });
      const provider = fakeProvider();

      expect(
        await confirmPaymentHandler({ orders, provider, clock, events: recordingOrderEvents() })({
          orderId: order.orderId,
        }),
      ).toEqual({
        outcome: 'SETTLED',
        status,
      });
      expect(provider.holds).toEqual([]);
      expect((await orders.get(order.orderId))?.order).toEqual(order);
    },
  );

  it('fails with CompensationInterrupted, holding nothing, for an order an earlier run began undoing', async () => {
    const { orders, order } = await placedOrder('tok_visa', { status: 'PROCURED' });
    await orders.recordCompensationStarted(
      order.orderId,
      { step: 'BookShipment', error: 'CarrierUnavailable' },
      clock(),
    );
    const provider = fakeProvider();

    await expect(
      confirmPaymentHandler({ orders, provider, clock, events: recordingOrderEvents() })({ orderId: order.orderId }),
    ).rejects.toMatchObject({
      name: 'CompensationInterrupted',
      message: expect.stringContaining('(BookShipment failed with CarrierUnavailable)'),
    });
    expect(provider.holds).toEqual([]);
    expect((await orders.get(order.orderId))?.order).toEqual(order);
  });

  it('fails with OrderRecordMissing, holding nothing, when the order does not exist', async () => {
    const provider = fakeProvider();

    await expect(
      confirmPaymentHandler({ orders: inMemoryOrderRepository(), provider, clock, events: recordingOrderEvents() })({
        orderId: 'no-such-order',
      }),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
    expect(provider.holds).toEqual([]);
  });
});

describe('ConfirmPayment and a cancellation', () => {
  const cancellation = { requestedAt: '2026-11-21T10:00:30.000Z', requestedBy: 'customer' } as const;

  it('holds nothing for an order asked to be cancelled before any step ran: OrderCancellationRequested', async () => {
    const { orders, order } = await placedOrder('tok_visa', { cancellation });
    const provider = fakeProvider();

    await expect(
      confirmPaymentHandler({ orders, provider, clock, events: recordingOrderEvents() })({ orderId: order.orderId }),
    ).rejects.toMatchObject({
      name: 'OrderCancellationRequested',
      message: expect.stringContaining(': ConfirmPayment did nothing'),
    });
    expect(provider.holds).toEqual([]);
    expect((await orders.get(order.orderId))?.order).toEqual(order);
  });

  it('notices a cancel that lands while it waits at its checkpoint (the sandbox’s pause): it reads the order again', async () => {
    const { orders, order } = await placedOrder('tok_visa');
    const provider = fakeProvider();
    const pause = jest.fn(async () => {
      await orders.requestCancellation(order.orderId, cancellation);
      return true;
    });

    await expect(
      confirmPaymentHandler({ orders, provider, clock, events: recordingOrderEvents(), pause })({
        orderId: order.orderId,
      }),
    ).rejects.toMatchObject({ name: 'OrderCancellationRequested' });
    expect(pause).toHaveBeenCalledWith('ConfirmPayment', expect.objectContaining({ orderId: order.orderId }));
    expect(provider.holds).toEqual([]);
  });

  it('finishes a cancellation an earlier run began undoing, rather than failing the order: a cancellation first', async () => {
    const { orders, order } = await placedOrder('tok_visa', { cancellation });
    await orders.recordCompensationStarted(
      order.orderId,
      { step: 'CancelOrder', error: 'OrderCancellationRequested' },
      clock(),
    );

    await expect(
      confirmPaymentHandler({ orders, provider: fakeProvider(), clock, events: recordingOrderEvents() })({
        orderId: order.orderId,
      }),
    ).rejects.toMatchObject({ name: 'OrderCancellationRequested' });
  });

  it('answers SETTLED for an order already CANCELLED, touching nothing', async () => {
    const { orders, order } = await placedOrder('tok_visa', { status: 'CANCELLED', cancellation });

    expect(
      await confirmPaymentHandler({ orders, provider: fakeProvider(), clock, events: recordingOrderEvents() })({
        orderId: order.orderId,
      }),
    ).toEqual({
      outcome: 'SETTLED',
      status: 'CANCELLED',
    });
  });
});

describe('ConfirmPayment announces the order', () => {
  it('publishes OrderPlaced, then OrderPaymentAuthorized with the time the hold was recorded', async () => {
    const { orders, order } = await placedOrder('tok_visa');
    const events = recordingOrderEvents();

    await confirmPaymentHandler({ orders, provider: fakeProvider(), clock, events })({ orderId: order.orderId });

    const recorded = (await orders.get(order.orderId))!.order;
    expect(events.published).toEqual([
      orderEventFor(order, 'OrderPlaced'),
      orderEventFor(recorded, 'OrderPaymentAuthorized'),
    ]);
    expect(events.published[1]?.detail).toMatchObject({
      eventId: `${order.orderId}:OrderPaymentAuthorized`,
      status: 'PAYMENT_CONFIRMED',
      paymentStatus: 'AUTHORIZED',
      occurredAt: clock().toISOString(),
    });
  });

  it('publishes a decline as OrderFailed, payment DECLINED', async () => {
    const { orders, order } = await placedOrder('tok_declined');
    const events = recordingOrderEvents();

    await confirmPaymentHandler({ orders, provider: fakeProvider(), clock, events })({ orderId: order.orderId });

    expect(events.published.map(({ type, detail }) => [type, detail.status, detail.paymentStatus])).toEqual([
      ['OrderPlaced', 'PENDING', 'PENDING'],
      ['OrderFailed', 'FAILED', 'DECLINED'],
    ]);
  });

  it.each([
    ['the hold', 'tok_visa', 'OrderPaymentAuthorized'],
    ['the decline', 'tok_declined', 'OrderFailed'],
  ] as const)(
    'publishes %s again when the run that recorded it died before its put: the retry finds it and announces it',
    async (_, token, type) => {
      const { orders, order } = await placedOrder(token);
      const events = recordingOrderEvents();
      const provider = fakeProvider();
      // The attempt dies right after the provider answered: its milestone is written, its put fails.
      const dying: typeof provider = {
        ...provider,
        authorize: async (request) => {
          const answer = await provider.authorize(request);
          events.failNext(new DependencyUnavailableError('the process died before PutEvents'));
          return answer;
        },
      };
      const step = (withProvider: Pick<typeof provider, 'authorize'>) =>
        confirmPaymentHandler({ orders, provider: withProvider, clock, events })({ orderId: order.orderId });

      await expect(step(dying)).rejects.toBeInstanceOf(DependencyUnavailableError);
      expect(events.published.map((event) => event.type)).toEqual(['OrderPlaced']);
      const recorded = (await orders.get(order.orderId))!.order;

      await step(provider);

      expect(provider.holds).toHaveLength(1);
      expect(events.published.filter((event) => event.type === type)).toEqual([orderEventFor(recorded, type)]);
    },
  );

  it('announces nothing more than OrderPlaced for an order asked to be cancelled before it was paid', async () => {
    const { orders, order } = await placedOrder('tok_visa');
    await orders.requestCancellation(order.orderId, { requestedAt: clock().toISOString(), requestedBy: 'customer' });
    const events = recordingOrderEvents();

    await expect(
      confirmPaymentHandler({ orders, provider: fakeProvider(), clock, events })({ orderId: order.orderId }),
    ).rejects.toMatchObject({ name: 'OrderCancellationRequested' });

    expect(events.published.map((event) => event.type)).toEqual(['OrderPlaced']);
  });
});
