import type { HistoryEvent } from '@aws-sdk/client-sfn';
import {
  buildExecutionReport,
  type ExecutionDescription,
  type ExecutionReport,
  type StateRun,
} from '@order-platform/ops';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateHighlights } from './state-highlights';

// On the histories the ops package keeps as fixtures: real orders the local stack ran (on an
// earlier definition, whose executions the console still draws).
interface Fixture {
  describe: Omit<ExecutionDescription, 'startDate' | 'stopDate'> & { startDate: string; stopDate?: string };
  events: (Omit<HistoryEvent, 'timestamp'> & { timestamp: string })[];
}
// Real histories the local stack served, kept by @order-platform/ops for its report's tests.
const FIXTURES = dirname(require.resolve('@order-platform/ops/fixtures/approved.history.json'));

const reportOf = (name: 'approved' | 'declined' | 'flaky' | 'outofstock'): ExecutionReport => {
  const { describe: execution, events } = JSON.parse(
    readFileSync(join(FIXTURES, `${name}.history.json`), 'utf8'),
  ) as Fixture;
  const { startDate, stopDate, ...rest } = execution;
  return buildExecutionReport(
    { ...rest, startDate: new Date(startDate), ...(stopDate ? { stopDate: new Date(stopDate) } : {}) },
    events.map((event) => ({ ...event, timestamp: new Date(event.timestamp) })),
  );
};

const statesMarked = (highlights: ReadonlyMap<string, string>, mark: string) =>
  [...highlights].filter(([, highlight]) => highlight === mark).map(([name]) => name);

describe('the highlights of an execution on the graph', () => {
  it('approved: every state it entered is visited', () => {
    const highlights = stateHighlights(reportOf('approved'));
    expect(new Set(highlights.values())).toEqual(new Set(['visited']));
    expect(highlights.get('RecordDispatched')).toBe('visited');
  });

  it('flaky: a state that failed and then succeeded on a retry is visited, not failed', () => {
    expect(stateHighlights(reportOf('flaky')).get('ConfirmPayment')).toBe('visited');
  });

  it('declined: the decline is visited, nothing failed or compensated', () => {
    const highlights = stateHighlights(reportOf('declined'));
    expect(statesMarked(highlights, 'visited')).toEqual([
      'ConfirmPayment',
      'IsPaymentApproved',
      'RecordPaymentDeclined',
      'OrderDeclined',
    ]);
  });

  it('out of stock: the failed step and its Parallel failed, the undo steps and the Fail state compensation', () => {
    const highlights = stateHighlights(reportOf('outofstock'));
    expect(statesMarked(highlights, 'failed').sort()).toEqual(['ProcureOrder', 'ReserveStock']);
    expect(statesMarked(highlights, 'compensation')).toEqual([
      'StockNotReserved',
      'ReleaseStock',
      'VoidInvoice',
      'RefundPayment',
      'MarkOrderFailed',
      'PublishFailureAlert',
      'OrderFailed',
    ]);
  });

  it('running: the state the execution is in now', () => {
    const report = reportOf('approved');
    const first = report.states[0] as StateRun;
    const running = { ...report, status: 'RUNNING' as const, states: [{ ...first, outcome: 'running' as const }] };
    expect(stateHighlights(running)).toEqual(new Map([['ConfirmPayment', 'running']]));
  });

  it('a state run twice takes the colour of its worst run', () => {
    const report = reportOf('outofstock');
    const failedRun = report.states.find((run) => run.name === 'ReserveStock') as StateRun;
    const loop = { ...report, states: [{ ...failedRun, outcome: 'succeeded' as const }, failedRun] };
    expect(stateHighlights(loop).get('ReserveStock')).toBe('failed');
  });
});
