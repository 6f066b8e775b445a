import { SUPPORTED_CURRENCIES } from '@order-platform/domain';
import { listenOnLoopback } from '@order-platform/loopback-guard';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { signLocalToken } from '../identity/local-identity';
import { STOREFRONT_CARDS, STOREFRONT_CUSTOMERS, type StorefrontConfig, type TokenResponse } from './storefront-config';
import { buildStorefrontPage } from './storefront-page-bundle';

export interface StorefrontServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface StorefrontServerOptions {
  /** 0: a free port. */
  readonly port?: number;
  /** The HTTP API the page calls from its own origin, as a shop's page calls the deployed API. */
  readonly apiUrl: string;
}

/** The origin a storefront on `port` serves its page from: the one the API must allow. */
export const storefrontOriginOf = (port: number) => `http://127.0.0.1:${port}`;

const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;

const sendJson = (response: ServerResponse, statusCode: number, body: unknown) => {
  response.writeHead(statusCode, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/**
 * A shop's storefront on its own origin: the page (bundled once, here) talks to the HTTP API
 * through @order-platform/client, across origins, as a shop's page does on AWS. Signing in is the
 * local identity provider's: GET /token hands the page a local token for the customer it picks.
 */
export const startStorefrontServer = async ({
  port = 0,
  apiUrl,
}: StorefrontServerOptions): Promise<StorefrontServer> => {
  const page = await buildStorefrontPage();
  const headers = {
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'self'; connect-src 'self' ${apiUrl}; img-src 'self' data:`,
  };
  const assets: Record<string, { contentType: string; body: string }> = {
    '/': { contentType: 'text/html; charset=utf-8', body: page.html },
    '/storefront.js': { contentType: 'text/javascript; charset=utf-8', body: page.script },
    '/storefront.css': { contentType: 'text/css; charset=utf-8', body: page.stylesheet },
  };
  const config: StorefrontConfig = {
    apiUrl,
    customers: STOREFRONT_CUSTOMERS,
    currencies: SUPPORTED_CURRENCIES,
    cards: STOREFRONT_CARDS,
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET')
      return sendJson(response, 405, { message: 'The storefront server only reads: use GET.' });
    const asset = assets[url.pathname];
    if (asset) {
      response.writeHead(200, { 'content-type': asset.contentType, ...headers });
      response.end(asset.body);
      return;
    }
    if (url.pathname === '/config.json') return sendJson(response, 200, config);
    if (url.pathname === '/token') {
      const customer = url.searchParams.get('customer') ?? '';
      if (!CUSTOMER_ID.test(customer))
        return sendJson(response, 400, { message: 'customer must be 1-64 of A-Z a-z 0-9 _ -' });
      const body: TokenResponse = { token: signLocalToken(customer) };
      return sendJson(response, 200, body);
    }
    return sendJson(response, 404, {
      message: `Nothing at ${url.pathname}: the storefront serves /, /config.json and /token.`,
    });
  };

  return listenOnLoopback(createServer(handle), port, 'own-origin');
};
