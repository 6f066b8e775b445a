import { isUtf8 } from 'node:buffer';
import type { MiddlewareObj, Request } from '@middy/core';
import {
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedContentEncodingError,
  UnsupportedMediaTypeError,
} from './http-errors';
import { headerOf, type HttpEvent, type HttpResult } from './http-types';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Each `; name=value` parameter of a media type; the value a token or a quoted string. */
const MEDIA_TYPE_PARAMETER = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;

const charsetsOf = (contentType: string): string[] =>
  [...contentType.matchAll(MEDIA_TYPE_PARAMETER)]
    .filter(([, name]) => name?.toLowerCase() === 'charset')
    .map(([, , value = '']) => (value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value));

/**
 * JSON is UTF-8 (RFC 8259 §8.1) and the handlers read nothing else, so a body declared in another
 * charset is refused rather than decoded as UTF-8 into replacement characters. Only UTF-8's IANA
 * name counts (any case, quoted or not); no charset at all means UTF-8.
 */
const isUtf8Json = (contentType: string | undefined): contentType is string =>
  contentType !== undefined &&
  JSON_MEDIA_TYPE.test(contentType) &&
  charsetsOf(contentType).every((charset) => charset.toLowerCase() === 'utf-8');

/**
 * An HTTP API passes Content-Encoding through without decoding the body (only a REST API can
 * be set to decompress), so a gzip or br body would reach JSON.parse compressed. `identity` is
 * the one coding that changes nothing (RFC 9110 §8.4.1), and AWS's REST APIs take it as none too.
 */
const isEncoded = (contentEncoding: string | undefined): contentEncoding is string =>
  (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .some((coding) => coding !== '' && coding !== 'identity');

// fatal: bytes that are not UTF-8 are refused, not replaced with U+FFFD; ignoreBOM keeps a BOM in
// the text, which JSON.parse refuses, as it did before.
/** Checked first, so that nothing is read with replacement characters (a BOM is kept, and refused by JSON.parse). */
const textOf = (raw: Buffer): string => {
  if (!isUtf8(raw)) throw new MalformedJsonError('it is not valid UTF-8');
  return raw.toString('utf8');
};

/**
 * Reads the body as JSON within limits: a content type other than UTF-8 JSON, or any content
 * coding, is 415; an oversized body 413; a body that is not UTF-8 or not JSON 400. Runs before
 * any handler code, so a refused request touches nothing.
 */
export const jsonBody = ({ maxBytes }: { maxBytes: number }): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: function parseJsonBody(request: Request<HttpEvent, HttpResult>) {
    const { event } = request;
    const contentType = headerOf(event, 'content-type');
    if (!isUtf8Json(contentType)) throw new UnsupportedMediaTypeError(contentType);
    const contentEncoding = headerOf(event, 'content-encoding');
    if (isEncoded(contentEncoding)) throw new UnsupportedContentEncodingError(contentEncoding);

    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (raw.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes);

    const text = textOf(raw);
    try {
      (event as { body: unknown }).body = JSON.parse(text);
    } catch (error) {
      throw new MalformedJsonError(raw.byteLength === 0 ? 'the body is empty' : (error as Error).message);
    }
  },
});
