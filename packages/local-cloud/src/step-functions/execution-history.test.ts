import { createExecutionHistory, withoutExecutionData } from './execution-history';
import type { LocalExecutionEvent } from './run-local-execution';

const LAMBDA = 'arn:aws:lambda:eu-west-1:000000000000:function:charge';
const definition = {
  StartAt: 'Charge',
  States: {
    Charge: { Type: 'Task', Resource: LAMBDA, Next: 'Both' },
    Both: {
      Type: 'Parallel',
      End: true,
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        {
          StartAt: 'Record',
          States: { Record: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:updateItem', End: true } },
        },
      ],
    },
  },
};

const newHistory = () =>
  createExecutionHistory({ definition, roleArn: 'arn:aws:iam::000000000000:role/r', region: 'eu-west-1' });

let clock = 1_000;
const at = () => (clock += 1);
const entered = (name: string, type: string, input: unknown = {}): LocalExecutionEvent => ({
  type: 'StateEntered',
  timestamp: at(),
  state: { name, type, input },
});
const exited = (name: string, type: string, output: unknown = {}): LocalExecutionEvent => ({
  type: 'StateExited',
  timestamp: at(),
  state: { name, type, output },
});

describe('execution history', () => {
  it('places a task’s events inside its state, even when the handler ran before the state’s event arrived', () => {
    const history = newHistory();
    history.addLibraryEvent({ type: 'ExecutionStarted', timestamp: at(), input: { a: 1 } } as LocalExecutionEvent);
    // The handler is called as the state is entered; the library's own event is delivered later.
    history.addTaskActivity('Charge', { kind: 'scheduled', input: { a: 1 }, timeoutInSeconds: 30 });
    history.addTaskActivity('Charge', { kind: 'started' });
    history.addTaskActivity('Charge', { kind: 'succeeded', output: { ok: true } });
    history.addLibraryEvent(entered('Charge', 'Task', { a: 1 }));
    history.addLibraryEvent(exited('Charge', 'Task', { ok: true }));

    expect(history.events.map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 1, 'TaskStateEntered'],
      [3, 2, 'LambdaFunctionScheduled'],
      [4, 3, 'LambdaFunctionStarted'],
      [5, 4, 'LambdaFunctionSucceeded'],
      [6, 5, 'TaskStateExited'],
    ]);
    expect(history.events[1]).toMatchObject({
      stateEnteredEventDetails: { name: 'Charge', input: '{"a":1}', inputDetails: { truncated: false } },
    });
    expect(history.events[2]).toMatchObject({
      lambdaFunctionScheduledEventDetails: { resource: LAMBDA, input: '{"a":1}', timeoutInSeconds: 30 },
    });
    expect(history.events[5]).toMatchObject({ stateExitedEventDetails: { name: 'Charge', output: '{"ok":true}' } });
  });

  it('shows a retry as a second scheduling of the same function within the state', () => {
    const history = newHistory();
    history.addLibraryEvent(entered('Charge', 'Task'));
    history.addTaskActivity('Charge', { kind: 'scheduled', input: {} });
    history.addTaskActivity('Charge', { kind: 'started' });
    history.addTaskActivity('Charge', { kind: 'failed', error: 'Busy', cause: 'try later' });
    // With no wait between attempts, the second attempt can run before the retry is logged.
    history.addTaskActivity('Charge', { kind: 'scheduled', input: {} });
    history.addLibraryEvent({ type: 'StateFailed', timestamp: at(), state: { name: 'Charge', type: 'Task' } });
    history.addLibraryEvent({ type: 'StateRetried', timestamp: at(), state: { name: 'Charge', type: 'Task' } });
    history.addTaskActivity('Charge', { kind: 'started' });
    history.addTaskActivity('Charge', { kind: 'succeeded', output: {} });
    history.addLibraryEvent(exited('Charge', 'Task'));

    expect(history.events.map((event) => event.type)).toEqual([
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
    ]);
    expect(history.events[3]).toMatchObject({
      lambdaFunctionFailedEventDetails: { error: 'Busy', cause: 'try later' },
    });
  });

  it('reports a task that outlived its timeout as timed out, and ignores what its handler did later', () => {
    const history = newHistory();
    history.addLibraryEvent(entered('Charge', 'Task'));
    history.addTaskActivity('Charge', { kind: 'scheduled', input: {} });
    history.addTaskActivity('Charge', { kind: 'started' });
    history.addLibraryEvent({
      type: 'StateFailed',
      timestamp: at(),
      state: { name: 'Charge', type: 'Task' },
      Error: 'States.Timeout',
      Cause: 'Task timed out after 30 seconds',
    });
    history.addTaskActivity('Charge', { kind: 'succeeded', output: {} });

    expect(history.events.map((event) => event.type)).toEqual([
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
    ]);
  });

  it('names service integrations, and chains each Parallel branch from the Parallel’s start', () => {
    const history = newHistory();
    history.addLibraryEvent(entered('Both', 'Parallel'));
    history.addLibraryEvent({ type: 'ParallelBranchStarted', timestamp: at(), parentState: { name: 'Both' } });
    history.addLibraryEvent({ type: 'ParallelBranchStarted', timestamp: at(), parentState: { name: 'Both' } });
    history.addLibraryEvent(entered('Left', 'Pass'));
    history.addLibraryEvent(entered('Record', 'Task'));
    history.addLibraryEvent(exited('Left', 'Pass'));
    history.addTaskActivity('Record', { kind: 'scheduled', input: { Key: 1 } });
    history.addTaskActivity('Record', { kind: 'started' });
    history.addTaskActivity('Record', { kind: 'succeeded', output: {} });
    history.addLibraryEvent(exited('Record', 'Task'));
    history.addLibraryEvent(exited('Both', 'Parallel', [{}, {}]));

    const byType = (type: string) => history.events.filter((event) => event.type === type);
    expect(history.events.map((event) => `${event.id}<${event.previousEventId} ${event.type}`)).toEqual([
      '1<0 ParallelStateEntered',
      '2<1 ParallelStateStarted',
      '3<2 PassStateEntered',
      '4<2 TaskStateEntered',
      '5<3 PassStateExited',
      '6<4 TaskScheduled',
      '7<6 TaskStarted',
      '8<7 TaskSucceeded',
      '9<8 TaskStateExited',
      '10<9 ParallelStateSucceeded',
      '11<10 ParallelStateExited',
    ]);
    expect(byType('TaskScheduled')[0]).toMatchObject({
      taskScheduledEventDetails: {
        resourceType: 'dynamodb',
        resource: 'updateItem',
        region: 'eu-west-1',
        parameters: '{"Key":1}',
      },
    });
  });

  it('ends with the execution’s outcome: failed, or aborted with the reason StopExecution gave', () => {
    const failed = newHistory();
    failed.addLibraryEvent({ type: 'ExecutionFailed', timestamp: at(), Error: 'OutOfStock', Cause: 'LT-006' });
    expect(failed.events[0]).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'OutOfStock', cause: 'LT-006' },
    });

    const aborted = newHistory();
    aborted.addLibraryEvent(entered('Charge', 'Task'));
    aborted.addTaskActivity('Charge', { kind: 'scheduled', input: {} });
    aborted.addLibraryEvent({ type: 'ExecutionAborted', timestamp: at() }, { error: 'Ops', cause: 'cancelled' });
    // The function was still running when the execution stopped; its end is not the execution's.
    aborted.addTaskActivity('Charge', { kind: 'succeeded', output: {} });
    expect(aborted.events.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Ops', cause: 'cancelled' },
    });
    expect(aborted.events).toHaveLength(3);
  });

  it('can leave the execution data out, keeping names and errors', () => {
    const history = newHistory();
    history.addLibraryEvent(entered('Charge', 'Task', { card: 'tok' }));
    history.addTaskActivity('Charge', { kind: 'scheduled', input: { card: 'tok' } });
    history.addTaskActivity('Charge', { kind: 'failed', error: 'Busy', cause: 'later' });

    const [enteredEvent, scheduled, failedEvent] = history.events.map(withoutExecutionData);
    expect(enteredEvent?.stateEnteredEventDetails).toEqual({ name: 'Charge' });
    expect(scheduled?.lambdaFunctionScheduledEventDetails).toEqual({ resource: LAMBDA });
    expect(failedEvent?.lambdaFunctionFailedEventDetails).toEqual({ error: 'Busy', cause: 'later' });
  });
});
