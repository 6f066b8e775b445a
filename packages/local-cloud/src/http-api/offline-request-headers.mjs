// Loaded into serverless-offline's process before it starts (`NODE_OPTIONS=--import`, by
// ../serverless-offline.ts). API Gateway hands a Lambda the request's headers as they came;
// serverless-offline 14 adds `content-type: application/json` to the event of any request with a
// body and none (LambdaProxyIntegrationEventV2#create), so a handler could never see, and refuse,
// the request AWS gives it. The API's front (api-front.ts) marks such a request with this header;
// here the header serverless-offline added is taken back out, with the mark.
import { URL } from 'node:url';

const NO_CONTENT_TYPE = 'x-local-api-no-content-type';

const eventModule = new URL(
  './events/http/lambda-events/LambdaProxyIntegrationEventV2.js',
  import.meta.resolve('serverless-offline'),
);
const { default: LambdaProxyIntegrationEventV2 } = await import(eventModule.href);
const create = LambdaProxyIntegrationEventV2?.prototype?.create;
if (typeof create !== 'function') {
  // Fail the start rather than hand handlers a header the request did not have.
  throw new Error(`serverless-offline has changed: ${eventModule.pathname} has no create() to correct`);
}

LambdaProxyIntegrationEventV2.prototype.create = function createWithTheRequestHeaders(...args) {
  const event = create.apply(this, args);
  if (event.headers && NO_CONTENT_TYPE in event.headers) {
    delete event.headers[NO_CONTENT_TYPE];
    delete event.headers['content-type'];
  }
  return event;
};
