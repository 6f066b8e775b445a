import { createServer } from 'node:http';
import { listenOnLoopback, readRequestBody } from './loopback-server';

describe('a local service listening on loopback', () => {
  const echo = () =>
    createServer((request, response) => {
      void readRequestBody(request).then((body) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`${request.method} ${body}`);
      });
    });

  it('listens on a free port of 127.0.0.1 and reads a whole request body, however it is chunked', async () => {
    const { endpoint, stop } = await listenOnLoopback(echo(), 0, 'none');
    try {
      const body = new ReadableStream({
        start(controller) {
          for (const part of ['Grüße, ', 'in ', 'parts']) controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      });
      const response = await fetch(endpoint, { method: 'POST', body, duplex: 'half' } as RequestInit);

      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await response.text()).toBe('POST Grüße, in parts');
    } finally {
      await stop();
    }
  });

  it('stops at once, though a client keeps its connection alive', async () => {
    const { endpoint, stop } = await listenOnLoopback(echo(), 0, 'none');
    await fetch(endpoint, { method: 'POST', body: 'x', headers: { connection: 'keep-alive' } });

    await stop();

    await expect(fetch(endpoint)).rejects.toThrow();
  });

  it('refuses to start on a port another server holds', async () => {
    const first = await listenOnLoopback(echo(), 0, 'none');
    try {
      await expect(listenOnLoopback(echo(), Number(new URL(first.endpoint).port), 'none')).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.stop();
    }
  });
});
