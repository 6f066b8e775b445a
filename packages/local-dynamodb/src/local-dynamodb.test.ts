import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
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

// A thread starts by compiling its module with tsx: on a loaded machine that alone can pass jest's
// default 5 s, so the tests that start one allow 30 s (a limit, not a timing assertion).
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

  it('refuses a web page and a foreign Host, with no CORS header, before dynalite hears them', async () => {
    const operations: string[] = [];
    const dynamodb = await startLocalDynamoDb({ onRequest: (operation) => operations.push(operation) });
    const { port } = new URL(dynamodb.endpoint);
    const send = (method: string, headers: Record<string, string>) =>
      new Promise<{ status?: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const outgoing = httpRequest({ host: '127.0.0.1', port, method, path: '/', headers }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode, headers: response.headers }));
        });
        outgoing.on('error', reject);
        outgoing.end(method === 'POST' ? '{}' : undefined);
      });
    try {
      const answers = [
        // The preflight a page on another localhost origin sends before it reads a table.
        await send('OPTIONS', {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-amz-target',
        }),
        await send('POST', { origin: 'http://localhost:5173', 'x-amz-target': 'DynamoDB_20120810.ListTables' }),
        await send('POST', { host: `rebound.example.com:${port}`, 'x-amz-target': 'DynamoDB_20120810.ListTables' }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403]);
      expect(
        answers.flatMap((answer) => Object.keys(answer.headers)).filter((name) => /^access-control-/.test(name)),
      ).toEqual([]);
      expect(operations).toEqual([]);
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

  it('runs in a thread of its own when asked: the same protocol and guard, its tables kept on disk, stopped for good', async () => {
    const path = mkdtempSync(join(tmpdir(), 'local-dynamodb-thread-'));
    try {
      const first = await startLocalDynamoDb({ path, ownThread: true });
      await first.client.send(createTable('threaded'));
      const foreign = await fetch(first.endpoint, {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
        body: '{}',
      });
      expect(foreign.status).toBe(403);
      await first.stop();
      await expect(fetch(first.endpoint, { method: 'POST', body: '{}' })).rejects.toThrow();
      const second = await startLocalDynamoDb({ path, ownThread: true });
      expect((await second.client.send(new ListTablesCommand({}))).TableNames).toEqual(['threaded']);
      await second.stop();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  }, 30_000);

  it('reports a taken port from its thread as the in-process server does (EADDRINUSE)', async () => {
    const taken = await startLocalDynamoDb();
    try {
      const port = Number(new URL(taken.endpoint).port);
      await expect(startLocalDynamoDb({ port, ownThread: true })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await taken.stop();
    }
  }, 30_000);

  it('refuses onRequest with ownThread: it could not be heard in this thread', async () => {
    await expect(startLocalDynamoDb({ ownThread: true, onRequest: () => undefined })).rejects.toThrow(/ownThread/);
  });
});
