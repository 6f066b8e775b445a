import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { anOrder } from '@order-platform/domain/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { createDocumentClient } from './dynamodb';
import { buildOrderRepository } from './order-repository';
import { buildProductCatalog } from './product-catalog';
import { buildStockLedger } from './stock-ledger';

// What the adapters ask DynamoDB for, and how they treat its answers, with the SDK mocked.
const dynamodb = mockClient(DynamoDBDocumentClient);
const documentClient = createDocumentClient(new DynamoDBClient({ region: 'eu-west-1' }));

afterEach(() => dynamodb.reset());

describe('order repository requests', () => {
  const repository = buildOrderRepository(documentClient, 'orders');

  it('writes only when no order with that id exists', async () => {
    dynamodb.on(PutCommand).resolves({});
    await repository.insert({ order: anOrder(), paymentToken: 't', requestFingerprint: 'f' });
    expect(dynamodb.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'orders',
      ConditionExpression: 'attribute_not_exists(orderId)',
    });
  });

  it('reports a lost race as false and any other failure as an error', async () => {
    dynamodb
      .on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }))
      .rejectsOnce(new Error('ProvisionedThroughputExceeded'));
    const stored = { order: anOrder(), paymentToken: 't', requestFingerprint: 'f' };

    await expect(repository.insert(stored)).resolves.toBe(false);
    await expect(repository.insert(stored)).rejects.toThrow('ProvisionedThroughputExceeded');
  });

  it('lets a failure to withdraw through, other than the order having moved on', async () => {
    dynamodb
      .on(DeleteCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'not pending', $metadata: {} }))
      .rejectsOnce(new Error('InternalServerError'));

    await expect(repository.withdrawPending('o-1')).resolves.toBe(false);
    await expect(repository.withdrawPending('o-1')).rejects.toThrow('InternalServerError');
  });

  it('lists with one Query on the customer index, newest first, never a Scan', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [] });
    await repository.listByCustomer('c-1', { limit: 25 });
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(dynamodb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'byCustomer',
      ScanIndexForward: false,
      Limit: 25,
    });
    expect(dynamodb.commandCalls(ScanCommand)).toHaveLength(0);
  });
});

describe('recording a milestone', () => {
  const repository = buildOrderRepository(documentClient, 'orders');
  const at = new Date('2026-11-21T10:05:00.000Z');
  const refused = () => new ConditionalCheckFailedException({ message: 'status moved', $metadata: {} });

  it('writes the status, what the step found and a timeline entry, only from the status the milestone follows', async () => {
    dynamodb.on(UpdateCommand).resolves({});

    const outcome = await repository.recordMilestone('o-1', { kind: 'Procured', invoiceNumber: 'INV-1' }, at);

    expect(outcome).toBe('recorded');
    expect(dynamodb.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'orders',
      Key: { orderId: 'o-1' },
      UpdateExpression:
        'SET #status = :to, #invoiceNumber = :invoiceNumber, timeline = list_append(timeline, :timeline), updatedAt = :now',
      ConditionExpression: '#status IN (:from0)',
      ExpressionAttributeNames: { '#status': 'status', '#invoiceNumber': 'invoiceNumber' },
      ExpressionAttributeValues: {
        ':from0': 'PAYMENT_CONFIRMED',
        ':to': 'PROCURED',
        ':invoiceNumber': 'INV-1',
        ':timeline': [{ status: 'PROCURED', at: '2026-11-21T10:05:00.000Z' }],
        ':now': '2026-11-21T10:05:00.000Z',
      },
    });
    expect(dynamodb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('reads the order back, strongly consistent, when the write is refused, and succeeds if it already carries the milestone', async () => {
    const order = anOrder({ status: 'PROCURED', invoiceNumber: 'INV-1' });
    dynamodb.on(UpdateCommand).rejects(refused());
    dynamodb.on(GetCommand).resolves({ Item: { ...order, paymentToken: 't', requestFingerprint: 'f' } });

    const outcome = await repository.recordMilestone(order.orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at);

    expect(outcome).toBe('alreadyRecorded');
    expect(dynamodb.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true });
  });

  it('fails with OrderStatusConflict when the order is elsewhere, and OrderRecordMissing when it is gone', async () => {
    const order = anOrder({ status: 'FAILED' });
    dynamodb.on(UpdateCommand).rejects(refused());
    dynamodb
      .on(GetCommand)
      .resolvesOnce({ Item: { ...order, paymentToken: 't', requestFingerprint: 'f' } })
      .resolvesOnce({});

    await expect(
      repository.recordMilestone(order.orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at),
    ).rejects.toMatchObject({ name: 'OrderStatusConflict' });
    await expect(
      repository.recordMilestone(order.orderId, { kind: 'Procured', invoiceNumber: 'INV-1' }, at),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
  });

  it('lets any other failure of the write through for the step to report', async () => {
    dynamodb.on(UpdateCommand).rejects(new Error('ProvisionedThroughputExceeded'));

    await expect(
      repository.recordMilestone('o-1', { kind: 'PaymentAuthorized', authorizationId: 'auth_1' }, at),
    ).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(dynamodb.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('product catalog requests', () => {
  const catalog = buildProductCatalog(documentClient, { CatalogTable: 'catalog', StockTable: 'stock' });

  it('asks again for keys DynamoDB left unprocessed', async () => {
    dynamodb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { catalog: [{ sku: 'A', name: 'A', unitPrices: {}, stock: 1 }] },
        UnprocessedKeys: { catalog: { Keys: [{ sku: 'B' }] } },
      })
      .resolvesOnce({ Responses: { catalog: [{ sku: 'B', name: 'B', unitPrices: {} }] } })
      .resolvesOnce({
        Responses: {
          stock: [
            { shardKey: 'A#0', sku: 'A', stock: 2 },
            { shardKey: 'A#3', sku: 'A', stock: 1 },
          ],
        },
      });

    const found = await catalog.findBySkus(['A', 'B']);

    expect([...found.values()]).toEqual([
      { sku: 'A', name: 'A', unitPrices: {}, stock: 3 },
      { sku: 'B', name: 'B', unitPrices: {}, stock: 0 },
    ]);
    expect(dynamodb.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems).toEqual({
      catalog: { Keys: [{ sku: 'B' }] },
    });
  });

  it('gives up with an error rather than pricing an order from a partial catalog', async () => {
    dynamodb.on(BatchGetCommand).resolves({ UnprocessedKeys: { catalog: { Keys: [{ sku: 'A' }] } } });
    await expect(catalog.findBySkus(['A'])).rejects.toThrow('unprocessed');
  });
});

describe('stock ledger requests', () => {
  const ledger = buildStockLedger(documentClient, { StockTable: 'stock', StockHoldsTable: 'stock-holds' });

  it('lets a failure of DynamoDB other than a refused condition through, never taking it for a shortage', async () => {
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
      name: 'ThrottlingException',
    });
    dynamodb.onAnyCommand().rejects(throttled);

    await expect(ledger.reserve('o-1', [{ sku: 'KB-001', quantity: 1 }])).rejects.toBe(throttled);
  });
});
