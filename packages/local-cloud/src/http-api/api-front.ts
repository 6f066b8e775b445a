import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { authorizeJwt, jwtRefusal, type IssuerKey } from '../identity/jwt-authorizer';
import { listenOnLoopback } from '@order-platform/loopback-guard';
import { preflightHeaders, responseCorsHeaders, withApiCors, type CorsConfiguration } from './http-api-cors';
import { routeOf, type HttpApi } from './http-api-routes';

// serverless-offline listens on Unix sockets only (no web page can reach a socket, whatever the
// Host), and these fronts take the public ports: each refuses a foreign Host, and the HTTP API's
// runs the stage's JWT authorizer with signature verification before serverless-offline sees the
// request. Requests and answers stream through; a keep-alive agent keeps the extra hop cheap.

/** Marks a request that came without Content-Type: offline-request-headers.mjs reads it. */
export const NO_CONTENT_TYPE = 'x-local-api-no-content-type';

/**
 * Headers a client may not pass to serverless-offline: this one replaces the authorizer context
 * (the claims and scopes a handler trusts) with whatever JSON it carries. API Gateway has no such
 * door. Hop-by-hop headers belong to each connection.
 */
const NOT_FORWARDED = new Set(['sls-offline-authorizer-override', NO_CONTENT_TYPE, 'connection', 'keep-alive']);

export interface Front {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
};

const forwardedHeaders = (headers: IncomingHttpHeaders, markNoContentType: boolean) => {
  const forwarded: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!NOT_FORWARDED.has(name)) forwarded[name] = value;
  if (markNoContentType && headers['content-type'] === undefined) forwarded[NO_CONTENT_TYPE] = '1';
  return forwarded;
};

/**
 * Passes the request to the server on `socketPath` and its answer back, both streamed; the HTTP
 * API's requests are marked when they came without Content-Type, and its answers carry the API's
 * CORS headers in place of serverless-offline's.
 */
const forwardTo =
  (socketPath: string, agent: Agent, what: 'The HTTP API' | 'The Lambda invoke API', cors?: CorsConfiguration) =>
  (request: IncomingMessage, response: ServerResponse) => {
    const headers = forwardedHeaders(request.headers, what === 'The HTTP API');
    const upstream = httpRequest(
      { socketPath, agent, method: request.method, path: request.url, headers },
      (answer) => {
        const answered = { ...answer.headers };
        delete answered.connection;
        delete answered['keep-alive'];
        response.writeHead(answer.statusCode ?? 502, withApiCors(cors, request.headers.origin, answered));
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (response.headersSent) response.destroy(error);
      else sendJson(response, 502, { message: `${what} (serverless-offline) did not answer: ${error.message}` });
    });
    request.pipe(upstream);
  };

const startFront = async (
  port: number,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  agent: Agent,
  browsers: 'none' | 'server-decides',
) => {
  const { endpoint, stop } = await listenOnLoopback(createServer(handle), port, browsers);
  return {
    endpoint,
    stop: async () => {
      await stop();
      agent.destroy();
    },
  };
};

/**
 * The HTTP API on `port`, as API Gateway answers before any Lambda runs: a route the stage does
 * not declare is `404 {"message":"Not Found"}` (serverless-offline would also serve Lambda's
 * invoke API here); a route with a JWT authorizer needs a token that passes it, verified against
 * the local issuer's key; CORS is answered here from the stage's configuration (http-api-cors.ts).
 */
export const startApiFront = async ({
  port,
  socketPath,
  api,
  issuerKey,
}: {
  port: number;
  socketPath: string;
  api: HttpApi;
  issuerKey: () => IssuerKey;
}): Promise<Front> => {
  const agent = new Agent({ keepAlive: true });
  const forward = forwardTo(socketPath, agent, 'The HTTP API', api.cors);
  const corsFor = (request: IncomingMessage) => responseCorsHeaders(api.cors, request.headers.origin);
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    // With CORS configured, API Gateway answers every OPTIONS itself, whatever the path or routes.
    if (method === 'OPTIONS' && api.cors) {
      response.writeHead(204, preflightHeaders(api.cors, request.headers));
      return response.end();
    }
    const route = routeOf(api, method, new URL(request.url ?? '/', 'http://front').pathname);
    if (!route) return sendJson(response, 404, { message: 'Not Found' }, corsFor(request));
    if (route.jwt) {
      const identity = request.headers[route.jwt.identityHeader];
      const verdict = authorizeJwt(Array.isArray(identity) ? identity[0] : identity, route.jwt, issuerKey());
      if (!verdict.allowed) {
        const refusal = jwtRefusal(verdict, route.jwt);
        response.writeHead(refusal.status, { ...refusal.headers, ...corsFor(request) });
        return response.end(refusal.body);
      }
    }
    return forward(request, response);
  };
  return startFront(port, handle, agent, 'server-decides');
};

/** serverless-offline's Lambda invoke API on `port`: programs on this machine only, never a web page. */
export const startLambdaFront = async ({ port, socketPath }: { port: number; socketPath: string }): Promise<Front> => {
  const agent = new Agent({ keepAlive: true });
  return startFront(port, forwardTo(socketPath, agent, 'The Lambda invoke API'), agent, 'none');
};
