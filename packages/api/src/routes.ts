import { MAX_BODY_BYTES } from '@order-platform/http';
import { OPS_SCOPE } from '@order-platform/ops';
import type * as z from 'zod/mini';
import { CreateOrderRequestSchema, IdempotencyKeySchema } from './create-order-request';
import { ListExecutionsQuerySchema } from './list-executions-query';
import { ListOrdersQuerySchema } from './list-orders-query';
import { CatalogSchema, ExecutionPageSchema, ExecutionReportSchema, OrderPageSchema, OrderSchema } from './responses';

// Every route of the HTTP API, once: its method and path, the function serverless.yml routes it
// to, who may call it, what it takes and what it answers. docs/openapi.json is rendered from this
// table (openapi.ts), the handlers validate with the same schemas, and the packaging test
// holds the deployed routes to it. Adding a route is its function folder and a row here.

/** Who may call a route: anyone, a customer's token, or a token with the ops scope. */
export type Access =
  { readonly kind: 'public' } | { readonly kind: 'customer' } | { readonly kind: 'ops'; readonly scope: string };

export interface Answer {
  readonly description: string;
  /** The body's schema (registered with an id); problem+json when absent and the status is 4xx/5xx. */
  readonly body?: z.core.$ZodType;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: object }>>;
}

export interface Route {
  /** The function serverless.yml routes it to, and the OpenAPI operationId. */
  readonly functionName: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly query?: z.ZodMiniObject;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: z.core.$ZodType }>>;
  readonly body?: z.core.$ZodType;
  /** The answers the route's own code gives; 401/403 from the authorizer are added by its access. */
  readonly answers: Readonly<Record<number, Answer>>;
}

const CUSTOMER: Access = { kind: 'customer' };
const OPS: Access = { kind: 'ops', scope: OPS_SCOPE };
const NO_STORE = 'Answers carry `Cache-Control: no-store`.';

export const ROUTES: readonly Route[] = [
  {
    functionName: 'createOrder',
    method: 'POST',
    path: '/orders',
    summary: 'Place an order',
    access: CUSTOMER,
    headers: {
      'Idempotency-Key': {
        description: 'Retries with the same key and body return the same order; another body is a 409.',
        schema: IdempotencyKeySchema,
      },
    },
    body: CreateOrderRequestSchema,
    answers: {
      202: {
        description: 'Accepted: the order is PENDING and its workflow has started',
        body: OrderSchema,
        headers: {
          Location: { description: '/orders/{orderId}', schema: { type: 'string' } },
          'Idempotent-Replayed': {
            description: 'A retry with the same key',
            schema: { type: 'string', enum: ['true'] },
          },
        },
      },
      400: {
        description:
          'Malformed JSON or a body that is not UTF-8; wrong types, missing or unknown fields; free text without a visible character or with control characters, line breaks or bidirectional controls (see `errors`)',
      },
      409: { description: 'The Idempotency-Key was used with another body' },
      413: { description: `Body over ${MAX_BODY_BYTES / 1024} KiB` },
      415: {
        description:
          'No Content-Type, a Content-Type other than application/json, or a charset other than UTF-8; or a Content-Encoding (gzip, br, …): send the body uncompressed. Only the Content-Encoding refusal carries Accept-Encoding',
        headers: {
          'Accept-Encoding': {
            description: 'The content codings a request may use: `identity` (none)',
            schema: { type: 'string', enum: ['identity'] },
          },
        },
      },
      422: { description: 'Unknown SKU or unsupported currency' },
      503: {
        description:
          'The workflow could not be started; see Retry-After. A keyed order is kept (retry with the same key); a keyless one was not placed',
      },
    },
  },
  {
    functionName: 'listOrders',
    method: 'GET',
    path: '/orders',
    summary: "The caller's orders, newest first",
    access: CUSTOMER,
    query: ListOrdersQuerySchema,
    answers: {
      200: { description: `A page of orders. ${NO_STORE}`, body: OrderPageSchema },
      400: { description: 'Bad limit or cursor' },
    },
  },
  {
    functionName: 'getOrder',
    method: 'GET',
    path: '/orders/{orderId}',
    summary: 'One of the caller’s orders',
    access: CUSTOMER,
    pathParameters: { orderId: 'The order id the 202 answered' },
    answers: {
      200: { description: `The order. ${NO_STORE}`, body: OrderSchema },
      404: { description: 'No such order for this customer' },
    },
  },
  {
    functionName: 'cancelOrder',
    method: 'POST',
    path: '/orders/{orderId}/cancel',
    summary:
      'Cancel one of the caller’s orders before it is handed to the carrier (a token with the ops scope may cancel any order)',
    access: CUSTOMER,
    pathParameters: { orderId: 'The order id the 202 answered (a UUID)' },
    answers: {
      202: {
        description:
          'Accepted: the order with its `cancellation` request, its status as recorded. Its workflow notices the request at its next step, releases the stock, voids the invoice, releases the payment and ends the order `CANCELLED`. Asking again answers the same. ' +
          NO_STORE,
        body: OrderSchema,
        headers: { Location: { description: '/orders/{orderId}', schema: { type: 'string' } } },
      },
      400: { description: 'The id is not an order id (a UUID)' },
      404: { description: 'No such order for this customer' },
      409: { description: 'Too late: the order is being handed to the carrier, was dispatched, or failed' },
    },
  },
  {
    functionName: 'getCatalog',
    method: 'GET',
    path: '/catalog',
    summary: 'Products and prices',
    access: { kind: 'public' },
    answers: { 200: { description: 'The catalog', body: CatalogSchema } },
  },
  {
    functionName: 'getOrderExecution',
    method: 'GET',
    path: '/ops/orders/{orderId}/execution',
    summary: "An order's workflow execution and its history (ops)",
    access: OPS,
    pathParameters: { orderId: 'The order, named as its execution is' },
    answers: {
      200: { description: `The execution's report. ${NO_STORE}`, body: ExecutionReportSchema },
      404: { description: 'The order has no execution' },
    },
  },
  {
    functionName: 'listExecutions',
    method: 'GET',
    path: '/ops/executions',
    summary: "The workflow's executions, newest first (ops)",
    access: OPS,
    query: ListExecutionsQuerySchema,
    answers: {
      200: { description: `A page of executions. ${NO_STORE}`, body: ExecutionPageSchema },
      400: { description: 'A bad status, window, limit or token' },
    },
  },
];
