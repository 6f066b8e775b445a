import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createTables, loadTableShapes, tableNamesFor } from './tables';

describe('the tables, as tables.yml declares them', () => {
  it('names every table under a stage’s prefix, as serverless.yml does', () => {
    expect(tableNamesFor('order-platform-dev')).toEqual({
      OrdersTable: 'order-platform-dev-orders',
      CatalogTable: 'order-platform-dev-catalog',
      StockTable: 'order-platform-dev-stock',
      StockHoldsTable: 'order-platform-dev-stock-holds',
      InvoicesTable: 'order-platform-dev-invoices',
      SandboxPaymentsTable: 'order-platform-dev-sandbox-payments',
    });
  });

  it('takes each table’s keys and indexes from tables.yml, and leaves its name to the caller', () => {
    const shapes = loadTableShapes();
    expect(shapes.OrdersTable).toMatchObject({
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        expect.objectContaining({ IndexName: 'byCustomer' }),
        expect.objectContaining({ IndexName: 'liveOrders', Projection: { ProjectionType: 'KEYS_ONLY' } }),
      ],
    });
    expect(shapes.CatalogTable).not.toHaveProperty('GlobalSecondaryIndexes');
    expect(Object.values(shapes).some((shape) => 'TableName' in shape)).toBe(false);
  });

  it('creates the tables asked for that do not exist yet, and keeps those that do', async () => {
    const dynamodb = await startLocalDynamoDb();
    try {
      await createTables(dynamodb.client, { OrdersTable: 'test-orders' });
      await createTables(dynamodb.client, { OrdersTable: 'test-orders', CatalogTable: 'test-catalog' });

      expect((await dynamodb.client.send(new ListTablesCommand({}))).TableNames).toEqual([
        'test-catalog',
        'test-orders',
      ]);
    } finally {
      await dynamodb.stop();
    }
  });

  it('gives a table kept from an earlier run the indexes it lacks, keeping its items', async () => {
    const dynamodb = await startLocalDynamoDb();
    try {
      const { GlobalSecondaryIndexes = [], ...shape } = loadTableShapes().OrdersTable;
      const earlier = GlobalSecondaryIndexes.filter((index) => index.IndexName === 'byCustomer');
      await dynamodb.client.send(
        new CreateTableCommand({ ...shape, GlobalSecondaryIndexes: earlier, TableName: 'kept-orders' }),
      );
      const items = Array.from({ length: 12 }, (_, index) => ({
        orderId: { S: `order-${index}` },
        customerId: { S: 'customer-1' },
        createdAt: { S: `2026-12-01T10:00:${String(index).padStart(2, '0')}.000Z` },
      }));
      for (const Item of items) await dynamodb.client.send(new PutItemCommand({ TableName: 'kept-orders', Item }));

      expect(await createTables(dynamodb.client, { OrdersTable: 'kept-orders' })).toEqual({
        'kept-orders': ['liveOrders'],
      });

      const { Table } = await dynamodb.client.send(new DescribeTableCommand({ TableName: 'kept-orders' }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
        'byCustomer',
        'liveOrders',
      ]);
      for (const Item of items) {
        const { Item: kept } = await dynamodb.client.send(
          new GetItemCommand({ TableName: 'kept-orders', Key: { orderId: Item.orderId } }),
        );
        expect(kept).toEqual(Item);
      }
      expect(await createTables(dynamodb.client, { OrdersTable: 'kept-orders' })).toEqual({});
    } finally {
      await dynamodb.stop();
    }
    // Dozens of requests and two table rebuild steps: more than 5 s under npm test's parallel load.
  }, 30_000);
});

describe('creating tables when DynamoDB cannot say whether they exist', () => {
  let dynamodb: ReturnType<typeof mockClient>;
  beforeAll(() => {
    dynamodb = mockClient(DynamoDBClient);
  });
  afterAll(() => dynamodb.restore());

  it('fails with DynamoDB’s error and creates nothing, rather than taking the table for missing', async () => {
    const denied = Object.assign(new Error('not authorized to perform dynamodb:DescribeTable'), {
      name: 'AccessDeniedException',
    });
    dynamodb.on(DescribeTableCommand).rejects(denied);

    await expect(createTables(new DynamoDBClient({ region: 'eu-west-1' }), { OrdersTable: 'orders' })).rejects.toBe(
      denied,
    );
    expect(dynamodb.commandCalls(CreateTableCommand)).toHaveLength(0);
  });
});
