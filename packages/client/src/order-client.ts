import createClient from 'openapi-fetch';
import { errorFromResponse, OrderWaitTimeoutError } from './errors';
import type { paths } from './generated/order-api';
import { isTerminal } from './order-status';
import { abortableSleep, fetchWithRetries, type RetryDependencies, type RetryOptions } from './retries';
import type { Catalog, CreateOrderRequest, Order, OrderPage } from './types';

// The order API for a shop's frontend or backend: fetch only (browsers and Node 20+), the paths
// and shapes typed from docs/openapi.json by openapi-fetch, every failure a typed OrderApiError.

export interface OrderClientOptions {
  /** The API's base URL, e.g. `https://api.example.com` or the local stack's `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** The customer's bearer token, or a function that returns the current one (called per request). */
  readonly token?: string | (() => string | undefined | Promise<string | undefined>);
  readonly retry?: RetryOptions;
  /** Defaults to the global fetch. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Test seams: how the client waits, and what time it is. */
  readonly clock?: RetryDependencies;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface PlaceOrderOptions extends CallOptions {
  /** Defaults to a fresh random UUID: pass your own to make retries across page loads safe. */
  readonly idempotencyKey?: string;
}

export interface ListOrdersOptions extends CallOptions {
  /** Orders per page (1–100; the API's default is 20). */
  readonly limit?: number;
  /** Where to start: a page's `nextCursor`. */
  readonly cursor?: string;
}

export interface WaitForOrderOptions extends CallOptions {
  /** Give up after this long with an OrderWaitTimeoutError. Default 60 s. */
  readonly timeoutMs?: number;
  /** Between two reads. Default 500 ms. */
  readonly intervalMs?: number;
  /** Called with the order each time its status or timeline changes (a live status display). */
  readonly onChange?: (order: Order) => void;
}

interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

const unwrap = <T>({ data, error, response }: Answer<T>): T => {
  if (!response.ok) throw errorFromResponse(response.status, error);
  return data as T;
};

const fingerprint = (order: Order) => `${order.status}/${order.timeline.length}/${order.cancellation ? 1 : 0}`;

export const createOrderClient = (options: OrderClientOptions) => {
  const { sleep = abortableSleep, now = Date.now } = options.clock ?? {};
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: fetchWithRetries(options.fetch ?? ((request) => globalThis.fetch(request)), options.retry, options.clock),
  });
  api.use({
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });

  const getOrder = async (orderId: string, { signal }: CallOptions = {}): Promise<Order> =>
    unwrap(await api.GET('/orders/{orderId}', { params: { path: { orderId } }, signal }));

  return {
    /** Places an order; retries carry the same Idempotency-Key, so at most one order is made. */
    placeOrder: async (
      order: CreateOrderRequest,
      { idempotencyKey = globalThis.crypto.randomUUID(), signal }: PlaceOrderOptions = {},
    ): Promise<Order> =>
      unwrap(
        await api.POST('/orders', { body: order, params: { header: { 'Idempotency-Key': idempotencyKey } }, signal }),
      ),

    getOrder,

    /** The caller's orders, newest first, one page per iteration. */
    async *listOrders({ limit, cursor, signal }: ListOrdersOptions = {}): AsyncGenerator<OrderPage, void, undefined> {
      let next = cursor;
      do {
        const page = unwrap(
          await api.GET('/orders', {
            params: {
              query: { ...(limit === undefined ? {} : { limit }), ...(next === undefined ? {} : { cursor: next }) },
            },
            signal,
          }),
        );
        yield page;
        next = page.nextCursor;
      } while (next !== undefined);
    },

    /** Asks for the order to be cancelled; it ends CANCELLED once its workflow has undone it. */
    cancelOrder: async (orderId: string, { signal }: CallOptions = {}): Promise<Order> =>
      unwrap(await api.POST('/orders/{orderId}/cancel', { params: { path: { orderId } }, signal })),

    /** Reads the order until it reaches a terminal status (DISPATCHED, FAILED or CANCELLED). */
    waitForOrder: async (
      orderId: string,
      { timeoutMs = 60_000, intervalMs = 500, onChange, signal }: WaitForOrderOptions = {},
    ): Promise<Order> => {
      const deadline = now() + timeoutMs;
      let seen: string | undefined;
      let last: Order | undefined;
      for (;;) {
        last = await getOrder(orderId, { signal });
        if (fingerprint(last) !== seen) {
          seen = fingerprint(last);
          onChange?.(last);
        }
        if (isTerminal(last.status)) return last;
        if (now() + intervalMs > deadline) throw new OrderWaitTimeoutError(orderId, last.status, timeoutMs);
        await sleep(intervalMs, signal);
      }
    },

    /** Products, their prices in each currency, and their stock. */
    getCatalog: async ({ signal }: CallOptions = {}): Promise<Catalog> => unwrap(await api.GET('/catalog', { signal })),
  };
};

export type OrderClient = ReturnType<typeof createOrderClient>;
