import type { MiddlewareObj, Request } from '@middy/core';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './http-errors';
import { headerOf, type HttpEvent, type HttpResult } from './http-types';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads the body as JSON within limits: a non-JSON content type is 415, an oversized body 413,
 * unparseable JSON 400. Runs before any handler code, so a refused request touches nothing.
 */
export const jsonBody = ({ maxBytes }: { maxBytes: number }): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: function parseJsonBody(request: Request<HttpEvent, HttpResult>) {
    const { event } = request;
    const contentType = headerOf(event, 'content-type');
    if (!contentType || !JSON_MEDIA_TYPE.test(contentType)) throw new UnsupportedMediaTypeError(contentType);

    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (raw.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes);

    try {
      (event as { body: unknown }).body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new MalformedJsonError(raw.byteLength === 0 ? 'the body is empty' : (error as Error).message);
    }
  },
});
