import type { MiddlewareObj, Request } from '@middy/core';
import { invocationLogger, orderLogKeys, type Logger, type Logging } from '@order-platform/lambda';
import type { HttpEvent, HttpResult } from './http-types';

type LoggedRequest = Request<HttpEvent, HttpResult> & { context: { logger?: Logger } };

/** The invocation's logger, which the requestLogging middleware put on the context. */
export const loggerOf = (request: Request<HttpEvent, HttpResult>): Logger => {
  const { logger } = (request as LoggedRequest).context;
  if (!logger) throw new Error('requestLogging must be the first middleware');
  return logger;
};

/**
 * One line per request with the route and the status, at the end, so that it carries whatever
 * the handler learnt on the way (the order, the customer). Registered first, its onError runs
 * last: problemDetails has chosen the status by then.
 */
export const requestLogging = ({ loggerFor = invocationLogger() }: Logging = {}): MiddlewareObj<
  HttpEvent,
  HttpResult
> => ({
  before: function attachLogger(request: Request<HttpEvent, HttpResult>) {
    (request as LoggedRequest).context.logger = loggerFor(request.context);
  },
  after: function logAnswer(request: Request<HttpEvent, HttpResult>) {
    loggerOf(request).info('Request answered', {
      route: request.event.routeKey,
      statusCode: request.response?.statusCode,
    });
  },
  onError: function logFailure(request: Request<HttpEvent, HttpResult>) {
    const logger = loggerOf(request);
    const { error } = request;
    // Errors about an order name it (IdempotencyConflict, WorkflowStart): the line does too,
    // even when the handler failed before it could say which order it was placing.
    const orderId = (error as { orderId?: unknown } | null)?.orderId;
    if (typeof orderId === 'string') logger.appendKeys(orderLogKeys(orderId));
    const statusCode = request.response?.statusCode ?? 500;
    const route = request.event.routeKey;
    if (statusCode >= 500) logger.error('Request failed', { route, statusCode, error });
    else logger.info('Request refused', { route, statusCode, reason: (error as Error | null)?.message });
  },
});
