import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A DynamoDB endpoint that forwards every request to the real one and writes down what it cost:
// the operation, the tables, the items read and written, and the capacity DynamoDB charged.
// It asks for the capacity on every request (ReturnConsumedCapacity: TOTAL), so the callers'
// code is measured as it is, with nothing added to it; the local server checks no signatures.

export interface DynamoDbCall {
  /** The API operation, e.g. `Query`, `PutItem`. */
  readonly operation: string;
  readonly tables: readonly string[];
  readonly request: Readonly<Record<string, unknown>>;
  readonly status: number;
  /** Read or write capacity units DynamoDB reports for the request (all tables, indexes included). */
  readonly capacityUnits: number;
  /** Items a Query or Scan evaluated (ScannedCount); items a Get or BatchGet returned. */
  readonly itemsRead: number;
  /** Items written: one per Put, Update or Delete; one per request in a BatchWrite or transaction. */
  readonly itemsWritten: number;
}

export interface DynamoDbRecorder {
  readonly endpoint: string;
  /** Every request answered so far, oldest first. */
  readonly calls: readonly DynamoDbCall[];
  stop(): Promise<void>;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const CAPACITY_REPORTING = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

type Json = Record<string, unknown>;

const readBody = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const capacityOf = (consumed: unknown): number =>
  [consumed ?? []]
    .flat()
    .reduce((sum: number, entry: { CapacityUnits?: number }) => sum + (entry.CapacityUnits ?? 0), 0);

const tablesOf = (request: Json): string[] => {
  if (typeof request.TableName === 'string') return [request.TableName];
  if (request.RequestItems && typeof request.RequestItems === 'object') return Object.keys(request.RequestItems);
  if (Array.isArray(request.TransactItems)) {
    return [
      ...new Set(
        (request.TransactItems as Json[]).flatMap((item) =>
          Object.values(item).map((action) => String((action as Json).TableName)),
        ),
      ),
    ];
  }
  return [];
};

const countAll = (groups: unknown) =>
  Object.values((groups ?? {}) as Record<string, unknown[]>).reduce((sum, items) => sum + items.length, 0);

const itemsWrittenBy = (operation: string, request: Json, response: Json): number => {
  if (WRITES.has(operation)) return 1;
  if (operation === 'BatchWriteItem') return countAll(request.RequestItems) - countAll(response.UnprocessedItems);
  if (operation === 'TransactWriteItems') return (request.TransactItems as unknown[]).length;
  return 0;
};

const itemsReadBy = (operation: string, response: Json): number => {
  if (operation === 'Query' || operation === 'Scan') return Number(response.ScannedCount ?? 0);
  if (operation === 'GetItem') return response.Item ? 1 : 0;
  if (operation === 'BatchGetItem') return countAll(response.Responses);
  return 0;
};

/** What one answered request read and wrote, from the request and DynamoDB's answer. */
export const describeCall = (operation: string, request: Json, status: number, response: Json): DynamoDbCall => {
  const ok = status === 200;
  return {
    operation,
    tables: tablesOf(request),
    request,
    status,
    capacityUnits: capacityOf(response.ConsumedCapacity),
    itemsRead: ok ? itemsReadBy(operation, response) : 0,
    itemsWritten: ok ? itemsWrittenBy(operation, request, response) : 0,
  };
};

/** Starts the recorder on 127.0.0.1 (a free port) in front of `target`, e.g. a dynalite endpoint. */
export const startDynamoDbRecorder = async (target: string): Promise<DynamoDbRecorder> => {
  const calls: DynamoDbCall[] = [];

  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const body = await readBody(request);
    const parsed = (body.length > 0 ? JSON.parse(body.toString('utf8')) : {}) as Json;
    const sent = CAPACITY_REPORTING.has(operation) ? { ...parsed, ReturnConsumedCapacity: 'TOTAL' } : parsed;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
    }
    const upstream = await fetch(`${target}${request.url ?? '/'}`, {
      method: request.method,
      headers,
      body: JSON.stringify(sent),
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    calls.push(describeCall(operation, parsed, upstream.status, JSON.parse(answer.toString('utf8') || '{}') as Json));
    // The body goes back byte for byte, so its checksum header still holds.
    const passed = ['content-type', 'x-amzn-requestid', 'x-amz-crc32'].flatMap((name) => {
      const value = upstream.headers.get(name);
      return value === null ? [] : [[name, value] as const];
    });
    response.writeHead(upstream.status, Object.fromEntries(passed));
    response.end(answer);
  };

  const server = createServer((request, response) => {
    forward(request, response).catch((error: Error) => {
      response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'RecorderFailure', message: error.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
