import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { guardLoopbackServer, ownHosts, type BrowserAccess } from './loopback-guard';
import { rawRequest, type RawAnswer } from './testing';

// Real servers on 127.0.0.1, real requests: node:http sends whatever Host, Origin and Sec-Fetch-*
// a browser or a DNS-rebinding page would.

type Answer = RawAnswer;

const send = (port: number, headers: Record<string, string>, method = 'GET') =>
  rawRequest(`http://127.0.0.1:${port}`, { method, headers });

const servers: Server[] = [];
let answered: number;

/** A server that answers 200 "served" with a permissive CORS header, as dynalite does, behind the guard. */
const startGuarded = async (browsers: BrowserAccess) => {
  const server = createServer((_request, response) => {
    answered += 1;
    response.writeHead(200, { 'access-control-allow-origin': '*' });
    response.end('served');
  });
  guardLoopbackServer(server, browsers);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

beforeEach(() => {
  answered = 0;
});

afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

const expectRefused = (answer: Answer, reason: RegExp) => {
  expect(answer.status).toBe(403);
  expect(JSON.parse(answer.body)).toEqual({ message: expect.stringMatching(reason) });
  expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  expect(answered).toBe(0);
};

describe('ownHosts', () => {
  it('names the loopback address and localhost, with the port', () => {
    expect(ownHosts({ address: '127.0.0.1', port: 8000 })).toEqual(['127.0.0.1:8000', 'localhost:8000']);
    expect(ownHosts({ address: '::1', port: 8000 })).toEqual(['[::1]:8000', 'localhost:8000']);
    expect(ownHosts({ address: '10.0.0.5', port: 80 })).toEqual(['10.0.0.5:80']);
    expect(ownHosts({ address: 'fe80::1', port: 80 })).toEqual(['[fe80::1]:80']);
  });
});

describe('a guarded local server', () => {
  it.each(['none', 'own-origin', 'server-decides'] as const)(
    'answers a program that names its own address or localhost (%s)',
    async (browsers) => {
      const port = await startGuarded(browsers);
      expect((await send(port, { host: `127.0.0.1:${port}` })).body).toBe('served');
      expect((await send(port, { host: `LOCALHOST:${port}` })).body).toBe('served');
    },
  );

  it.each(['none', 'own-origin', 'server-decides'] as const)(
    'refuses any other Host, as a DNS-rebinding page would send (%s)',
    async (browsers) => {
      const port = await startGuarded(browsers);
      expectRefused(await send(port, { host: `rebind.example.com:${port}` }), /Host "rebind\.example\.com:\d+" is not/);
      expectRefused(await send(port, { host: `127.0.0.1:${port + 1}` }), /own address \(127\.0\.0\.1:\d+ or localhost/);
      expectRefused(await send(port, { host: '127.0.0.1' }), /DNS rebinding/);
    },
  );

  it('still answers a request whose headers finish arriving after the server began to close', async () => {
    const port = await startGuarded('none');
    const server = servers.at(-1) as Server;
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // From here on address() is null; the connection, mid-request, stays open.
    server.close();
    socket.end('Connection: close\r\n\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 200 [^]*\r\nserved\r\n/);
  });

  it('never answers a request with no Host (Node refuses it first: 400)', async () => {
    const port = await startGuarded('none');
    const answer = await new Promise<Answer>((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, path: '/', setHost: false }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(answer.status).toBe(400);
    expect(answered).toBe(0);
  });

  describe('that a page never calls (DynamoDB, Step Functions, SNS)', () => {
    it("answers Node's fetch, which sends Sec-Fetch-Mode and no other browser header", async () => {
      const port = await startGuarded('none');
      const answer = await fetch(`http://127.0.0.1:${port}/`);
      expect(await answer.text()).toBe('served');
    });

    it.each([
      ['a cross-origin request', { origin: 'http://localhost:5173' }],
      ['a request from its own origin', { origin: 'http://127.0.0.1:PORT' }],
      ['a no-cors request (an image, a script)', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' }],
      ['a typed address', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }],
      ['a request that shows only where it goes', { 'sec-fetch-dest': 'empty' }],
    ])('refuses %s, with no CORS header', async (_, browserHeaders) => {
      const port = await startGuarded('none');
      const headers = Object.fromEntries(
        Object.entries(browserHeaders).map(([name, value]) => [name, value.replace('PORT', String(port))]),
      );
      expectRefused(await send(port, { host: `127.0.0.1:${port}`, ...headers }), /never called from a web page/);
    });

    it('refuses a CORS preflight', async () => {
      const port = await startGuarded('none');
      const preflight = await send(
        port,
        { host: `localhost:${port}`, origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
        'OPTIONS',
      );
      expectRefused(preflight, /never called from a web page/);
    });
  });

  describe('that serves its own page (the ops console)', () => {
    it('answers its own page, by either name, and a top-level navigation from anywhere', async () => {
      const port = await startGuarded('own-origin');
      const host = `127.0.0.1:${port}`;
      const requests: Record<string, string>[] = [
        { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
        { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
        { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      ];
      for (const headers of requests) expect((await send(port, { host, ...headers })).status).toBe(200);
      expect((await send(port, { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
      expect(answered).toBe(requests.length + 1);
    });

    it.each([
      ['another origin', { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' }],
      ['an opaque origin', { origin: 'null' }],
      [
        'a page that frames it',
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
      ],
      [
        'a script tag on another page',
        { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
      ],
    ])('refuses %s', async (_, headers) => {
      const port = await startGuarded('own-origin');
      expectRefused(await send(port, { host: `127.0.0.1:${port}`, ...headers }), /answers its own page only/);
    });

    it('refuses a CORS preflight, even from its own origin', async () => {
      const port = await startGuarded('own-origin');
      const preflight = await send(
        port,
        { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'access-control-request-method': 'DELETE' },
        'OPTIONS',
      );
      expectRefused(preflight, /answers its own page only/);
    });
  });

  it('leaves browsers to a server that answers CORS itself (the HTTP API)', async () => {
    const port = await startGuarded('server-decides');
    const answer = await send(port, { host: `127.0.0.1:${port}`, origin: 'http://localhost:5173' });
    expect(answer.status).toBe(200);
    expect(answered).toBe(1);
  });
});
