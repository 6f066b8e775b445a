// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- dynalite ships no types; this pulls its declaration into every project that compiles this file
/// <reference path="./dynalite.d.ts" />
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { guardLoopbackServer } from '@order-platform/loopback-guard';
import dynalite from 'dynalite';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalDynamoDb {
  readonly endpoint: string;
  /** A client for this endpoint with throwaway credentials (the server checks none). */
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

/**
 * A DynamoDB-protocol server (dynalite) in this process, on 127.0.0.1 only. Port 0 picks a free
 * port; `path` keeps the data on disk between runs; `onRequest` hears the operation (`GetItem`, …)
 * of every request it answers, as it arrives. It answers only requests addressed to its own
 * loopback address and none from a web page (dynalite alone answers any origin's CORS preflight
 * with `*`): see @order-platform/loopback-guard.
 */
export const startLocalDynamoDb = async ({
  port = 0,
  path,
  onRequest,
}: { port?: number; path?: string; onRequest?: (operation: string) => void } = {}): Promise<LocalDynamoDb> => {
  // Tables become ACTIVE at once rather than after dynalite's default simulated delay.
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  if (onRequest) {
    server.on('request', (request: IncomingMessage) =>
      onRequest(String(request.headers['x-amz-target']).split('.')[1] ?? '?'),
    );
  }
  guardLoopbackServer(server, 'none');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
