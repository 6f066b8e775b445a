import { anOrder } from '@order-platform/domain/testing';
import { RequestValidationError } from '@order-platform/domain';
import { createDocumentClient } from './dynamodb';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from './tables';
import { buildOrderRepository } from './order-repository';

// What only the DynamoDB adapter has: its cursor (the page's last key, base64 JSON), checked
// before DynamoDB sees it. What every OrderRepository keeps: order-repository.contract.test.ts.
describe('order repository on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let repository: ReturnType<typeof buildOrderRepository>;
  const customerId = 'customer-listing';

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, { OrdersTable: 'orders-test', CatalogTable: 'catalog-test' });
    repository = buildOrderRepository(createDocumentClient(dynamodb.client), 'orders-test');
    for (const order of Array.from({ length: 3 }, () => anOrder({ customerId })))
      await repository.insert({ order, paymentToken: 't', requestFingerprint: 'f' });
  });

  afterAll(() => dynamodb.stop());

  describe('listing a customer’s orders', () => {
    const cursorOf = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');
    const createdAt = '2026-11-21T10:00:00.000Z';
    it.each([
      ['not base64 JSON', 'not-a-cursor'],
      ['a number for the order id', cursorOf({ orderId: 1, createdAt })],
      ['an array', cursorOf([])],
      ['an empty order id', cursorOf({ orderId: '', createdAt })],
      ['an empty createdAt', cursorOf({ orderId: 'order-1', createdAt: '' })],
      ['an order id over DynamoDB’s 2048-byte key limit', cursorOf({ orderId: 'é'.repeat(1025), createdAt })],
      ['an order id with a lone surrogate', cursorOf({ orderId: '\ud800', createdAt })],
      ['a createdAt that is not an ISO instant', cursorOf({ orderId: 'order-1', createdAt: '1' })],
      ['an impossible date', cursorOf({ orderId: 'order-1', createdAt: '2026-02-30T10:00:00.000Z' })],
    ])('rejects a cursor with %s as a validation error, before DynamoDB sees it', async (_, cursor) => {
      await expect(repository.listByCustomer(customerId, { limit: 2, cursor })).rejects.toBeInstanceOf(
        RequestValidationError,
      );
    });
  });
});
