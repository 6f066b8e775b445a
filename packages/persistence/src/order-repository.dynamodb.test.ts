import { anOrder } from '@order-platform/domain/testing';
import { RequestValidationError } from '@order-platform/domain';
import { createDocumentClient } from './document-client';
import { createTables, startLocalDynamoDb, type LocalDynamoDb } from './local';
import { buildOrderRepository } from './order-repository';

// Against a real DynamoDB-protocol server (dynalite), with tables created from tables.yml.
describe('order repository on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let repository: ReturnType<typeof buildOrderRepository>;

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, { OrdersTable: 'orders-test', CatalogTable: 'catalog-test' });
    repository = buildOrderRepository(createDocumentClient(dynamodb.client), 'orders-test');
  });

  afterAll(() => dynamodb.stop());

  it('stores an order and reads it back with its private fields apart', async () => {
    const order = anOrder();

    expect(await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp-1' })).toBe(true);

    expect(await repository.get(order.orderId)).toEqual({
      order,
      paymentToken: 'tok_visa',
      requestFingerprint: 'fp-1',
    });
  });

  it("shows a failed order's cause as the error message, not the Lambda runtime's JSON with its stack", async () => {
    const cause = JSON.stringify({ errorType: 'OutOfStock', errorMessage: 'Not enough stock', trace: ['at reserve'] });
    const order = anOrder({ status: 'FAILED', failure: { step: 'ReserveStock', error: 'OutOfStock', cause } });
    await repository.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp-1' });

    expect((await repository.get(order.orderId))?.order.failure).toEqual({
      step: 'ReserveStock',
      error: 'OutOfStock',
      cause: 'Not enough stock',
    });
  });

  it('refuses to overwrite an existing order, keeping the first', async () => {
    const first = anOrder();
    await repository.insert({ order: first, paymentToken: 'tok_visa', requestFingerprint: 'fp-first' });

    const second = { ...first, shippingMethod: 'EXPRESS' as const };
    expect(await repository.insert({ order: second, paymentToken: 'tok_other', requestFingerprint: 'fp-second' })).toBe(
      false,
    );

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
    for (const order of [pending, paid]) await repository.insert({ order, paymentToken: 't', requestFingerprint: 'f' });

    expect(await repository.withdrawPending(pending.orderId)).toBe(true);
    expect(await repository.withdrawPending(paid.orderId)).toBe(false);

    expect(await repository.get(pending.orderId)).toBeUndefined();
    expect(await repository.get(paid.orderId)).toBeDefined();
  });

  it('returns undefined for an order that does not exist', async () => {
    expect(await repository.get('no-such-order')).toBeUndefined();
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

    it.each([
      'not-a-cursor',
      Buffer.from('{"orderId":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ])('rejects the cursor %s as a validation error', async (cursor) => {
      await expect(repository.listByCustomer(customerId, { limit: 2, cursor })).rejects.toBeInstanceOf(
        RequestValidationError,
      );
    });
  });
});
