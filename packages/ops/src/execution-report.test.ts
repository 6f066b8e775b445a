import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { buildExecutionReport, readableCause, type ExecutionDescription } from './execution-report';
import { historyFixture, type HistoryFixtureName } from './fixtures/history-fixture';

const reportOf = (name: HistoryFixtureName) => {
  const { execution, events } = historyFixture(name);
  return buildExecutionReport(execution, events);
};
const path = (report: ReturnType<typeof reportOf>) => report.states.map((state) => state.name);

describe('the report of a dispatched order', () => {
  const report = reportOf('approved');

  it('lists every state in the order it ran, branches tagged with their Parallel', () => {
    expect(path(report)).toEqual([
      'ConfirmPayment',
      'IsPaymentApproved',
      'RecordPaymentConfirmed',
      'ProcureOrder',
      'ReserveStock',
      'PrepareInvoice',
      'RecordProcured',
      'ChooseShippingService',
      'BookStandardShipment',
      'RecordDispatched',
    ]);
    expect(report.states.filter((state) => state.parallel === 'ProcureOrder').map((state) => state.name)).toEqual([
      'ReserveStock',
      'PrepareInvoice',
    ]);
  });

  it('gives each state its times, one attempt per task and what the task returned', () => {
    const confirm = report.states[0];
    expect(confirm).toMatchObject({ type: 'Task', outcome: 'succeeded', attempts: 1, phase: 'forward' });
    expect(Date.parse(confirm?.exitedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(confirm?.enteredAt ?? ''));
    expect(confirm?.durationMs).toBe(Date.parse(confirm?.exitedAt ?? '') - Date.parse(confirm?.enteredAt ?? ''));
    expect(JSON.parse(confirm?.result ?? '{}')).toMatchObject({ outcome: 'APPROVED' });
    expect(report.states.find((state) => state.name === 'IsPaymentApproved')).toMatchObject({ attempts: 0 });
  });

  it('has no failure, no compensation and no retry', () => {
    expect(report).toMatchObject({ status: 'SUCCEEDED', compensation: [], retries: 0 });
    expect(report.failedState).toBeUndefined();
    expect(report.executionError).toBeUndefined();
    expect(report.states.every((state) => state.outcome === 'succeeded')).toBe(true);
    expect(report.durationMs).toBe(Date.parse(report.stoppedAt ?? '') - Date.parse(report.startedAt));
  });
});

describe('the report of a declined order', () => {
  const report = reportOf('declined');

  it('shows the decline path, ending in the Succeed state, as no failure', () => {
    expect(path(report)).toEqual(['ConfirmPayment', 'IsPaymentApproved', 'RecordPaymentDeclined', 'OrderDeclined']);
    expect(JSON.parse(report.states[0]?.result ?? '{}')).toMatchObject({ outcome: 'DECLINED' });
    expect(report.failedState).toBeUndefined();
    expect(report.compensation).toEqual([]);
  });
});

describe('the report of an order whose payment provider failed twice', () => {
  const report = reportOf('flaky');

  it('counts the retries and keeps each failed attempt’s error', () => {
    const confirm = report.states[0];
    expect(confirm).toMatchObject({ name: 'ConfirmPayment', attempts: 3, outcome: 'succeeded' });
    expect(confirm?.failedAttempts.map((failure) => failure.error)).toEqual([
      'PaymentProviderUnavailable',
      'PaymentProviderUnavailable',
    ]);
    expect(confirm?.failedAttempts[0]?.cause).toMatch(/^Sandbox provider unavailable/);
    expect(report.retries).toBe(2);
    expect(report.failedState).toBeUndefined();
  });
});

describe('the report of an order that ran out of stock', () => {
  const report = reportOf('outofstock');

  it('names the state that failed, its error and the readable cause', () => {
    expect(report.status).toBe('FAILED');
    expect(report.failedState).toEqual({
      name: 'ReserveStock',
      error: 'OutOfStock',
      cause: 'Not enough stock: LT-006 (requested 50, available 3)',
    });
    expect(report.executionError).toEqual({ error: 'OutOfStock', cause: report.failedState?.cause });
  });

  it('fails the Parallel with its branch’s error while the other branch succeeded', () => {
    const states = Object.fromEntries(report.states.map((state) => [state.name, state]));
    expect(states.ProcureOrder).toMatchObject({ outcome: 'failed', error: { error: 'OutOfStock' } });
    expect(states.ReserveStock).toMatchObject({ outcome: 'failed', parallel: 'ProcureOrder' });
    // A failed branch never exits its state: the failure's time ends it.
    expect(states.ReserveStock?.exitedAt).toBeDefined();
    expect(states.PrepareInvoice).toMatchObject({ outcome: 'succeeded', phase: 'forward' });
  });

  it('lists the compensation that ran after the failure, in order', () => {
    expect(report.compensation).toEqual([
      'StockNotReserved',
      'ReleaseStock',
      'VoidInvoice',
      'RefundPayment',
      'MarkOrderFailed',
      'PublishFailureAlert',
      'OrderFailed',
    ]);
    expect(report.states.find((state) => state.name === 'RefundPayment')?.result).toBe('"REFUNDED"');
    expect(report.states.at(-1)).toMatchObject({ type: 'Fail', outcome: 'failed', error: { error: 'OutOfStock' } });
  });
});

// Small histories in AWS's shape, for what a finished order's history cannot show.
const at = (second: number) => new Date(Date.UTC(2026, 10, 21, 12, 0, second));
const event = (id: number, previousEventId: number, type: string, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({
  id,
  previousEventId,
  type: type as HistoryEvent['type'],
  timestamp: at(id),
  ...extra,
});
const entered = (id: number, previous: number, type: string, name: string) =>
  event(id, previous, `${type}StateEntered`, { stateEnteredEventDetails: { name } });
const exited = (id: number, previous: number, type: string, name: string) =>
  event(id, previous, `${type}StateExited`, { stateExitedEventDetails: { name } });
const execution = (status: ExecutionDescription['status'], extra: Partial<ExecutionDescription> = {}) => ({
  executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:wf:order-1',
  name: 'order-1',
  status,
  startDate: at(1),
  ...extra,
});

describe('a running execution', () => {
  const waitingOutBackoff = [
    event(1, 0, 'ExecutionStarted'),
    entered(2, 1, 'Task', 'ConfirmPayment'),
    event(3, 2, 'LambdaFunctionScheduled'),
    event(4, 3, 'LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error: 'Flaky', cause: 'try again' } }),
  ];

  it('keeps a state waiting out its retry backoff running, not failed', () => {
    const report = buildExecutionReport(execution('RUNNING'), waitingOutBackoff);
    expect(report.states[0]).toMatchObject({ outcome: 'running', attempts: 1, failedAttempts: [{ error: 'Flaky' }] });
    expect(report.states[0]?.exitedAt).toBeUndefined();
    expect(report.failedState).toBeUndefined();
    expect(report.stoppedAt).toBeUndefined();
    expect(report.durationMs).toBeUndefined();
  });

  it('marks a state the execution was stopped in as stopped, with the abort as the execution error', () => {
    const report = buildExecutionReport(execution('ABORTED', { stopDate: at(9) }), [
      event(1, 0, 'ExecutionStarted'),
      entered(2, 1, 'Task', 'ConfirmPayment'),
      event(3, 2, 'LambdaFunctionScheduled'),
      event(4, 3, 'ExecutionAborted', { executionAbortedEventDetails: { error: 'Operator', cause: 'Stuck order' } }),
    ]);
    expect(report.states[0]?.outcome).toBe('stopped');
    expect(report.executionError).toEqual({ error: 'Operator', cause: 'Stuck order' });
  });
});

describe('failures seen as AWS records them', () => {
  it('takes a caught task whose next state chains from the failure (no Exited event) as failed', () => {
    const report = buildExecutionReport(execution('RUNNING'), [
      event(1, 0, 'ExecutionStarted'),
      entered(2, 1, 'Task', 'ShipIt'),
      event(3, 2, 'TaskScheduled'),
      event(4, 3, 'TaskFailed', {
        taskFailedEventDetails: {
          resourceType: 'lambda',
          resource: 'invoke',
          error: 'Carrier.Down',
          cause: 'plain text',
        },
      }),
      entered(5, 4, 'Pass', 'ShipFailed'),
    ]);
    expect(report.failedState).toEqual({ name: 'ShipIt', error: 'Carrier.Down', cause: 'plain text' });
    expect(report.states[1]).toMatchObject({ name: 'ShipFailed', phase: 'compensation' });
    expect(report.states[1]?.parallel).toBeUndefined();
  });

  it('reports a Fail state reached without a failed task as the failed state, with the execution’s error', () => {
    const report = buildExecutionReport(execution('FAILED', { stopDate: at(4), error: 'Rejected', cause: 'no' }), [
      event(1, 0, 'ExecutionStarted'),
      entered(2, 1, 'Fail', 'Reject'),
      event(3, 2, 'ExecutionFailed', { executionFailedEventDetails: { error: 'Rejected', cause: 'no' } }),
    ]);
    expect(report.failedState).toEqual({ name: 'Reject', error: 'Rejected', cause: 'no' });
    expect(report.compensation).toEqual([]);
  });

  it('counts a Lambda that could not be started as a failed attempt', () => {
    const report = buildExecutionReport(execution('FAILED', { stopDate: at(5), error: 'Lambda.Unknown' }), [
      event(1, 0, 'ExecutionStarted'),
      entered(2, 1, 'Task', 'ConfirmPayment'),
      event(3, 2, 'LambdaFunctionStartFailed', { lambdaFunctionStartFailedEventDetails: { error: 'Lambda.Unknown' } }),
      event(4, 3, 'ExecutionFailed', { executionFailedEventDetails: { error: 'Lambda.Unknown' } }),
    ]);
    expect(report.states[0]).toMatchObject({ attempts: 1, outcome: 'failed', error: { error: 'Lambda.Unknown' } });
    expect(report.executionError).toEqual({ error: 'Lambda.Unknown' });
  });

  it('falls back to DescribeExecution’s error when the history has no final event yet', () => {
    const report = buildExecutionReport(execution('TIMED_OUT', { stopDate: at(3), error: 'States.Timeout' }), [
      event(1, 0, 'ExecutionStarted'),
    ]);
    expect(report.executionError).toEqual({ error: 'States.Timeout' });
  });

  it('keeps interleaved branch events with their own branch', () => {
    const report = buildExecutionReport(execution('SUCCEEDED', { stopDate: at(20) }), [
      event(1, 0, 'ExecutionStarted'),
      entered(2, 1, 'Parallel', 'Both'),
      event(3, 2, 'ParallelStateStarted'),
      entered(4, 3, 'Task', 'Left'),
      entered(5, 3, 'Task', 'Right'),
      event(6, 5, 'LambdaFunctionScheduled'),
      event(7, 4, 'LambdaFunctionScheduled'),
      event(8, 7, 'LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error: 'Retryable' } }),
      event(9, 8, 'LambdaFunctionScheduled'),
      event(10, 6, 'LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: '"right"' } }),
      exited(11, 10, 'Task', 'Right'),
      event(12, 9, 'LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: '"left"' } }),
      exited(13, 12, 'Task', 'Left'),
      event(14, 13, 'ParallelStateSucceeded'),
      exited(15, 14, 'Parallel', 'Both'),
      entered(16, 15, 'Succeed', 'Done'),
      event(17, 16, 'ExecutionSucceeded'),
    ]);
    const byName = Object.fromEntries(report.states.map((state) => [state.name, state]));
    expect(byName.Left).toMatchObject({ parallel: 'Both', attempts: 2, result: '"left"', outcome: 'succeeded' });
    expect(byName.Right).toMatchObject({ parallel: 'Both', attempts: 1, result: '"right"' });
    expect(byName.Done?.parallel).toBeUndefined();
    expect(report.retries).toBe(1);
    expect(report.failedState).toBeUndefined();
  });
});

describe('readableCause', () => {
  it('reads the message out of a Lambda error and leaves any other cause as it is', () => {
    expect(readableCause('{"errorType":"X","errorMessage":"It broke","trace":[]}')).toBe('It broke');
    expect(readableCause('{"errorMessage":42}')).toBe('{"errorMessage":42}');
    expect(readableCause('{"other":"json"}')).toBe('{"other":"json"}');
    expect(readableCause('not json')).toBe('not json');
    expect(readableCause('')).toBeUndefined();
    expect(readableCause(undefined)).toBeUndefined();
  });
});

describe('histories with gaps', () => {
  it('still builds a report from events that lack ids, times, names or failure details', () => {
    const report = buildExecutionReport(execution('FAILED', { stopDate: at(9) }), [
      { type: 'ExecutionStarted' } as HistoryEvent,
      { id: 2, previousEventId: 1, type: 'TaskStateEntered' } as HistoryEvent,
      { id: 3, previousEventId: 2, type: 'TaskTimedOut', timestamp: at(3) },
      { id: 4, previousEventId: 3, type: 'ExecutionFailed', timestamp: at(4) },
    ]);
    expect(report.states[0]).toMatchObject({ name: '?', enteredAt: at(1).toISOString(), outcome: 'failed' });
    expect(report.failedState).toEqual({ name: '?', error: 'Unknown' });
  });
});

describe('a cancelled order’s execution', () => {
  const cancelledAt = (markedCancelled: boolean) => [
    event(1, 0, 'ExecutionStarted'),
    entered(2, 1, 'Task', 'ConfirmPayment'),
    event(3, 2, 'LambdaFunctionScheduled'),
    event(4, 3, 'LambdaFunctionFailed', {
      lambdaFunctionFailedEventDetails: { error: 'OrderCancellationRequested', cause: 'asked' },
    }),
    exited(5, 4, 'Task', 'ConfirmPayment'),
    entered(6, 5, 'Pass', 'CancellationRequested'),
    exited(7, 6, 'Pass', 'CancellationRequested'),
    entered(8, 7, 'Task', 'MarkOrderCancelled'),
    event(9, 8, 'LambdaFunctionScheduled'),
    ...(markedCancelled
      ? [
          event(10, 9, 'LambdaFunctionSucceeded'),
          exited(11, 10, 'Task', 'MarkOrderCancelled'),
          entered(12, 11, 'Succeed', 'OrderCancelled'),
          event(13, 12, 'ExecutionSucceeded'),
        ]
      : [event(10, 9, 'LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error: 'Boom' } })]),
  ];

  it('reads as a cancellation noticed by its step, not as a failure, with the undoing as compensation', () => {
    const report = buildExecutionReport(execution('SUCCEEDED', { stopDate: at(13) }), cancelledAt(true));

    expect(report.cancellation).toEqual({ noticedBy: 'ConfirmPayment', completed: true });
    expect(report.compensation).toEqual(['CancellationRequested', 'MarkOrderCancelled', 'OrderCancelled']);
  });

  it('says so when the order could not be marked CANCELLED', () => {
    const report = buildExecutionReport(execution('RUNNING'), cancelledAt(false));

    expect(report.cancellation).toEqual({ noticedBy: 'ConfirmPayment', completed: false });
  });

  it('is no cancellation when the first failure was anything else', () => {
    expect(reportOf('outofstock').cancellation).toBeUndefined();
  });
});
