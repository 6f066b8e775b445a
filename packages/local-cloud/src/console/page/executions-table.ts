import type { ExecutionSummary } from '@order-platform/ops/report';
import { html } from './dom';
import { formatDateTime, formatDuration } from './format';

/** One row per execution, newest first; clicking a row opens its detail (`#/executions/<id>`). */
export const renderExecutions = (
  body: HTMLTableSectionElement,
  executions: readonly ExecutionSummary[],
  selectedOrderId: string | undefined,
) => {
  if (executions.length === 0) {
    body.replaceChildren(
      html('tr', {}, html('td', { colspan: 4, class: 'empty' }, 'No executions yet: place an order (see npm start).')),
    );
    return;
  }
  body.replaceChildren(
    ...executions.map((execution) => {
      const link = html('a', { href: `#/executions/${encodeURIComponent(execution.orderId)}` }, execution.orderId);
      return html(
        'tr',
        {
          class: execution.orderId === selectedOrderId ? 'execution-row selected' : 'execution-row',
          'data-order-id': execution.orderId,
          'data-status': execution.status,
        },
        html('td', { class: 'order-id' }, link),
        html('td', { 'data-cell': 'status' }, html('span', { class: `status ${execution.status}` }, execution.status)),
        html('td', {}, formatDateTime(execution.startedAt)),
        html('td', { class: 'number' }, formatDuration(execution.durationMs)),
      );
    }),
  );
};
