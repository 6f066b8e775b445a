import type { ConsoleOrderEvent } from '../console-api';
import { html } from './dom';
import { formatTime } from './format';

/** The order's events as they were put on the stage's bus, oldest first, beside its execution. */
export const renderOrderEvents = (body: HTMLTableSectionElement, events: readonly ConsoleOrderEvent[]) => {
  if (events.length === 0) {
    body.replaceChildren(
      html('tr', { class: 'empty' }, html('td', { colspan: '5' }, 'No event put for this order yet.')),
    );
    return;
  }
  body.replaceChildren(
    ...events.map((event) =>
      html(
        'tr',
        { class: 'order-event', 'data-type': event.type },
        html('td', {}, formatTime(event.time)),
        html('td', { class: 'event-type' }, event.type),
        html('td', {}, event.status ?? ''),
        html('td', {}, event.paymentStatus ?? ''),
        html('td', { class: 'event-id' }, event.eventId ?? event.id),
      ),
    ),
  );
};
