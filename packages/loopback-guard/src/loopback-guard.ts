import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Every server of the local stack listens on 127.0.0.1, but listening there keeps out only other
// machines. A web page open in the developer's browser can still reach it: by a cross-origin
// request (dynalite answers any CORS preflight with `Access-Control-Allow-Origin: *`), or by DNS
// rebinding (a name the page's own server answers first with its address, then with 127.0.0.1:
// the browser sends the page's Host and treats the answer as same-origin). On AWS neither reaches
// DynamoDB, Step Functions or SNS, so here the guard refuses both before the server sees the request.

/** Which web pages a local server answers, besides programs (the AWS SDK, the CLI, curl). */
export type BrowserAccess =
  /** None: on AWS a page never calls it (DynamoDB, Step Functions, SNS, Lambda's invoke API). */
  | 'none'
  /** Its own page only (the ops console, which serves the page that calls it). */
  | 'own-origin'
  /** The server decides (the HTTP API answers CORS for the stage's `allowedOrigins`, as on AWS). */
  | 'server-decides';

/** A request a local server refuses, and why, in words for whoever sent it. */
export interface Refusal {
  readonly reason: string;
}

const LOOPBACK_NAMES: Readonly<Record<string, readonly string[]>> = {
  '127.0.0.1': ['127.0.0.1', 'localhost'],
  '::1': ['[::1]', 'localhost'],
};

/** The `Host` values that name this server: its loopback address, or localhost, with its port. */
export const ownHosts = ({ address, port }: Pick<AddressInfo, 'address' | 'port'>): readonly string[] =>
  (LOOPBACK_NAMES[address] ?? [address.includes(':') ? `[${address}]` : address]).map((name) => `${name}:${port}`);

const isPreflight = (request: IncomingMessage) =>
  request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;

/**
 * Browsers send Origin on a cross-origin request, and Sec-Fetch-Site and Sec-Fetch-Dest on every
 * request. Node's fetch sends `Sec-Fetch-Mode: cors` and nothing else: that alone is a program.
 */
const isFromBrowser = ({ headers }: IncomingMessage) =>
  headers.origin !== undefined || headers['sec-fetch-site'] !== undefined || headers['sec-fetch-dest'] !== undefined;

/**
 * A page may open the console (a link, a typed address: a top-level navigation carries no Origin)
 * and the console's page may call it; no other page may read it, frame it or send it anything.
 */
const isOwnPageOrNavigation = (request: IncomingMessage, hosts: readonly string[]) => {
  const { origin } = request.headers;
  if (origin !== undefined && !hosts.some((host) => origin.toLowerCase() === `http://${host}`)) return false;
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return true;
  return request.headers['sec-fetch-mode'] === 'navigate' && request.headers['sec-fetch-dest'] === 'document';
};

/** Why this server refuses `request`, or undefined when it may answer it. */
export const refusalOf = (
  request: IncomingMessage,
  address: Pick<AddressInfo, 'address' | 'port'>,
  browsers: BrowserAccess,
): Refusal | undefined => {
  const hosts = ownHosts(address);
  // Node's server answers 400 to an HTTP/1.1 request with no Host before any listener runs.
  const host = request.headers.host?.toLowerCase() ?? '';
  if (!hosts.includes(host)) {
    return {
      reason:
        `Host "${host}" is not this local service's own address ` +
        `(${hosts.join(' or ')}): refused, so that no web page reaches it through DNS rebinding.`,
    };
  }
  if (browsers === 'none' && (isPreflight(request) || isFromBrowser(request))) {
    return {
      reason:
        'This local service is never called from a web page, as on AWS: refused a request that carried ' +
        'Origin or Sec-Fetch-* headers. Call it with the AWS SDK, the AWS CLI or curl.',
    };
  }
  if (browsers === 'own-origin' && (isPreflight(request) || !isOwnPageOrNavigation(request, hosts))) {
    return {
      reason: `This local service answers its own page only (${hosts.map((own) => `http://${own}`).join(' or ')}): refused a request from another origin.`,
    };
  }
  return undefined;
};

/** 403 with the reason, as JSON, and no Access-Control-* header: a page reads nothing of it. */
export const refuse = (response: ServerResponse, { reason }: Refusal) => {
  const body = JSON.stringify({ message: reason });
  response.writeHead(403, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
};

/**
 * Puts the guard before every `request` listener `server` has (dynalite's, or a handler given to
 * `createServer`): a refused request never reaches them. Returns the server.
 */
export const guardLoopbackServer = (server: Server, browsers: BrowserAccess): Server => {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  // Kept from when it starts listening: once close() begins, address() is null, yet a keep-alive
  // connection can still bring a request.
  let address = server.address() as AddressInfo | null;
  server.on('listening', () => {
    address = server.address() as AddressInfo;
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = refusalOf(request, address as AddressInfo, browsers);
    if (refusal) return refuse(response, refusal);
    for (const listener of listeners) listener.call(server, request, response);
  });
  return server;
};
