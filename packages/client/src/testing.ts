import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreateOrderRequest } from './types';

/** What the test server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * A small HTTP server on loopback for the client's unit tests: each request gets the answer
 * `answer` returns for it (JSON unless the headers say otherwise), and is recorded in `requests`.
 */
export const startTestServer = async (answer: (request: SeenRequest, index: number) => ScriptedAnswer) => {
  const requests: SeenRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const seen = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      const { status, body, headers = {} } = answer(seen, requests.length - 1);
      outgoing.writeHead(status, { 'content-type': 'application/json', ...headers });
      outgoing.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A valid order for the demo catalog, paid with the sandbox card that authorizes and captures. */
export const anOrderRequest = (overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest => ({
  items: [
    { sku: 'KB-001', quantity: 1 },
    { sku: 'MS-002', quantity: 2 },
  ],
  currency: 'EUR',
  shippingMethod: 'STANDARD',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Analytical Way',
    city: 'London',
    postalCode: 'N1 9GU',
    country: 'GB',
  },
  payment: { token: 'tok_visa' },
  ...overrides,
});
