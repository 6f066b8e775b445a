import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalDynamoDb } from './local-dynamodb';

const createTable = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });

describe('startLocalDynamoDb', () => {
  it('speaks DynamoDB on a free loopback port, and tells who listens which operation each request is', async () => {
    const operations: string[] = [];
    const dynamodb = await startLocalDynamoDb({ onRequest: (operation) => operations.push(operation) });
    try {
      expect(dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await dynamodb.client.send(createTable('things'));
      expect((await dynamodb.client.send(new ListTablesCommand({}))).TableNames).toEqual(['things']);
      expect(operations).toEqual(['CreateTable', 'ListTables']);
      // A request that names no operation is heard all the same.
      await fetch(dynamodb.endpoint, { method: 'POST', body: '{}' });
      expect(operations.at(-1)).toBe('?');
    } finally {
      await dynamodb.stop();
    }
  });

  it('keeps its tables on disk under `path`, for the next start', async () => {
    const path = mkdtempSync(join(tmpdir(), 'local-dynamodb-'));
    try {
      const first = await startLocalDynamoDb({ path });
      await first.client.send(createTable('kept'));
      await first.stop();
      const second = await startLocalDynamoDb({ path });
      expect((await second.client.send(new ListTablesCommand({}))).TableNames).toEqual(['kept']);
      await second.stop();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });
});
