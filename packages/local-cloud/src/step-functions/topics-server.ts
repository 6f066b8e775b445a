import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LocalTopics, PublishedMessage } from './local-task-handlers';
import { listenOnLoopback } from '@order-platform/loopback-guard';
import { answerSnsQuery } from './sns-query-api';

export interface TopicsServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** SNS's Publish, as the AWS SDK sends it (`AWS_ENDPOINT_URL_SNS`): a form-encoded POST to `/`. */
const publishFromSdk = (request: IncomingMessage, response: ServerResponse, topics: LocalTopics) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void answerSnsQuery(Buffer.concat(chunks).toString('utf8'), topics).then(({ status, body }) => {
      response.writeHead(status, { 'content-type': 'text/xml' });
      response.end(body);
    });
  });
};

/**
 * Shows what the SNS stand-in recorded: `GET /messages` answers `{ messages }`, oldest first,
 * each with its topic ARN, subject, message and time (`?topicArn=` keeps one topic's). It is
 * how `npm run alerts` and the tests read the alerts the workflow published. With `topics`, it
 * also takes SNS Publish calls from the AWS SDK (the reconciler's alerts), recorded the same way.
 */
export const startTopicsServer = async ({
  port = 0,
  published,
  topics,
}: {
  port?: number;
  published: readonly PublishedMessage[];
  topics?: LocalTopics;
}): Promise<TopicsServer> => {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (topics && request.method === 'POST' && url.pathname === '/') {
      publishFromSdk(request, response, topics);
      return;
    }
    if (request.method !== 'GET' || url.pathname !== '/messages') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'The SNS stand-in serves GET /messages' }));
      return;
    }
    const topicArn = url.searchParams.get('topicArn');
    const messages = published.filter((message) => !topicArn || message.topicArn === topicArn);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ messages }));
  });
  return listenOnLoopback(server, port, 'none');
};
