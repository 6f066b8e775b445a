import { buildExecutionReport } from '../execution-report';
import { historyFixture, type HistoryFixtureName } from '../fixtures/history-fixture';
import {
  executionRow,
  executionsHeader,
  executionsSummary,
  formatAlerts,
  formatDuration,
  formatHistory,
} from './ops-format';

const historyOf = (name: HistoryFixtureName) => {
  const { execution, events } = historyFixture(name);
  return formatHistory(buildExecutionReport(execution, events)).split('\n');
};

describe('ops output', () => {
  it.each([
    [undefined, ''],
    [950, '950 ms'],
    [1234, '1.2 s'],
    [125_000, '2 min 5 s'],
  ])('shows %p ms as %p', (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });

  it('counts executions by status', () => {
    const row = (status: 'FAILED' | 'SUCCEEDED') => ({ orderId: 'o', executionArn: 'a', status, startedAt: '' });
    expect(executionsSummary([row('FAILED'), row('SUCCEEDED'), row('SUCCEEDED')])).toBe(
      '3 executions: 1 FAILED, 2 SUCCEEDED',
    );
    expect(executionsSummary([row('FAILED')])).toBe('1 execution: 1 FAILED');
    expect(executionsSummary([])).toBe('No executions.');
  });

  it('prints alerts with JSON bodies indented and other bodies as they are', () => {
    const printed = formatAlerts([
      { topicArn: 'arn:t', subject: 'Order failed', message: '{"orderId":"o-1"}', publishedAt: '2026-11-21T12:00:00Z' },
      { topicArn: 'arn:t', message: 'plain', publishedAt: '2026-11-21T12:00:01Z' },
    ]);
    expect(printed).toContain('Order failed\n{\n  "orderId": "o-1"\n}');
    expect(printed).toContain('(no subject)\nplain');
    expect(printed.endsWith('2 alerts.')).toBe(true);
    expect(formatAlerts([])).toBe('No alerts published.');
  });

  it('prints one execution a row under its header, a running one without a duration', () => {
    const started = { orderId: 'order-1', executionArn: 'arn:e', startedAt: '2026-11-21T12:00:00.000Z' };
    expect(executionsHeader()).toMatch(/^ORDER ID +STATUS +STARTED \(UTC\) +DURATION$/);
    expect(executionRow({ ...started, status: 'SUCCEEDED', durationMs: 1234 })).toMatch(
      /^order-1 +SUCCEEDED +2026-11-21 12:00:00.000 +1.2 s$/,
    );
    expect(executionRow({ ...started, status: 'RUNNING' })).toMatch(/RUNNING +2026-11-21 12:00:00.000 +running$/);
  });
});

describe('an order’s history as ops read it', () => {
  it('shows a dispatched order’s states in order, branches under their Parallel, and its path', () => {
    const lines = historyOf('approved');
    expect(lines[0]).toBe('Order cfa7e9a6-f6a5-483b-aa38-e7b854a5a8ee: SUCCEEDED in 928 ms');
    expect(lines[2]).toBe('Started 2026-11-21 07:30:05.071 UTC, stopped 2026-11-21 07:30:05.999 UTC');
    expect(lines).toContainEqual(expect.stringMatching(/^ +5 +└ ReserveStock +Task .* ok$/));
    expect(lines).toContain('       returned: {"reservedItems":2}');
    expect(lines.at(-1)).toBe(
      'Path: ConfirmPayment → IsPaymentApproved → RecordPaymentConfirmed → ProcureOrder → RecordProcured → ChooseShippingService → BookStandardShipment → RecordDispatched',
    );
  });

  it('shows each retried attempt with its error, and counts the retries', () => {
    const lines = historyOf('flaky');
    expect(lines).toContainEqual(expect.stringMatching(/^ +1 +ConfirmPayment +Task .* 2 retries +ok$/));
    expect(lines).toContain(
      '       attempt 1 failed, retried: PaymentProviderUnavailable — Sandbox provider unavailable (attempt 1)',
    );
    expect(lines).toContain('Retries: 2');
  });

  it('shows where a failed order failed, why, and the compensation that ran', () => {
    const lines = historyOf('outofstock');
    expect(lines[0]).toBe('Order 7db74521-2272-4962-b30e-7ce8535f78e2: FAILED in 120 ms');
    expect(lines).toContainEqual(expect.stringMatching(/^ +8 +ReleaseStock +Task .* ok +compensation$/));
    expect(lines).toContain(
      'Failed at ReserveStock: OutOfStock — Not enough stock: LT-006 (requested 50, available 3)',
    );
    expect(lines).toContain(
      'Compensation: StockNotReserved → ReleaseStock → VoidInvoice → RefundPayment → MarkOrderFailed → PublishFailureAlert → OrderFailed',
    );
    expect(lines.some((line) => line.startsWith('Path:'))).toBe(false);
  });

  it('says how an execution that did not fail ended, and a failed state with no retried attempt', () => {
    const { execution, events } = historyFixture('declined');
    const report = buildExecutionReport(execution, events);
    const lines = formatHistory({
      ...report,
      status: 'TIMED_OUT',
      executionError: { error: 'States.Timeout', cause: 'The execution ran out of time' },
      states: [{ ...report.states[0]!, outcome: 'failed', failedAttempts: [], error: { error: 'States.Timeout' } }],
    }).split('\n');
    expect(lines).toContain('       failed: States.Timeout');
    expect(lines).toContain('Ended TIMED_OUT: States.Timeout — The execution ran out of time');
  });

  it('shows a cancelled order’s execution as cancelled as asked, naming the step that noticed, not as a failure', () => {
    const { execution, events } = historyFixture('declined');
    const report = buildExecutionReport(execution, events);
    const shown = (completed: boolean) =>
      formatHistory({
        ...report,
        failedState: { name: 'ProcureOrder', error: 'OrderCancellationRequested' },
        cancellation: { noticedBy: 'ProcureOrder', completed },
      }).split('\n');

    expect(shown(true)).toContain('Cancelled as asked, noticed by ProcureOrder; the order is CANCELLED');
    expect(shown(false)).toContain('Cancelled as asked, noticed by ProcureOrder');
    expect(shown(true).some((line) => line.startsWith('Failed at'))).toBe(false);
  });
});
