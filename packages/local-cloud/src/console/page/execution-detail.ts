import type { ExecutionReport, Failure, StateRun } from '@order-platform/ops/report';
import { html } from './dom';
import { formatDateTime, formatDuration, formatTime } from './format';

const failureText = (failure: Failure) => (failure.cause ? `${failure.error}: ${failure.cause}` : failure.error);

const fact = (label: string, value: Node | string, name: string) =>
  html('div', { class: 'fact', 'data-fact': name }, html('dt', {}, label), html('dd', {}, value));

/** The execution at a glance: status, timing, retries, where it failed and what was undone. */
export const renderExecutionSummary = (container: HTMLElement, report: ExecutionReport) => {
  container.replaceChildren(
    html('h2', {}, 'Order ', html('span', { class: 'order-id' }, report.orderId)),
    html(
      'dl',
      { class: 'facts' },
      fact('Status', html('span', { class: `status ${report.status}` }, report.status), 'status'),
      fact('Started', formatDateTime(report.startedAt), 'started'),
      fact('Duration', formatDuration(report.durationMs), 'duration'),
      fact('Retries', String(report.retries), 'retries'),
      ...(report.cancellation
        ? [
            fact(
              'Cancelled',
              `as asked, noticed by ${report.cancellation.noticedBy}${report.cancellation.completed ? ': the order is CANCELLED' : ''}`,
              'cancellation',
            ),
          ]
        : []),
      ...(report.failedState && !report.cancellation
        ? [fact('Failed state', `${report.failedState.name} (${failureText(report.failedState)})`, 'failed-state')]
        : []),
      ...(report.compensation.length > 0
        ? [fact('Compensation', report.compensation.join(' → '), 'compensation')]
        : []),
      ...(report.executionError
        ? [fact('Execution error', failureText(report.executionError), 'execution-error')]
        : []),
    ),
  );
};

const attemptsText = (run: StateRun) => {
  if (run.attempts === 0) return '—';
  const retries = run.attempts - 1;
  return retries === 0 ? '1' : `${run.attempts} (${retries} ${retries === 1 ? 'retry' : 'retries'})`;
};

const errorCell = (run: StateRun) => {
  // Attempts that failed and were retried, then the error the state ended in, if any.
  const retried = run.error ? run.failedAttempts.slice(0, -1) : run.failedAttempts;
  return html(
    'td',
    { class: 'error' },
    ...retried.map((failure) => html('div', { class: 'retried' }, `retried after ${failureText(failure)}`)),
    ...(run.error ? [html('div', { class: 'final' }, failureText(run.error))] : []),
  );
};

/** Every state the execution entered, in order, with its timing, attempts and errors. */
export const renderTimeline = (body: HTMLTableSectionElement, report: ExecutionReport) => {
  body.replaceChildren(
    ...report.states.map((run, index) =>
      html(
        'tr',
        {
          class: `timeline-row ${run.phase} ${run.outcome}`,
          'data-state': run.name,
          'data-phase': run.phase,
          'data-outcome': run.outcome,
        },
        html('td', { class: 'number' }, String(index + 1)),
        html(
          'td',
          { class: 'state-name' },
          run.name,
          ...(run.parallel ? [html('span', { class: 'branch-of' }, ` in ${run.parallel}`)] : []),
        ),
        html('td', {}, run.type),
        html('td', {}, html('span', { class: `phase ${run.phase}` }, run.phase)),
        html('td', {}, formatTime(run.enteredAt)),
        html('td', {}, formatTime(run.exitedAt)),
        html('td', { class: 'number' }, formatDuration(run.durationMs)),
        html('td', { class: 'number', 'data-cell': 'attempts' }, attemptsText(run)),
        html('td', {}, html('span', { class: `outcome ${run.outcome}` }, run.outcome)),
        errorCell(run),
      ),
    ),
  );
};
