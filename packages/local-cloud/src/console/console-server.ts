import { ExecutionNotFoundError } from '@order-platform/domain';
import { EXECUTION_STATUSES, type ExecutionReader, type ExecutionStatus } from '@order-platform/ops';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { PutEvent } from '../events/local-event-buses';
import type { PublishedMessage } from '../step-functions/local-task-handlers';
import { listenOnLoopback } from '@order-platform/loopback-guard';
import { consoleAlertOf } from './console-alerts';
import type {
  AlertsResponse,
  ConsoleOrderEvent,
  ErrorResponse,
  ExecutionsResponse,
  OrderEventsResponse,
} from './console-api';
import { layoutWorkflowGraph } from './graph-layout';
import { buildConsolePage } from './console-page-bundle';
import { buildWorkflowGraph } from './workflow-graph';

export interface ConsoleServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface ConsoleServerOptions {
  /** 0: a free port. */
  readonly port?: number;
  /** Where executions are read: the same reader the ops CLI uses on AWS. */
  readonly reader: ExecutionReader;
  /** The state machine definition the executions run, intrinsics resolved. */
  readonly definition: unknown;
  /** The alert topic's messages, oldest first, as the SNS stand-in records them. */
  readonly alerts: readonly PublishedMessage[];
  /** What was put on the local EventBridge, oldest first (the order events). */
  readonly events?: readonly PutEvent[];
}

/** The console lists the newest executions: enough to watch a laptop's orders. */
export const LISTED_EXECUTIONS = 100;

// The page is served from this origin only: no inline script, no third-party code.
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'self'; img-src 'self' data:",
};

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const sendJson = (response: ServerResponse, statusCode: number, body: unknown) => {
  response.writeHead(statusCode, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

const statusFilterOf = (url: URL): ExecutionStatus | undefined => {
  const status = url.searchParams.get('status');
  if (status === null || status === '') return undefined;
  if (!(EXECUTION_STATUSES as readonly string[]).includes(status)) {
    throw new HttpError(400, `status must be one of ${EXECUTION_STATUSES.join(', ')}`);
  }
  return status as ExecutionStatus;
};

const orderIdOf = (encoded: string) => {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError(404, `No workflow execution for order ${encoded}.`);
  }
};

/** How the console answers what went wrong: its own refusal, an unknown order, or Step Functions failing. */
const statusAndMessageOf = (error: Error): [number, string] => {
  if (error instanceof HttpError) return [error.statusCode, error.message];
  if (error instanceof ExecutionNotFoundError) return [404, error.message];
  // The reader failed: Step Functions (the local endpoint) answered with an error.
  return [502, `Step Functions: ${error.name}: ${error.message}`];
};

const detailText = (detail: unknown, field: string) => {
  const value = typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? { [field]: value } : {};
};

/** The events put for one order (its detail's orderId), as the console lists them. */
export const orderEventsOf = (events: readonly PutEvent[], orderId: string): ConsoleOrderEvent[] =>
  events
    .filter((event) => detailText(event.detail, 'orderId').orderId === orderId)
    .map((event) => ({
      id: event.id,
      type: event['detail-type'],
      time: event.time,
      bus: event.eventBusName,
      ...detailText(event.detail, 'eventId'),
      ...detailText(event.detail, 'status'),
      ...detailText(event.detail, 'paymentStatus'),
    }));

/**
 * The local ops console: a page that lists the workflow's executions as they run, draws one
 * execution on the workflow graph with its timeline and its order's events, and lists the alerts. It reads executions
 * through the Step Functions API (the reader), as ops tools do on AWS; the graph is laid out and
 * the page bundled once, here, before it listens.
 */
export const startConsoleServer = async ({
  port = 0,
  reader,
  definition,
  alerts,
  events = [],
}: ConsoleServerOptions): Promise<ConsoleServer> => {
  const [graph, page] = await Promise.all([layoutWorkflowGraph(buildWorkflowGraph(definition)), buildConsolePage()]);

  const assets: Record<string, { contentType: string; body: string }> = {
    '/': { contentType: 'text/html; charset=utf-8', body: page.html },
    '/console.js': { contentType: 'text/javascript; charset=utf-8', body: page.script },
    '/console.css': { contentType: 'text/css; charset=utf-8', body: page.stylesheet },
  };

  const answer = async (url: URL, response: ServerResponse) => {
    const asset = assets[url.pathname];
    if (asset) {
      response.writeHead(200, { 'content-type': asset.contentType, ...PAGE_HEADERS });
      response.end(asset.body);
      return;
    }
    if (url.pathname === '/api/graph') return sendJson(response, 200, graph);
    if (url.pathname === '/api/alerts') {
      const body: AlertsResponse = { alerts: alerts.map(consoleAlertOf).reverse() };
      return sendJson(response, 200, body);
    }
    if (url.pathname === '/api/executions') {
      const status = statusFilterOf(url);
      const listed = await reader.listPage({ ...(status ? { status } : {}), pageSize: LISTED_EXECUTIONS });
      const body: ExecutionsResponse = { executions: listed.executions, truncated: listed.nextToken !== undefined };
      return sendJson(response, 200, body);
    }
    const ofOrder = /^\/api\/executions\/([^/]+)\/events$/.exec(url.pathname);
    if (ofOrder?.[1]) {
      const body: OrderEventsResponse = { events: orderEventsOf(events, orderIdOf(ofOrder[1])) };
      return sendJson(response, 200, body);
    }
    const execution = /^\/api\/executions\/([^/]+)$/.exec(url.pathname);
    if (execution?.[1]) return sendJson(response, 200, await reader.report(orderIdOf(execution[1])));
    throw new HttpError(
      404,
      `Nothing at ${url.pathname}: the console serves /, /api/executions (and each one's /events), /api/graph and /api/alerts.`,
    );
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const answered =
      request.method === 'GET'
        ? answer(url, response)
        : Promise.reject(new HttpError(405, 'The console only reads: use GET.'));
    answered.catch((error: Error) => {
      const [statusCode, message] = statusAndMessageOf(error);
      const body: ErrorResponse = { message };
      sendJson(response, statusCode, body);
    });
  };

  return listenOnLoopback(createServer(handle), port, 'own-origin');
};
