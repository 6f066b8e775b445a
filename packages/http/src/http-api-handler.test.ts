import {
  ExecutionNotFoundError,
  IdempotencyConflictError,
  OrderNotCancellableError,
  OrderNotFoundError,
  RequestValidationError,
  UnknownSkuError,
  UnsupportedCurrencyError,
  WorkflowStartError,
} from '@order-platform/domain';
import type { Logging } from '@order-platform/lambda';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { Context } from 'aws-lambda';
import { httpApiHandler, jsonHttpApiHandler, MAX_BODY_BYTES } from './http-api-handler';
import {
  ForbiddenError,
  MalformedJsonError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './http-errors';
import { json } from './http-types';
import { anHttpEvent } from './testing';

const context = {} as Context;

describe('jsonHttpApiHandler', () => {
  const received: unknown[] = [];
  const handler = jsonHttpApiHandler(async (event) => {
    received.push(event.body);
    return json(201, { ok: true });
  });
  const post = (body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    handler(anHttpEvent({ body, headers }), context);
  const problemOf = (result: Awaited<ReturnType<typeof post>>) => JSON.parse(result.body as string);

  beforeEach(() => {
    received.length = 0;
  });

  it('hands the parsed body to the handler', async () => {
    const result = await post('{"a":[1,2]}', { 'Content-Type': 'application/json; charset=utf-8' });
    expect(result.statusCode).toBe(201);
    expect(received).toEqual([{ a: [1, 2] }]);
  });

  it('reads a base64-encoded body', async () => {
    const result = await handler(
      anHttpEvent({
        body: Buffer.from('{"a":1}').toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/json' },
      }),
      context,
    );
    expect(result.statusCode).toBe(201);
    expect(received).toEqual([{ a: 1 }]);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['a lookalike', 'application/jsonp'],
  ])('answers 415 for %s without calling the handler', async (_, contentType) => {
    const result = await post('{"a":1}', { 'content-type': contentType });
    expect(result.statusCode).toBe(415);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(received).toEqual([]);
  });

  it.each([
    ['in upper case', 'application/json; charset=UTF-8'],
    ['quoted', 'application/json;charset="utf-8"'],
    ['quoted with a quoted-pair', 'application/json; charset="utf\\-8"'],
    ['among other parameters', 'application/json; foo=bar; Charset=Utf-8'],
    ['on a +json type', 'application/merge-patch+json; charset=utf-8'],
  ])('takes a UTF-8 charset %s', async (_, contentType) => {
    expect((await post('{"a":1}', { 'content-type': contentType })).statusCode).toBe(201);
  });

  it.each([
    ['latin1', 'application/json; charset=latin1'],
    ['ISO-8859-1, quoted', 'application/json; charset="ISO-8859-1"'],
    ['UTF-16', 'application/json; charset=utf-16'],
    ['utf8, which is not its IANA name', 'application/json; charset=utf8'],
    ['latin1 after utf-8', 'application/json; charset=utf-8; charset=latin1'],
    ['empty', 'application/json; charset='],
  ])('answers 415 for the charset %s without calling the handler', async (_, contentType) => {
    const result = await post('{"a":"\u00e9"}', { 'content-type': contentType });
    expect(result.statusCode).toBe(415);
    expect(problemOf(result)).toMatchObject({
      type: 'urn:order-platform:problem:unsupported-media-type',
      detail: `Content-Type must be application/json with charset UTF-8, not ${contentType}.`,
    });
    expect(result.headers).not.toHaveProperty('accept-encoding');
    expect(received).toEqual([]);
  });

  it.each(['gzip', 'br', 'deflate', 'GZIP', 'identity, gzip', 'x-unknown'])(
    'answers 415 for Content-Encoding %s without calling the handler, naming the coding it takes',
    async (encoding) => {
      const result = await post('{"a":1}', { 'content-type': 'application/json', 'Content-Encoding': encoding });
      expect(result.statusCode).toBe(415);
      expect(result.headers).toMatchObject({
        'content-type': 'application/problem+json',
        'accept-encoding': 'identity',
      });
      expect(problemOf(result)).toMatchObject({
        type: 'urn:order-platform:problem:unsupported-content-encoding',
        title: 'The body must not be compressed',
        status: 415,
        detail: `Content-Encoding ${encoding} is not supported: send the body uncompressed.`,
      });
      expect(result.body).not.toContain('acceptEncoding');
      expect(received).toEqual([]);
    },
  );

  it.each(['identity', 'Identity', '', ' identity , identity'])(
    'takes Content-Encoding "%s" as no coding',
    async (encoding) => {
      const result = await post('{"a":1}', { 'content-type': 'application/json', 'content-encoding': encoding });
      expect(result.statusCode).toBe(201);
    },
  );

  it.each([
    ['Latin-1', Buffer.from('{"name":"Zoë"}', 'latin1')],
    ['an encoded lone surrogate (CESU-8)', Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d])],
    ['an overlong encoding of "/"', Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])],
  ])('answers 400 for a body in %s, rather than reading it with replacement characters', async (_, body) => {
    const result = await handler(
      anHttpEvent({
        body: body.toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
      context,
    );
    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toMatchObject({
      type: 'urn:order-platform:problem:malformed-json',
      detail: 'The body is not valid JSON: it is not valid UTF-8',
    });
    expect(received).toEqual([]);
  });

  it('answers 400 for an empty body, saying so, and for broken JSON with the parser’s reason', async () => {
    for (const body of [undefined, '']) {
      const empty = await post(body);
      expect(empty.statusCode).toBe(400);
      expect(problemOf(empty).detail).toBe('The body is not valid JSON: the body is empty');
    }
    const broken = await post('{"a":');
    expect(broken.statusCode).toBe(400);
    expect(problemOf(broken).detail).toMatch(/^The body is not valid JSON: (?!the body is empty).+/);
    expect(received).toEqual([]);
  });

  it('answers 415 when there is no content type at all', async () => {
    const missing = await post('{"a":1}', {});
    expect(missing.statusCode).toBe(415);
    expect(problemOf(missing).detail).toBe(
      'Content-Type must be application/json with charset UTF-8: the request has none.',
    );
    const noHeaders = anHttpEvent({ body: '{"a":1}' });
    delete (noHeaders as { headers?: unknown }).headers;
    expect((await handler(noHeaders, context)).statusCode).toBe(415);
  });

  it('accepts exactly 32 KiB and answers 413 above it', async () => {
    const bodyOfSize = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });
    expect((await post(bodyOfSize(MAX_BODY_BYTES))).statusCode).toBe(201);
    const tooLarge = await post(bodyOfSize(MAX_BODY_BYTES + 1));
    expect(tooLarge.statusCode).toBe(413);
    expect(received).toHaveLength(1);
  });

  it('counts bytes, not characters', async () => {
    const multiByte = JSON.stringify({ pad: '€'.repeat(11_000) }); // 33,010 bytes, 11,010 characters
    expect((await post(multiByte)).statusCode).toBe(413);
  });

  it.each([
    ['broken JSON', '{"a":'],
    ['an empty body', ''],
    ['no body', undefined],
  ])('answers 400 for %s', async (_, body) => {
    const result = await post(body);
    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toMatchObject({ type: 'urn:order-platform:problem:malformed-json', status: 400 });
    expect(received).toEqual([]);
  });
});

describe('problem details', () => {
  const failingWith = (error: unknown, logging: Logging = {}) =>
    httpApiHandler(async () => {
      throw error;
    }, logging)(anHttpEvent(), context);

  it('lists every invalid field of a validation error', async () => {
    const result = await failingWith(new RequestValidationError([{ path: '/items', message: 'Required' }]));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body as string)).toEqual({
      type: 'urn:order-platform:problem:validation-error',
      title: 'Your request is not valid',
      status: 400,
      detail: 'The request is invalid.',
      errors: [{ path: '/items', message: 'Required' }],
    });
  });

  // Status, type and title are the API's contract with its clients (README: Errors).
  it.each([
    [new MalformedJsonError('Unexpected end of JSON input'), 400, 'malformed-json', 'The body is not valid JSON'],
    [new UnauthorizedError(), 401, 'unauthorized', 'Unauthorized'],
    [new ForbiddenError('order-platform/ops'), 403, 'forbidden', 'Forbidden'],
    [new OrderNotFoundError('o-1'), 404, 'order-not-found', 'Order not found'],
    [new ExecutionNotFoundError('o-1'), 404, 'execution-not-found', 'Execution not found'],
    [
      new IdempotencyConflictError('o-1'),
      409,
      'idempotency-key-reused',
      'Idempotency-Key reused with a different request',
    ],
    [
      new OrderNotCancellableError('o-1', 'it is DISPATCHED'),
      409,
      'order-not-cancellable',
      'The order can no longer be cancelled',
    ],
    [new PayloadTooLargeError(32_768), 413, 'payload-too-large', 'The body is too large'],
    [
      new UnsupportedMediaTypeError('text/plain'),
      415,
      'unsupported-media-type',
      'The body must be application/json in UTF-8',
    ],
    [new UnknownSkuError(['X']), 422, 'unknown-sku', 'Unknown SKU'],
    [new UnsupportedCurrencyError('JPY'), 422, 'unsupported-currency', 'Unsupported currency'],
  ])('maps %p to %i, type %s, title %s, never cached', async (error, status, slug, title) => {
    const result = await failingWith(error);
    expect(result.statusCode).toBe(status);
    expect(result.headers).toEqual({ 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
    expect(JSON.parse(result.body as string)).toEqual({
      type: `urn:order-platform:problem:${slug}`,
      title,
      status,
      detail: error.message,
    });
  });

  it('says what a refused error was about in its detail', () => {
    expect(new UnauthorizedError().message).toBe('A valid bearer token is required.');
    expect(new ForbiddenError('order-platform/ops').message).toBe('This token lacks the order-platform/ops scope.');
    expect(new PayloadTooLargeError(32_768).message).toBe('The body is larger than 32768 bytes.');
  });

  it('asks the client to retry shortly when the workflow could not be started, and logs the cause', async () => {
    const logs = recordingLogs();

    const result = await failingWith(new WorkflowStartError('o-1', true, new Error('ThrottlingException')), logs);

    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(result.body as string)).toMatchObject({
      type: 'urn:order-platform:problem:workflow-unavailable',
      title: 'The order workflow is unavailable',
      detail: expect.stringContaining('retry with the same Idempotency-Key'),
    });
    expect(result.body).not.toContain('retryAfterSeconds');
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        statusCode: 503,
        orderId: 'o-1',
        executionName: 'o-1',
        error: expect.objectContaining({ cause: expect.objectContaining({ message: 'ThrottlingException' }) }),
      }),
    ]);
  });

  it('answers a thrown non-error with a 500 too', async () => {
    const logs = recordingLogs();
    expect((await failingWith('a string', logs)).statusCode).toBe(500);
    expect(logs.lines).toEqual([expect.objectContaining({ level: 'ERROR', error: 'a string' })]);
  });

  it('answers an unexpected error with a bare 500 that leaks nothing', async () => {
    const logs = recordingLogs();
    const result = await failingWith(new Error('connection string postgres://secret'), logs);
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body as string)).toEqual({
      type: 'urn:order-platform:problem:internal-error',
      title: 'Internal error',
      status: 500,
    });
    expect(logs.lines).toEqual([expect.objectContaining({ level: 'ERROR', message: 'Request failed' })]);
  });

  it('logs a refused request once, at INFO, with its status and reason', async () => {
    const logs = recordingLogs();
    await failingWith(new OrderNotFoundError('o-1'), logs);
    expect(logs.lines).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'Request refused', statusCode: 404, orderId: 'o-1' }),
    ]);
  });
});

describe('request logging', () => {
  it('logs each answered request once, with what the handler appended and the invocation', async () => {
    const logs = recordingLogs();
    const handler = httpApiHandler(async (_event, logger) => {
      logger.appendKeys({ customerId: 'alice' });
      logger.info('Working');
      return json(200, {});
    }, logs);

    await handler(anHttpEvent({ routeKey: 'GET /orders' }), {
      ...context,
      functionName: 'listOrders',
      awsRequestId: 'r-1',
    });

    expect(logs.lines).toEqual([
      expect.objectContaining({
        message: 'Working',
        customerId: 'alice',
        functionName: 'listOrders',
        requestId: 'r-1',
      }),
      expect.objectContaining({
        message: 'Request answered',
        route: 'GET /orders',
        statusCode: 200,
        customerId: 'alice',
      }),
    ]);
  });
});
