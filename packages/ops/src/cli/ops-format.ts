import type { ExecutionReport, ExecutionSummary, StateRun } from '../index';

// How `npm run ops` prints what it reads: plain text tables meant for a terminal 100+ columns wide.

/** 1234 → "1.2 s", 950 → "950 ms", 125000 → "2 min 5 s". */
export const formatDuration = (ms: number | undefined): string => {
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
};

const pad = (value: string, width: number) => value.padEnd(width);
const truncate = (value: string, width: number) => (value.length > width ? `${value.slice(0, width - 1)}…` : value);
/** ISO instants shown to the millisecond, without the date when it is today's noise. */
const time = (iso: string | undefined) => (iso ? iso.replace('T', ' ').replace('Z', '') : '');

const EXECUTION_COLUMNS = [
  ['ORDER ID', 36],
  ['STATUS', 9],
  ['STARTED (UTC)', 23],
  ['DURATION', 10],
] as const;

export const executionsHeader = (): string =>
  EXECUTION_COLUMNS.map(([title, width]) => pad(title, width))
    .join('  ')
    .trimEnd();

export const executionRow = (execution: ExecutionSummary): string =>
  [
    pad(execution.orderId, EXECUTION_COLUMNS[0][1]),
    pad(execution.status, EXECUTION_COLUMNS[1][1]),
    pad(time(execution.startedAt), EXECUTION_COLUMNS[2][1]),
    execution.status === 'RUNNING' ? 'running' : formatDuration(execution.durationMs),
  ]
    .join('  ')
    .trimEnd();

/** "3 executions: 2 SUCCEEDED, 1 FAILED" */
export const executionsSummary = (executions: readonly ExecutionSummary[]): string => {
  const counts = new Map<string, number>();
  for (const { status } of executions) counts.set(status, (counts.get(status) ?? 0) + 1);
  const noun = executions.length === 1 ? 'execution' : 'executions';
  if (executions.length === 0) return 'No executions.';
  return `${executions.length} ${noun}: ${[...counts].map(([status, count]) => `${count} ${status}`).join(', ')}`;
};

const OUTCOME_MARK: Record<StateRun['outcome'], string> = {
  succeeded: 'ok',
  failed: 'FAILED',
  running: 'running',
  stopped: 'stopped',
};

const stateLines = (run: StateRun, index: number): string[] => {
  const name = run.parallel ? `  └ ${run.name}` : run.name;
  const retries = Math.max(0, run.attempts - 1);
  const line = [
    String(index + 1).padStart(3),
    pad(truncate(name, 26), 26),
    pad(run.type, 8),
    pad(time(run.enteredAt).slice(11), 12),
    pad(time(run.exitedAt).slice(11), 12),
    formatDuration(run.durationMs).padStart(9),
    pad(retries > 0 ? `${retries} ${retries === 1 ? 'retry' : 'retries'}` : '', 10),
    pad(OUTCOME_MARK[run.outcome], 7),
    run.phase === 'compensation' ? 'compensation' : '',
  ]
    .join('  ')
    .trimEnd();
  const details = run.failedAttempts.map((failure, attempt) => {
    const final = run.outcome === 'failed' && attempt === run.failedAttempts.length - 1;
    const label = final ? 'failed' : `attempt ${attempt + 1} failed, retried`;
    return `       ${label}: ${failure.error}${failure.cause ? ` — ${failure.cause}` : ''}`;
  });
  if (run.outcome === 'failed' && run.failedAttempts.length === 0 && run.error) {
    details.push(`       failed: ${run.error.error}${run.error.cause ? ` — ${run.error.cause}` : ''}`);
  }
  // What a step returned is the why of a Choice (a declined payment, a carrier's booking).
  if (run.result !== undefined && run.result !== '{}') details.push(`       returned: ${truncate(run.result, 100)}`);
  return [line, ...details];
};

/** The whole history of one order's execution, as `npm run ops -- history <orderId>` prints it. */
export const formatHistory = (report: ExecutionReport): string => {
  const lines = [
    `Order ${report.orderId}: ${report.status}${report.durationMs === undefined ? '' : ` in ${formatDuration(report.durationMs)}`}`,
    `Execution ${report.executionArn}`,
    `Started ${time(report.startedAt)} UTC${report.stoppedAt ? `, stopped ${time(report.stoppedAt)} UTC` : ''}`,
    '',
    [
      '  #',
      pad('STATE', 26),
      pad('TYPE', 8),
      pad('ENTERED', 12),
      pad('EXITED', 12),
      'DURATION'.padStart(9),
      pad('RETRIES', 10),
      pad('OUTCOME', 7),
      'PHASE',
    ].join('  '),
    ...report.states.flatMap(stateLines),
    '',
  ];
  if (report.cancellation) {
    const { noticedBy, completed } = report.cancellation;
    lines.push(`Cancelled as asked, noticed by ${noticedBy}${completed ? '; the order is CANCELLED' : ''}`);
  } else if (report.failedState) {
    const { name, error, cause } = report.failedState;
    lines.push(`Failed at ${name}: ${error}${cause ? ` — ${cause}` : ''}`);
  }
  if (report.compensation.length > 0) lines.push(`Compensation: ${report.compensation.join(' → ')}`);
  if (report.executionError && report.status !== 'FAILED') {
    lines.push(
      `Ended ${report.status}: ${report.executionError.error}${report.executionError.cause ? ` — ${report.executionError.cause}` : ''}`,
    );
  }
  if (report.retries > 0) lines.push(`Retries: ${report.retries}`);
  if (!report.failedState && report.compensation.length === 0 && report.status === 'SUCCEEDED') {
    lines.push(
      `Path: ${report.states
        .filter((run) => !run.parallel)
        .map((run) => run.name)
        .join(' → ')}`,
    );
  }
  return lines.join('\n');
};

export interface AlertMessage {
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly publishedAt: string;
}

/** Each alert with its JSON body indented, then a count. */
export const formatAlerts = (messages: readonly AlertMessage[]): string => {
  if (messages.length === 0) return 'No alerts published.';
  const blocks = messages.map((message) => {
    let body = message.message;
    try {
      body = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // Not JSON: printed as it is.
    }
    return `${message.publishedAt}  ${message.topicArn}\n${message.subject ?? '(no subject)'}\n${body}\n`;
  });
  return `${blocks.join('\n')}\n${messages.length} alert${messages.length === 1 ? '' : 's'}.`;
};
