import { listenOnLoopback, readRequestBody } from '@order-platform/loopback-guard';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { canonicalParams, parseForm, type Params } from './form-encoding';
import { createPaymentIntents, type PaymentIntents } from './payment-intents';
import { StripeApiError, type StripeErrorBody } from './stripe-errors';

/** A failure the server answers in front of the API (as a load balancer or the rate limiter would). */
export interface InjectedFailure {
  /** 429 (rate limited), or a 5xx (api_error). */
  readonly status: 429 | 500 | 502 | 503;
  /** How many matching requests fail; 1 unless given. */
  readonly times?: number;
  /** Only requests whose path matches (e.g. `/capture$`); every request unless given. */
  readonly path?: string;
}

export interface StripeTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What the stripe SDK takes: `new Stripe(key, { host, port, protocol })`. */
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http';
  readonly paymentIntents: PaymentIntents;
  /** Every API request answered, oldest first: method, path, idempotency key, status, replayed. */
  readonly requests: readonly AnsweredRequest[];
  /** The next matching requests fail as `failure` says, before they reach the API. */
  failNext(failure: InjectedFailure): void;
  stop(): Promise<void>;
}

export interface AnsweredRequest {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey?: string;
  readonly status: number;
  readonly replayed: boolean;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

interface SavedAnswer extends Answer {
  readonly request: string;
}

/** Stripe's limit on an idempotency key's length. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const CONTROL_PATH = '/__test__/failures';

const errorAnswer = (status: number, error: StripeErrorBody): Answer => ({
  status,
  body: JSON.stringify({ error }, null, 2),
});

/** Failures queued by `failNext`, each answered in place of the next requests it matches. */
const injectedFailures = () => {
  const queued: { failure: InjectedFailure; left: number }[] = [];
  return {
    add(failure: InjectedFailure) {
      if (![429, 500, 502, 503].includes(failure.status)) {
        throw new RangeError(`A failure is 429, 500, 502 or 503, not ${failure.status}`);
      }
      queued.push({ failure, left: failure.times ?? 1 });
    },
    take(path: string): Answer | undefined {
      const index = queued.findIndex(({ failure }) => !failure.path || new RegExp(failure.path).test(path));
      const pending = queued[index];
      if (!pending) return undefined;
      pending.left -= 1;
      if (pending.left <= 0) queued.splice(index, 1);
      return pending.failure.status === 429
        ? errorAnswer(429, {
            type: 'invalid_request_error',
            code: 'rate_limit',
            message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
          })
        : errorAnswer(pending.failure.status, {
            type: 'api_error',
            message: 'An unknown error occurred while processing your request.',
          });
    },
  };
};

/** The routes the payment adapter uses, answering Stripe's objects or throwing Stripe's errors. */
const route = (intents: PaymentIntents, method: string, path: string, params: Params): unknown => {
  const [, version, resource, id, action, ...rest] = path.split('/');
  if (version === 'v1' && rest.length === 0) {
    if (resource === 'payment_intents') {
      if (method === 'POST' && id === undefined) return intents.create(params);
      if (method === 'GET' && id && action === undefined) return intents.retrieve(id);
      if (method === 'POST' && id && action === 'capture') return intents.capture(id, params);
      if (method === 'POST' && id && action === 'cancel') return intents.cancel(id, params);
    }
    if (resource === 'refunds' && method === 'POST' && id === undefined) return intents.refund(params);
  }
  throw new StripeApiError(
    404,
    { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` },
    false,
  );
};

const authenticationError = (authorization: string | undefined, secretKey: string): StripeErrorBody | undefined => {
  const key = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!key) {
    return {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    };
  }
  if (key !== secretKey) {
    return { type: 'invalid_request_error', message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(8)}` };
  }
  return undefined;
};

/**
 * A Stripe-compatible API on 127.0.0.1 for tests and the local stack (no npm package serves
 * Stripe's API, and stripe-mock is a Go binary that keeps no state): form-encoded requests,
 * Bearer secret-key auth, the PaymentIntent and refund endpoints of payment-intents.ts, and
 * idempotency as Stripe documents it (https://docs.stripe.com/api/idempotent_requests): a POST's
 * first answer is saved under its key once the endpoint began executing (errors included) and
 * replayed with `Idempotent-Replayed: true` for the same parameters; other parameters or another
 * endpoint under that key get 400 `idempotency_error`. A request refused before it executes (bad
 * parameters, authentication, an injected 429 or 5xx) saves nothing, so a retry executes.
 */
export const startStripeTestServer = async ({
  secretKey,
  port = 0,
}: {
  /** The only key it accepts (`sk_test_…`). */
  secretKey: string;
  port?: number;
}): Promise<StripeTestServer> => {
  const intents = createPaymentIntents();
  const saved = new Map<string, SavedAnswer>();
  const failures = injectedFailures();
  const requests: AnsweredRequest[] = [];

  const execute = (method: string, path: string, params: Params): Answer & { saveable: boolean } => {
    try {
      return { status: 200, body: JSON.stringify(route(intents, method, path, params), null, 2), saveable: true };
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      return { ...errorAnswer(error.status, error.body), saveable: error.saved };
    }
  };

  const answer = (method: string, path: string, body: string, idempotencyKey: string | undefined) => {
    const params = parseForm(body);
    if (method !== 'POST' || idempotencyKey === undefined) return { ...execute(method, path, params), replayed: false };
    if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return {
        ...errorAnswer(400, {
          type: 'invalid_request_error',
          message: `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`,
        }),
        replayed: false,
      };
    }
    const request = `${method} ${path} ${canonicalParams(params)}`;
    const first = saved.get(idempotencyKey);
    if (first && first.request !== request) {
      return {
        ...errorAnswer(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        }),
        replayed: false,
      };
    }
    if (first) return { status: first.status, body: first.body, replayed: true };
    const executed = execute(method, path, params);
    if (executed.saveable) saved.set(idempotencyKey, { request, status: executed.status, body: executed.body });
    return { ...executed, replayed: false };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readRequestBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const send = ({ status, body: text }: Answer, headers: Record<string, string> = {}) => {
      response.writeHead(status, {
        'Content-Type': 'application/json',
        'Request-Id': `req_${randomBytes(7).toString('hex')}`,
        ...headers,
      });
      response.end(text);
    };
    if (url.pathname === CONTROL_PATH && method === 'POST') {
      try {
        const failure = JSON.parse(body) as InjectedFailure;
        control.failNext(failure);
        return send({ status: 200, body: JSON.stringify({ queued: failure }) });
      } catch (error) {
        return send(errorAnswer(400, { type: 'invalid_request_error', message: (error as Error).message }));
      }
    }
    const refused = authenticationError(request.headers.authorization, secretKey);
    if (refused) return send(errorAnswer(401, refused));
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    const failed = failures.take(url.pathname);
    const answered = failed
      ? { ...failed, replayed: false }
      : answer(method, url.pathname, method === 'GET' ? url.search.slice(1) : body, idempotencyKey);
    requests.push({ method, path: url.pathname, idempotencyKey, status: answered.status, replayed: answered.replayed });
    send(answered, {
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      ...(answered.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'api_error', message: error.message } }));
    });
  });
  const { endpoint, stop } = await listenOnLoopback(server, port, 'none');

  const control: StripeTestServer = {
    url: endpoint,
    host: '127.0.0.1',
    port: Number(new URL(endpoint).port),
    protocol: 'http',
    paymentIntents: intents,
    requests,
    failNext(failure) {
      failures.add(failure);
    },
    stop,
  };
  return control;
};
