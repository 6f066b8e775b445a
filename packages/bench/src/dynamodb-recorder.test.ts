import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { anOrder } from '@order-platform/domain/testing';
import { createDocumentClient } from '@order-platform/persistence';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startLocalDynamoDb,
  type LocalDynamoDb,
} from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import { describeCall, startDynamoDbRecorder, type DynamoDbRecorder } from './dynamodb-recorder';

// The recorder sits between real SDK calls and a real DynamoDB-protocol server (dynalite).
describe('DynamoDB recorder', () => {
  const TableName = 'recorder-orders';
  let dynamodb: LocalDynamoDb;
  let recorder: DynamoDbRecorder;
  let client: DynamoDBClient;
  const documentClient = () => createDocumentClient(client);

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, { OrdersTable: TableName });
    recorder = await startDynamoDbRecorder(dynamodb.endpoint);
    client = new DynamoDBClient({ endpoint: recorder.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  });

  afterAll(async () => {
    client.destroy();
    await recorder.stop();
    await dynamodb.stop();
  });

  it('passes answers through unchanged and records what each request wrote and read', async () => {
    const orders = Array.from({ length: 3 }, (_, i) =>
      anOrder({ orderId: `order-${i}`, customerId: 'customer-r', createdAt: `2026-11-21T10:00:0${i}.000Z` }),
    );
    const before = recorder.calls.length;

    await documentClient().send(new PutCommand({ TableName, Item: orders[0] }));
    await documentClient().send(
      new BatchWriteCommand({
        RequestItems: { [TableName]: orders.slice(1).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
    const { Item } = await documentClient().send(
      new GetCommand({ TableName, Key: { orderId: 'order-1' }, ConsistentRead: true }),
    );
    const page = await documentClient().send(
      new QueryCommand({
        TableName,
        IndexName: 'byCustomer',
        KeyConditionExpression: 'customerId = :customerId',
        ExpressionAttributeValues: { ':customerId': 'customer-r' },
        ScanIndexForward: false,
        Limit: 2,
      }),
    );

    expect(Item).toEqual(orders[1]);
    expect(page.Items?.map((order) => order.orderId)).toEqual(['order-2', 'order-1']);
    const calls = recorder.calls.slice(before);
    expect(
      calls.map(({ operation, tables, itemsRead, itemsWritten }) => [operation, tables, itemsRead, itemsWritten]),
    ).toEqual([
      ['PutItem', [TableName], 0, 1],
      ['BatchWriteItem', [TableName], 0, 2],
      ['GetItem', [TableName], 1, 0],
      ['Query', [TableName], 2, 0],
    ]);
    expect(calls.every((call) => call.status === 200 && call.capacityUnits > 0)).toBe(true);
    // The caller's request is recorded as it sent it, without the capacity the recorder asked for.
    expect(calls[3]?.request).not.toHaveProperty('ReturnConsumedCapacity');
  });

  it("records a refused write as writing nothing, and passes DynamoDB's error to the caller", async () => {
    const before = recorder.calls.length;

    const refused = documentClient().send(
      new PutCommand({
        TableName,
        Item: anOrder({ orderId: 'order-0' }),
        ConditionExpression: 'attribute_not_exists(orderId)',
      }),
    );

    await expect(refused).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(recorder.calls.slice(before)).toMatchObject([{ operation: 'PutItem', status: 400, itemsWritten: 0 }]);
  });

  it('counts every item a Scan evaluates', async () => {
    const before = recorder.calls.length;

    await documentClient().send(new ScanCommand({ TableName }));

    expect(recorder.calls.slice(before)).toMatchObject([{ operation: 'Scan', itemsRead: 3 }]);
  });
});

describe('what one request read and wrote', () => {
  it('counts a transaction: every table it touched once, an item per write, capacity over every table', () => {
    const request = {
      TransactItems: [
        { Put: { TableName: 'orders', Item: {} } },
        { Update: { TableName: 'catalog', Key: {} } },
        { Update: { TableName: 'catalog', Key: {} } },
      ],
    };
    const response = { ConsumedCapacity: [{ CapacityUnits: 2 }, { CapacityUnits: 4 }, {}] };

    expect(describeCall('TransactWriteItems', request, 200, response)).toEqual({
      operation: 'TransactWriteItems',
      tables: ['orders', 'catalog'],
      request,
      status: 200,
      capacityUnits: 6,
      itemsRead: 0,
      itemsWritten: 3,
    });
  });

  it('counts a batch write without what DynamoDB left unprocessed', () => {
    const put = { PutRequest: { Item: {} } };
    const call = describeCall('BatchWriteItem', { RequestItems: { orders: [put, put, put], catalog: [put] } }, 200, {
      UnprocessedItems: { orders: [put] },
      ConsumedCapacity: [{ CapacityUnits: 3 }],
    });

    expect(call).toMatchObject({ tables: ['orders', 'catalog'], itemsWritten: 3, capacityUnits: 3 });
  });

  it('counts the items a batch get returned, across tables, and a get that found nothing as none', () => {
    const batch = describeCall('BatchGetItem', { RequestItems: { catalog: {} } }, 200, {
      Responses: { catalog: [{}, {}], orders: [{}] },
      ConsumedCapacity: { CapacityUnits: 1.5 },
    });
    const missing = describeCall('GetItem', { TableName: 'orders' }, 200, {});
    const emptyBatch = describeCall('BatchGetItem', { RequestItems: { catalog: {} } }, 200, {});

    expect(batch).toMatchObject({ itemsRead: 3, itemsWritten: 0, capacityUnits: 1.5 });
    expect(emptyBatch.itemsRead).toBe(0);
    expect(missing).toMatchObject({ tables: ['orders'], itemsRead: 0, capacityUnits: 0 });
  });

  it('takes a Query or Scan without a ScannedCount as having read nothing', () => {
    expect(describeCall('Query', { TableName: 'orders' }, 200, {}).itemsRead).toBe(0);
  });

  it('records a refused request as reading and writing nothing, with the capacity it was charged', () => {
    const call = describeCall('UpdateItem', { TableName: 'catalog' }, 400, { ConsumedCapacity: { CapacityUnits: 1 } });

    expect(call).toMatchObject({ status: 400, itemsRead: 0, itemsWritten: 0, capacityUnits: 1 });
  });

  it('names no table, and counts nothing, for an operation on none', () => {
    expect(describeCall('ListTables', {}, 200, { TableNames: ['orders'] })).toMatchObject({
      tables: [],
      itemsRead: 0,
      itemsWritten: 0,
    });
  });
});

describe('DynamoDB recorder without a DynamoDB behind it', () => {
  it('answers 500 with the reason, as a DynamoDB error, and records nothing', async () => {
    // Nothing listens on port 1.
    const recorder = await startDynamoDbRecorder('http://127.0.0.1:1');
    try {
      const response = await fetch(recorder.endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' },
      });

      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ __type: 'RecorderFailure', message: 'fetch failed' });
      expect(recorder.calls).toEqual([]);
    } finally {
      await recorder.stop();
    }
  });
});
