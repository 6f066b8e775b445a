import { anOrder, inMemoryOrderRepository } from '@order-platform/domain/testing';
import {
  OrderRecordMissingError,
  OrderStatusConflictError,
  RequestValidationError,
  type OrderRepository,
} from '@order-platform/domain';
import { startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createDocumentClient } from './dynamodb';
import { createTables } from './tables';
import { buildOrderRepository } from './order-repository';

// The OrderRepository contract, run against the DynamoDB adapter on a local DynamoDB (dynalite,
// tables from tables.yml) and against the in-memory fake that the use-case and step tests use:
// the fake cannot drift from what DynamoDB does.
const orderRepositoryContract = (
  subject: string,
  open: () => Promise<{ repository: OrderRepository; close: () => Promise<void> | void }>,
) =>
  describe(`the order repository contract: ${subject}`, () => {
    let repository: OrderRepository;
    let close: () => Promise<void> | void;

    beforeAll(async () => {
      ({ repository, close } = await open());
    });

    afterAll(() => close());

    it('stores an order and reads it back with its private fields apart', async () => {
      const order = anOrder();

      expect(await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp-1' })).toBe(true);

      expect(await repository.get(order.orderId)).toEqual({
        order,
        paymentToken: 'tok_visa',
        requestFingerprint: 'fp-1',
      });
    });

    it.each(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED'] as const)(
      'marks a %s order FAILED once, the cause readable and the charge kept, and never a dispatched one',
      async (status) => {
        const order = anOrder({ status, payment: { status: 'AUTHORIZED', authorizationId: 'auth_1' } });
        await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp-1' });
        const cause = JSON.stringify({
          errorType: 'OutOfStock',
          errorMessage: 'Not enough stock',
          trace: ['at reserve'],
        });
        const failed = {
          kind: 'Failed',
          step: 'ReserveStock',
          error: 'OutOfStock',
          cause,
          paymentStatus: 'REFUNDED',
        } as const;
        const at = new Date('2026-11-21T10:09:00.000Z');

        expect(await repository.recordMilestone(order.orderId, failed, at)).toBe('recorded');
        expect(await repository.recordMilestone(order.orderId, failed, at)).toBe('alreadyRecorded');
        expect((await repository.get(order.orderId))?.order).toMatchObject({
          status: 'FAILED',
          payment: { status: 'REFUNDED', authorizationId: 'auth_1' },
          failure: { step: 'ReserveStock', error: 'OutOfStock', cause: 'Not enough stock' },
        });

        const dispatched = anOrder({ status: 'DISPATCHED' });
        await repository.insert({ order: dispatched, paymentToken: 'tok_visa', requestFingerprint: 'fp-2' });
        await expect(repository.recordMilestone(dispatched.orderId, failed, at)).rejects.toMatchObject({
          name: 'OrderStatusConflict',
        });
      },
    );

    it('refuses to overwrite an existing order, keeping the first', async () => {
      const first = anOrder();
      await repository.insert({ order: first, paymentToken: 'tok_visa', requestFingerprint: 'fp-first' });

      const second = { ...first, shippingMethod: 'EXPRESS' as const };
      expect(
        await repository.insert({ order: second, paymentToken: 'tok_other', requestFingerprint: 'fp-second' }),
      ).toBe(false);

      expect(await repository.get(first.orderId)).toMatchObject({ order: first, requestFingerprint: 'fp-first' });
    });

    it('lets exactly one of many concurrent inserts of the same order win', async () => {
      const order = anOrder();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, attempt) =>
          repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: `fp-${attempt}` }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('withdraws an order only while it is PENDING', async () => {
      const pending = anOrder();
      const paid = anOrder({ status: 'PAYMENT_CONFIRMED' });
      for (const order of [pending, paid])
        await repository.insert({ order, paymentToken: 't', requestFingerprint: 'f' });

      expect(await repository.withdrawPending(pending.orderId)).toBe(true);
      expect(await repository.withdrawPending(paid.orderId)).toBe(false);

      expect(await repository.get(pending.orderId)).toBeUndefined();
      expect(await repository.get(paid.orderId)).toBeDefined();
    });

    it('returns undefined for an order that does not exist', async () => {
      expect(await repository.get('no-such-order')).toBeUndefined();
    });

    describe('recording milestones', () => {
      const at = (minute: number) => new Date(`2026-11-21T10:0${minute}:00.000Z`);
      const shipment = { carrier: 'EuroParcel', serviceLevel: 'STANDARD', trackingNumber: 'EP0123456789AB' };
      const placed = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
        const order = anOrder(overrides);
        await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
        return order;
      };

      it('takes an order from payment to dispatch, with what each step found and one timeline entry each', async () => {
        const order = await placed();

        const writes = [
          await repository.recordMilestone(
            order.orderId,
            { kind: 'PaymentAuthorized', authorizationId: 'auth_1' },
            at(1),
          ),
          await repository.recordMilestone(order.orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at(2)),
          await repository.recordMilestone(order.orderId, { kind: 'Dispatched', shipment, captureId: 'cap_1' }, at(3)),
        ];

        expect(writes).toEqual(['recorded', 'recorded', 'recorded']);
        expect((await repository.get(order.orderId))?.order).toEqual({
          ...order,
          status: 'DISPATCHED',
          payment: { status: 'CAPTURED', authorizationId: 'auth_1', captureId: 'cap_1' },
          invoiceNumber: 'INV-1',
          shipment,
          timeline: [
            ...order.timeline,
            { status: 'PAYMENT_CONFIRMED', at: at(1).toISOString() },
            { status: 'PROCURED', at: at(2).toISOString() },
            { status: 'DISPATCHED', at: at(3).toISOString() },
          ],
          updatedAt: at(3).toISOString(),
        });
      });

      it('records a decline as the order failing at ConfirmPayment, payment DECLINED', async () => {
        const order = await placed();

        await repository.recordMilestone(order.orderId, { kind: 'PaymentDeclined', reason: 'Expired card' }, at(1));

        expect((await repository.get(order.orderId))?.order).toMatchObject({
          status: 'FAILED',
          payment: { status: 'DECLINED' },
          failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: 'Expired card' },
          timeline: [{ status: 'PENDING' }, { status: 'FAILED', at: at(1).toISOString() }],
        });
      });

      it('answers a retried step with alreadyRecorded, writing nothing twice, also once the order moved on', async () => {
        const order = await placed();
        await repository.recordMilestone(
          order.orderId,
          { kind: 'PaymentAuthorized', authorizationId: 'auth_1' },
          at(1),
        );
        await repository.recordMilestone(order.orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at(2));

        const retries = [
          await repository.recordMilestone(order.orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at(4)),
          await repository.recordMilestone(
            order.orderId,
            { kind: 'PaymentAuthorized', authorizationId: 'auth_1' },
            at(5),
          ),
        ];

        expect(retries).toEqual(['alreadyRecorded', 'alreadyRecorded']);
        const stored = (await repository.get(order.orderId))?.order;
        expect(stored?.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED']);
        expect(stored?.updatedAt).toBe(at(2).toISOString());
      });

      it('lets exactly one of many concurrent writes of the same milestone record it', async () => {
        const order = await placed();

        const writes = await Promise.all(
          Array.from({ length: 5 }, () =>
            repository.recordMilestone(order.orderId, { kind: 'PaymentAuthorized', authorizationId: 'auth_1' }, at(1)),
          ),
        );

        expect(writes.filter((write) => write === 'recorded')).toHaveLength(1);
        expect(writes.filter((write) => write === 'alreadyRecorded')).toHaveLength(4);
        expect((await repository.get(order.orderId))?.order.timeline).toHaveLength(2);
      });

      it('never writes over a later or a terminal status, nor with other findings', async () => {
        const failed = await placed({ status: 'FAILED' });
        const procured = await placed({ status: 'PROCURED', invoiceNumber: 'INV-1' });

        await expect(
          repository.recordMilestone(failed.orderId, { kind: 'PaymentAuthorized', authorizationId: 'auth_1' }, at(1)),
        ).rejects.toBeInstanceOf(OrderStatusConflictError);
        await expect(
          repository.recordMilestone(procured.orderId, { kind: 'Procured', invoiceNumber: 'INV-2' }, at(1)),
        ).rejects.toThrow(
          `Order ${procured.orderId} is PROCURED: Procured can only be recorded on a PAYMENT_CONFIRMED order`,
        );

        expect((await repository.get(failed.orderId))?.order).toEqual(failed);
        expect((await repository.get(procured.orderId))?.order).toEqual(procured);
      });

      it('never creates an order it does not find', async () => {
        await expect(
          repository.recordMilestone('no-such-order', { kind: 'Dispatched', shipment, captureId: 'cap_1' }, at(1)),
        ).rejects.toBeInstanceOf(OrderRecordMissingError);

        expect(await repository.get('no-such-order')).toBeUndefined();
      });
    });

    describe('marking an order as being compensated', () => {
      const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 9, 0, second));

      it('marks a live order once, keeping the failure that began it, and leaves its status alone', async () => {
        const order = anOrder({ status: 'PROCURED' });
        await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });

        expect(
          await repository.recordCompensationStarted(
            order.orderId,
            { step: 'BookShipment', error: 'NoCarrierAvailable' },
            at(1),
          ),
        ).toBe(true);
        expect(
          await repository.recordCompensationStarted(order.orderId, { step: 'ConfirmPayment', error: 'Other' }, at(2)),
        ).toBe(true);

        expect(await repository.get(order.orderId)).toEqual({
          order,
          paymentToken: 'tok_visa',
          requestFingerprint: 'fp',
          compensation: { step: 'BookShipment', error: 'NoCarrierAvailable', at: at(1).toISOString() },
        });
      });

      it('marks neither a terminal order nor one that does not exist', async () => {
        const dispatched = anOrder({ status: 'DISPATCHED' });
        await repository.insert({ order: dispatched, paymentToken: 'tok_visa', requestFingerprint: 'fp' });

        expect(await repository.recordCompensationStarted(dispatched.orderId, { step: 'X', error: 'Y' }, at(1))).toBe(
          false,
        );
        expect(await repository.recordCompensationStarted('no-such-order', { step: 'X', error: 'Y' }, at(1))).toBe(
          false,
        );

        expect((await repository.get(dispatched.orderId))?.compensation).toBeUndefined();
        expect(await repository.get('no-such-order')).toBeUndefined();
      });
    });

    describe('cancelling an order, and handing it to the carrier', () => {
      const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 9, 30, second));
      const request = (second: number) => ({ requestedAt: at(second).toISOString(), requestedBy: 'customer' as const });
      const stored = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
        const order = anOrder(overrides);
        await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
        return order;
      };

      it.each(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED'] as const)(
        'writes the request on a %s order once, visible on the order, its status left to the workflow',
        async (status) => {
          const order = await stored({ status });

          const asked = { ...order, cancellation: request(1), updatedAt: at(1).toISOString() };

          expect(await repository.requestCancellation(order.orderId, request(1))).toEqual(asked);
          expect(await repository.requestCancellation(order.orderId, request(2))).toBeUndefined();

          expect((await repository.get(order.orderId))?.order).toEqual(asked);
        },
      );

      it('writes no request on a settled order, one being undone, one handed over, or one that does not exist', async () => {
        const dispatched = await stored({ status: 'DISPATCHED' });
        const failing = await stored({ status: 'PROCURED' });
        await repository.recordCompensationStarted(failing.orderId, { step: 'BookShipment', error: 'X' }, at(0));
        const handedOver = await stored({ status: 'PROCURED' });
        expect(await repository.beginHandover(handedOver.orderId, at(0))).toBe(true);

        for (const orderId of [dispatched.orderId, failing.orderId, handedOver.orderId, 'no-such-order']) {
          expect(await repository.requestCancellation(orderId, request(1))).toBeUndefined();
          expect((await repository.get(orderId))?.order.cancellation).toBeUndefined();
        }
        expect(await repository.get('no-such-order')).toBeUndefined();
      });

      it('claims the hand-over of a PROCURED order once (a retry keeps the first claim), and of no other', async () => {
        const procured = await stored({ status: 'PROCURED' });
        const paid = await stored({ status: 'PAYMENT_CONFIRMED' });

        expect(await repository.beginHandover(procured.orderId, at(1))).toBe(true);
        expect(await repository.beginHandover(procured.orderId, at(2))).toBe(true);
        expect(await repository.beginHandover(paid.orderId, at(1))).toBe(false);
        expect(await repository.beginHandover('no-such-order', at(1))).toBe(false);

        expect(await repository.get(procured.orderId)).toMatchObject({
          order: procured,
          handedOverAt: at(1).toISOString(),
        });
        expect(await repository.get('no-such-order')).toBeUndefined();
      });

      it('lets exactly one of a cancellation and a hand-over win when they race, whichever is sent first', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, async (_, index) => {
            const order = await stored({ status: 'PROCURED' });
            const cancel = async () => (await repository.requestCancellation(order.orderId, request(1))) !== undefined;
            const handOver = () => repository.beginHandover(order.orderId, at(1));
            const [cancelled, handedOver] =
              index % 2 === 0
                ? await Promise.all([cancel(), handOver()])
                : (await Promise.all([handOver(), cancel()])).reverse();
            const after = await repository.get(order.orderId);
            return {
              cancelled,
              handedOver,
              written: [after?.order.cancellation !== undefined, after?.handedOverAt !== undefined],
            };
          }),
        );

        for (const { cancelled, handedOver, written } of outcomes) {
          expect(cancelled).not.toBe(handedOver);
          expect(written).toEqual([cancelled, handedOver]);
        }
      });
    });

    describe('listing a customer’s orders', () => {
      const customerId = 'customer-listing';
      const placed = Array.from({ length: 7 }, () => anOrder({ customerId }));

      beforeAll(async () => {
        for (const order of placed) await repository.insert({ order, paymentToken: 't', requestFingerprint: 'f' });
        await repository.insert({
          order: anOrder({ customerId: 'someone-else' }),
          paymentToken: 't',
          requestFingerprint: 'f',
        });
      });

      it('pages through every order newest first, each exactly once', async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await repository.listByCustomer(customerId, { limit: 3, cursor });
          expect(page.orders.length).toBeLessThanOrEqual(3);
          seen.push(...page.orders.map((order) => order.orderId));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);

        expect(seen).toEqual([...placed].reverse().map((order) => order.orderId));
        expect(pages).toBeGreaterThanOrEqual(3);
      });

      it('never shows the payment token', async () => {
        const page = await repository.listByCustomer(customerId, { limit: 1 });
        expect(page.orders[0]).not.toHaveProperty('paymentToken');
        expect(page.orders[0]).not.toHaveProperty('requestFingerprint');
      });

      it('keeps a cursor inside the caller’s own orders', async () => {
        const { nextCursor } = await repository.listByCustomer(customerId, { limit: 2 });
        const page = await repository.listByCustomer('someone-else', { limit: 10, cursor: nextCursor });
        expect(page.orders.every((order) => order.customerId === 'someone-else')).toBe(true);
      });
      it('rejects a cursor it never issued as a validation error', async () => {
        await expect(
          repository.listByCustomer(customerId, { limit: 2, cursor: 'not-a-cursor' }),
        ).rejects.toBeInstanceOf(RequestValidationError);
      });
    });
  });

orderRepositoryContract('DynamoDB adapter on a local DynamoDB', async () => {
  const dynamodb = await startLocalDynamoDb();
  await createTables(dynamodb.client, { OrdersTable: 'orders-test' });
  return {
    repository: buildOrderRepository(createDocumentClient(dynamodb.client), 'orders-test'),
    close: dynamodb.stop,
  };
});

orderRepositoryContract('in-memory fake', async () => ({
  repository: inMemoryOrderRepository(),
  close: () => undefined,
}));
