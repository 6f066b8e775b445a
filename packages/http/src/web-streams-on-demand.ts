/**
 * What an HTTP Lambda's bundle holds in place of `node:stream/web`.
 *
 * `@middy/core` imports `ReadableStream` from `node:stream/web` for one test, whether a streamed
 * response's body is a web stream (`body instanceof ReadableStream`). Importing that module makes
 * Node load its whole WHATWG streams implementation (eight internal modules, ~2.5 ms of every HTTP
 * handler's cold import) though no handler here streams a response. serverless.yml's esbuild
 * `alias` puts this module in its place: the same test against Node's global `ReadableStream`,
 * the same class, which Node loads only when something reaches it. Delete the alias to import
 * `node:stream/web` again.
 */
export const ReadableStream = {
  [Symbol.hasInstance]: (value: unknown): boolean => value instanceof globalThis.ReadableStream,
};
