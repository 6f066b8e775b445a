import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables, loadTableShapes, tableNamesFor } from './tables';

describe('the tables, as tables.yml declares them', () => {
  it('names every table under a stage’s prefix, as serverless.yml does', () => {
    expect(tableNamesFor('order-platform-dev')).toEqual({
      OrdersTable: 'order-platform-dev-orders',
      CatalogTable: 'order-platform-dev-catalog',
      InvoicesTable: 'order-platform-dev-invoices',
      SandboxPaymentsTable: 'order-platform-dev-sandbox-payments',
    });
  });

  it('takes each table’s keys and indexes from tables.yml, and leaves its name to the caller', () => {
    const shapes = loadTableShapes();
    expect(shapes.OrdersTable).toMatchObject({
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: 'byCustomer' })],
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
});
