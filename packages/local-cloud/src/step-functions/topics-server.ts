import { createServer } from 'node:http';
import type { PublishedMessage } from './local-task-handlers';
import { listenOnLoopback } from './loopback-server';

export interface TopicsServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Shows what the SNS stand-in recorded: `GET /messages` answers `{ messages }`, oldest first,
 * each with its topic ARN, subject, message and time (`?topicArn=` keeps one topic's). It is
 * how `npm run alerts` and the tests read the alerts the workflow published.
 */
export const startTopicsServer = async ({
  port = 0,
  published,
}: {
  port?: number;
  published: readonly PublishedMessage[];
}): Promise<TopicsServer> => {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
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
