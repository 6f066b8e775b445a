import middy from '@middy/core';
import { jsonBody } from './json-body';
import { problemDetails } from './problem-details';
import type { HttpEvent, HttpResult, JsonHttpEvent } from './http-types';

export const MAX_BODY_BYTES = 32 * 1024;

/** A GET-style handler: errors become problem+json. */
export const httpApiHandler = (handler: (event: HttpEvent) => Promise<HttpResult>) =>
  middy<HttpEvent, HttpResult>().use(problemDetails()).handler(handler);

/** A handler that takes a JSON body (at most 32 KiB); errors become problem+json. */
export const jsonHttpApiHandler = (handler: (event: JsonHttpEvent) => Promise<HttpResult>) =>
  middy<HttpEvent, HttpResult>()
    .use(problemDetails())
    .use(jsonBody({ maxBytes: MAX_BODY_BYTES }))
    .handler((event) => handler(event as JsonHttpEvent));
