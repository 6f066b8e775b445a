import { mkdtempSync, rmSync } from 'node:fs';
import { rawRequest } from '@order-platform/loopback-guard/testing';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSigningKey, signLocalToken } from '../identity/local-identity';
import { NO_CONTENT_TYPE, startApiFront, startLambdaFront, type Front } from './api-front';
import { httpApiOf } from './http-api-routes';

// The fronts over real HTTP, in front of a stand-in for serverless-offline on a Unix socket that
// echoes what it received (method, path, headers, body) and streams its answer in two chunks,
// with CORS headers as serverless-offline 14 sets them: any Origin echoed, exposed headers twice.

const api = httpApiOf({
  httpApi: {
    authorizers: {
      customerJwt: {
        type: 'jwt',
        issuerUrl: 'http://127.0.0.1:3000/local-issuer',
        audience: ['order-platform-local'],
      },
    },
    cors: {
      allowedOrigins: ['http://localhost:5173', 'https://shop.example.com'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      allowedMethods: ['GET', 'POST', 'OPTIONS'],
      exposedResponseHeaders: ['Location', 'Idempotent-Replayed'],
      maxAge: 600,
    },
  },
  functions: {
    createOrder: {
      handler: 'h.handler',
      name: 'createOrder',
      timeout: 6,
      events: [{ httpApi: { method: 'POST', path: '/orders', authorizer: { name: 'customerJwt' } } }],
    },
    getCatalog: { handler: 'h.handler', name: 'getCatalog', timeout: 6, events: [{ httpApi: 'GET /catalog' }] },
  },
});

interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let directory: string;
let upstream: Server;
let apiFront: Front;
let lambdaFront: Front;
const received: Received[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'api-front-'));
  const socketPath = join(directory, 'offline.sock');
  upstream = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      response.writeHead(201, {
        'x-upstream': 'yes',
        ...(request.headers.origin === undefined
          ? {}
          : {
              'access-control-allow-origin': request.headers.origin,
              'access-control-allow-credentials': 'true',
              'access-control-expose-headers': 'Location,Idempotent-Replayed,Location,Idempotent-Replayed',
            }),
      });
      response.write('first,');
      response.end('second');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(socketPath, resolve));
  apiFront = await startApiFront({ port: 0, socketPath, api, issuerKey: localSigningKey });
  lambdaFront = await startLambdaFront({ port: 0, socketPath });
});

afterAll(async () => {
  await apiFront.stop();
  await lambdaFront.stop();
  await new Promise((resolve) => upstream.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

beforeEach(() => {
  received.length = 0;
});

const send = (front: Front, method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  rawRequest(front.endpoint, { method, path, headers, ...(body === undefined ? {} : { body }) });

describe('the HTTP API front', () => {
  it('passes an authorized request through with its body, and the answer back', async () => {
    const token = signLocalToken('alice');
    const answer = await send(
      apiFront,
      'POST',
      '/orders?x=1',
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      '{"items":[]}',
    );
    expect(answer).toMatchObject({ status: 201, body: 'first,second', headers: { 'x-upstream': 'yes' } });
    expect(received).toEqual([expect.objectContaining({ method: 'POST', path: '/orders?x=1', body: '{"items":[]}' })]);
    expect(received[0]?.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    });
    expect(received[0]?.headers[NO_CONTENT_TYPE]).toBeUndefined();
  });

  it('marks a request that came without Content-Type, and drops the authorizer override and any forged mark', async () => {
    await send(apiFront, 'GET', '/catalog', {
      'sls-offline-authorizer-override': '{"jwt":{"claims":{"sub":"bob"}}}',
    });
    await send(apiFront, 'GET', '/catalog', { 'content-type': 'text/plain', [NO_CONTENT_TYPE]: '1' });
    expect(received.map(({ headers }) => headers[NO_CONTENT_TYPE])).toEqual(['1', undefined]);
    expect(received[0]?.headers['sls-offline-authorizer-override']).toBeUndefined();
  });

  it('refuses a bad token itself, as API Gateway, with CORS for an allowed origin only', async () => {
    const fromShop = await send(apiFront, 'POST', '/orders', { origin: 'http://localhost:5173' });
    expect(fromShop).toMatchObject({
      status: 401,
      body: '{"message":"Unauthorized"}',
      headers: { 'access-control-allow-origin': 'http://localhost:5173' },
    });
    const fromElsewhere = await send(apiFront, 'POST', '/orders', { origin: 'https://evil.example.com' });
    expect(fromElsewhere.status).toBe(401);
    expect(fromElsewhere.headers['access-control-allow-origin']).toBeUndefined();
    expect(received).toEqual([]);
  });

  it('answers 404 Not Found for what no route declares', async () => {
    const invoke = await send(apiFront, 'POST', '/2015-03-31/functions/createOrder/invocations');
    expect(invoke).toMatchObject({ status: 404, body: '{"message":"Not Found"}' });
    expect(received).toEqual([]);
  });

  it('refuses a foreign Host before anything else', async () => {
    const { port } = new URL(apiFront.endpoint);
    expect((await send(apiFront, 'GET', '/catalog', { host: `rebound.example:${port}` })).status).toBe(403);
    expect(received).toEqual([]);
  });
});

const corsOf = ({ headers }: { headers: IncomingHttpHeaders }) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('access-control-')));

describe('the HTTP API front answers CORS as API Gateway with a CORS configuration', () => {
  const preflight = (origin: string, path = '/orders') =>
    send(apiFront, 'OPTIONS', path, {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    });

  it('answers a preflight from an allowed origin itself, on any path, with the configured headers', async () => {
    for (const path of ['/orders', '/no-such-route']) {
      const answer = await preflight('https://shop.example.com', path);
      expect([path, answer.status, answer.body]).toEqual([path, 204, '']);
      expect(corsOf(answer)).toEqual({
        'access-control-allow-origin': 'https://shop.example.com',
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': 'Authorization,Content-Type,Idempotency-Key',
        'access-control-max-age': '600',
      });
    }
    expect(received).toEqual([]);
  });

  it('answers a preflight from any other origin, or without a requested method, with no CORS header', async () => {
    const answers = [
      await preflight('https://evil.example.com'),
      await send(apiFront, 'OPTIONS', '/orders', { origin: 'http://localhost:5173' }),
      await send(apiFront, 'OPTIONS', '/orders', { 'access-control-request-method': 'POST' }),
    ];
    expect(answers.map((answer) => [answer.status, corsOf(answer)])).toEqual([
      [204, {}],
      [204, {}],
      [204, {}],
    ]);
    expect(received).toEqual([]);
  });

  it('puts its own CORS headers on an ordinary answer in place of the backend’s, for an allowed origin only', async () => {
    const allowed = await send(apiFront, 'GET', '/catalog', { origin: 'http://localhost:5173' });
    expect(allowed).toMatchObject({ status: 201, body: 'first,second', headers: { 'x-upstream': 'yes' } });
    expect(corsOf(allowed)).toEqual({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-expose-headers': 'Location,Idempotent-Replayed',
    });
    const token = signLocalToken('alice');
    const elsewhere = [
      await send(apiFront, 'GET', '/catalog', { origin: 'https://evil.example.com' }),
      await send(apiFront, 'POST', '/orders', { origin: 'null', authorization: `Bearer ${token}` }, '{}'),
    ];
    expect(elsewhere.map((answer) => [answer.status, corsOf(answer)])).toEqual([
      [201, {}],
      [201, {}],
    ]);
    expect(received).toHaveLength(3);
  });
});

describe('an HTTP API without a CORS configuration', () => {
  it('leaves CORS to the integration and routes OPTIONS like any method, as API Gateway', async () => {
    const bare = await startApiFront({
      port: 0,
      socketPath: join(directory, 'offline.sock'),
      api: { ...api, cors: undefined },
      issuerKey: localSigningKey,
    });
    try {
      const answer = await send(bare, 'GET', '/catalog', { origin: 'http://localhost:5173' });
      expect(answer.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect((await send(bare, 'OPTIONS', '/catalog')).status).toBe(404);
    } finally {
      await bare.stop();
    }
  });
});

describe('the Lambda invoke API front', () => {
  it('passes a program’s invocation through and refuses a web page', async () => {
    const path = '/2015-03-31/functions/getCatalog/invocations';
    expect((await send(lambdaFront, 'POST', path, {}, '{}')).body).toBe('first,second');
    expect((await send(lambdaFront, 'POST', path, { origin: 'http://localhost:5173' }, '{}')).status).toBe(403);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers[NO_CONTENT_TYPE]).toBeUndefined();
  });
});

describe('a front whose serverless-offline does not answer', () => {
  it('answers 502 saying so', async () => {
    const orphan = await startLambdaFront({ port: 0, socketPath: join(directory, 'nothing.sock') });
    try {
      const answer = await send(orphan, 'POST', '/2015-03-31/functions/x/invocations');
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body).message).toMatch(/^The Lambda invoke API \(serverless-offline\) did not answer/);
    } finally {
      await orphan.stop();
    }
  });
});
