import type { ExecutionReport, ExecutionSummary } from '@order-platform/ops/report';
import type { GraphLayout } from './graph-layout';

// What the console's JSON endpoints answer: the contract between its server and its page.

/** GET /api/executions[?status=]: the newest executions first. */
export interface ExecutionsResponse {
  readonly executions: readonly ExecutionSummary[];
  /** More executions exist than the console lists. */
  readonly truncated: boolean;
}

/** GET /api/executions/{orderId}: the execution as the ops CLI reports it. */
export type ExecutionDetailResponse = ExecutionReport;

/** GET /api/graph: the workflow drawn once, for every execution. */
export type GraphResponse = GraphLayout;

/** One message the workflow published to its alert topic, with the fields ops read first. */
export interface ConsoleAlert {
  readonly messageId: string;
  readonly topic: string;
  readonly publishedAt: string;
  readonly subject?: string;
  readonly orderId?: string;
  readonly step?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The message as published, when it is not the workflow's JSON failure. */
  readonly text?: string;
}

/** GET /api/alerts: newest first. */
export interface AlertsResponse {
  readonly alerts: readonly ConsoleAlert[];
}

/** One order event put on the stage's bus (the local EventBridge), with what ops read first. */
export interface ConsoleOrderEvent {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly bus: string;
  /** From the event's detail, when it carries them (every order event does). */
  readonly eventId?: string;
  readonly status?: string;
  readonly paymentStatus?: string;
}

/** GET /api/executions/{orderId}/events: the order's events as they were put, oldest first. */
export interface OrderEventsResponse {
  readonly events: readonly ConsoleOrderEvent[];
}

/** Every error answer: 400, 404, 405, 502. */
export interface ErrorResponse {
  readonly message: string;
}
