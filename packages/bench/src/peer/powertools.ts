import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import {
  IdempotencyConflictError,
  OrderNotFoundError,
  OrderPlatformError,
  UnknownSkuError,
  UnsupportedCurrencyError,
} from '@order-platform/domain';
import { createDocumentClient } from '@order-platform/persistence';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ZodError } from 'zod';

// The peer: our order handlers built the way most Lambda projects build theirs (Powertools'
// Logger, Tracer and Metrics at module scope, middy's error handler, classic zod, the AWS SDK left
// to the runtime and traced by Tracer). The use case and the DynamoDB and Step Functions adapters
// are ours, so the two builds differ only at the edge. Built and measured by measure/peer.ts,
// never deployed.

export const logger = new Logger({ serviceName: 'order-platform' });
export const tracer = new Tracer({ serviceName: 'order-platform' });
export const metrics = new Metrics({ namespace: 'OrderPlatform', serviceName: 'order-platform' });

export const documentClient = createDocumentClient(tracer.captureAWSv3Client(new DynamoDBClient({})));
export const stepFunctions = tracer.captureAWSv3Client(new SFNClient({}));

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
type Handler<Event> = (event: Event, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** An error middy's http-error-handler answers with its status and message (`expose`). */
const httpError = (statusCode: number, message: string) =>
  Object.assign(new Error(message), { statusCode, expose: true });

/** What most projects write once per service: domain and validation errors as HTTP errors. */
const asHttpError = (error: unknown) => {
  if (error instanceof ZodError) return httpError(400, error.issues.map((issue) => issue.message).join('; '));
  if (error instanceof OrderNotFoundError) return httpError(404, error.message);
  if (error instanceof IdempotencyConflictError) return httpError(409, error.message);
  if (error instanceof UnknownSkuError || error instanceof UnsupportedCurrencyError) {
    return httpError(422, error.message);
  }
  if (error instanceof OrderPlatformError) return httpError(400, error.message);
  return error;
};

export const customerIdOf = (event: HttpEvent) => {
  const subject = event.requestContext.authorizer.jwt.claims.sub;
  if (typeof subject !== 'string' || subject === '') throw httpError(401, 'Unauthorized');
  return subject;
};

/** middy with Powertools' three middlewares and the error handler, around the route's function. */
export const peerHandler = <Event extends HttpEvent>(route: Handler<Event>, ...before: middy.MiddlewareObj<Event>[]) =>
  middy<Event, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .use(before)
    .use(httpErrorHandler({ logger: (error) => logger.error('Request failed', error as Error) }))
    .handler(async (event, context) => {
      try {
        return await route(event, context);
      } catch (error) {
        throw asHttpError(error);
      }
    });
