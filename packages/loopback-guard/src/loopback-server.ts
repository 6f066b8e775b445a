import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardLoopbackServer, type BrowserAccess } from './loopback-guard';

/**
 * Starts `server` on 127.0.0.1 (port 0: a free one), answering only requests addressed to it there
 * and only the web pages `browsers` names, and answers its endpoint and a stop that does not wait
 * for SDK clients' keep-alive sockets.
 */
export const listenOnLoopback = async (server: Server, port: number, browsers: BrowserAccess) => {
  guardLoopbackServer(server, browsers);
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/** A request's whole body, as UTF-8 text. */
export const readRequestBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
