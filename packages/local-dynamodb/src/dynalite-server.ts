// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- dynalite ships no types; this pulls its declaration into every project that compiles this file
/// <reference path="./dynalite.d.ts" />
import { guardLoopbackServer } from '@order-platform/loopback-guard';
import dynalite from 'dynalite';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// No AWS SDK here: the worker thread of dynalite-thread.ts loads this module alone.

/** dynalite listening on 127.0.0.1 behind the loopback guard: the server both threads run. */
export const serveDynalite = async ({
  port = 0,
  path,
  onRequest,
}: {
  port?: number;
  path?: string;
  onRequest?: (operation: string) => void;
}): Promise<{ endpoint: string; close(): Promise<void> }> => {
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
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};
