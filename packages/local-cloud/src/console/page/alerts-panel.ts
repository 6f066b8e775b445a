import type { ConsoleAlert } from '../console-api';
import { html } from './dom';
import { formatDateTime } from './format';

const field = (label: string, value: Node | string | undefined, name: string) =>
  value === undefined
    ? []
    : [
        html(
          'div',
          { class: 'alert-field', 'data-field': name },
          html('span', { class: 'label' }, label),
          html('span', { class: 'value' }, value),
        ),
      ];

/** The alerts the workflow published, newest first. */
export const renderAlerts = (list: HTMLElement, alerts: readonly ConsoleAlert[]) => {
  if (alerts.length === 0) {
    list.replaceChildren(html('li', { class: 'empty' }, 'No alerts: no order has needed ops.'));
    return;
  }
  list.replaceChildren(
    ...alerts.map((alert) =>
      html(
        'li',
        { class: 'alert', 'data-order-id': alert.orderId },
        html('div', { class: 'alert-subject' }, alert.subject ?? '(no subject)'),
        html('div', { class: 'alert-meta' }, `${formatDateTime(alert.publishedAt)} · ${alert.topic}`),
        ...field(
          'Order',
          alert.orderId && html('a', { href: `#/executions/${encodeURIComponent(alert.orderId)}` }, alert.orderId),
          'order',
        ),
        ...field('Step', alert.step, 'step'),
        ...field('Error', alert.error, 'error'),
        ...field('Cause', alert.cause, 'cause'),
        ...field('Message', alert.text, 'text'),
      ),
    ),
  );
};
