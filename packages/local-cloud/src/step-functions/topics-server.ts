import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { JsonAnswer, LocalEventBuses } from '../events/local-event-buses';
import type { LocalLogGroups } from '../logs/local-log-groups';
import type { LocalTopics, PublishedMessage, TopicAdministration } from './local-task-handlers';
import { listenOnLoopback, readRequestBody } from '@order-platform/loopback-guard';
import { answerSnsQuery } from './sns-query-api';

export interface TopicsServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** SNS's API, as the AWS SDK and CLI send it (`AWS_ENDPOINT_URL_SNS`): a form-encoded POST to `/`. */
const publishFromSdk = async (
  request: IncomingMessage,
  response: ServerResponse,
  topics: LocalTopics & Partial<TopicAdministration>,
) => {
  const { status, body } = await answerSnsQuery(await readRequestBody(request), topics);
  response.writeHead(status, { 'content-type': 'text/xml' });
  response.end(body);
};

/** EventBridge and CloudWatch Logs, as the AWS SDK and CLI send them: JSON with an X-Amz-Target. */
const jsonProtocolFromSdk = async (
  request: IncomingMessage,
  response: ServerResponse,
  service: { answer(target: string, body: string): JsonAnswer },
  target: string,
) => {
  const { status, body } = service.answer(target, await readRequestBody(request));
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
};

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/**
 * Shows what the SNS stand-in recorded: `GET /messages` answers `{ messages }`, oldest first,
 * each with its topic ARN, subject, message and time (`?topicArn=` keeps one topic's). It is
 * how `npm run alerts` and the tests read the alerts the workflow published. With `topics`, it
 * also takes SNS Publish calls from the AWS SDK (the reconciler's alerts), recorded the same way.
 *
 * With `eventBuses`, the same endpoint is EventBridge too (as one endpoint serves every service in
 * LocalStack): a POST whose `X-Amz-Target` is `AWSEvents.…` goes to the local buses, and
 * `GET /events` answers `{ events }` put on them, oldest first (`?bus=` keeps one bus's,
 * `?orderId=` one order's). With `logGroups`, it is CloudWatch Logs too (`Logs_20140328.…`): the
 * order-event log that the bus's rule fills, read with `aws logs`.
 */
export const startTopicsServer = async ({
  port = 0,
  published,
  topics,
  eventBuses,
  logGroups,
}: {
  port?: number;
  published: readonly PublishedMessage[];
  topics?: LocalTopics & Partial<TopicAdministration>;
  eventBuses?: LocalEventBuses;
  logGroups?: LocalLogGroups;
}): Promise<TopicsServer> => {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const target = request.headers['x-amz-target'];
    if (eventBuses && request.method === 'POST' && typeof target === 'string' && target.startsWith('AWSEvents.')) {
      void jsonProtocolFromSdk(request, response, eventBuses, target);
      return;
    }
    if (logGroups && request.method === 'POST' && typeof target === 'string' && target.startsWith('Logs_20140328.')) {
      void jsonProtocolFromSdk(request, response, logGroups, target);
      return;
    }
    if (topics && request.method === 'POST' && url.pathname === '/') {
      void publishFromSdk(request, response, topics);
      return;
    }
    if (eventBuses && request.method === 'GET' && url.pathname === '/events') {
      const bus = url.searchParams.get('bus');
      const orderId = url.searchParams.get('orderId');
      const events = eventBuses.events.filter(
        (event) =>
          (!bus || event.eventBusName === bus) &&
          (!orderId || (event.detail as { orderId?: unknown } | null)?.orderId === orderId),
      );
      json(response, 200, { events });
      return;
    }
    if (request.method !== 'GET' || url.pathname !== '/messages') {
      json(response, 404, { message: 'The SNS stand-in serves GET /messages (and GET /events)' });
      return;
    }
    const topicArn = url.searchParams.get('topicArn');
    json(response, 200, { messages: published.filter((message) => !topicArn || message.topicArn === topicArn) });
  });
  return listenOnLoopback(server, port, 'none');
};
