import middy from '@middy/core';
import type { Logger, Logging } from '@order-platform/lambda';
import type { Context } from 'aws-lambda';
import { jsonBody } from './json-body';
import { problemDetails } from './problem-details';
import { requestLogging } from './request-logging';
import type { HttpEvent, HttpResult, JsonHttpEvent } from './http-types';

export const MAX_BODY_BYTES = 32 * 1024;

const loggerIn = (context: Context) => (context as Context & { logger: Logger }).logger;

/** A GET-style handler: errors become problem+json; every request is logged once. */
export const httpApiHandler = (
  handler: (event: HttpEvent, logger: Logger) => Promise<HttpResult>,
  logging: Logging = {},
) =>
  middy<HttpEvent, HttpResult>()
    .use(requestLogging(logging))
    .use(problemDetails())
    .handler((event, context) => handler(event, loggerIn(context)));

/** A handler that takes a JSON body (at most 32 KiB); errors become problem+json; every request is logged once. */
export const jsonHttpApiHandler = (
  handler: (event: JsonHttpEvent, logger: Logger) => Promise<HttpResult>,
  logging: Logging = {},
) =>
  middy<HttpEvent, HttpResult>()
    .use(requestLogging(logging))
    .use(problemDetails())
    .use(jsonBody({ maxBytes: MAX_BODY_BYTES }))
    .handler((event, context) => handler(event as JsonHttpEvent, loggerIn(context)));
