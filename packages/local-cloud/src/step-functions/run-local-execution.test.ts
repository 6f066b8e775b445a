import { executionSlots, type ExecutionSlots } from './execution-slots';
import type { Json, TaskHandler } from './local-task-handlers';
import { startLocalExecution, type LocalExecutionEvent } from './run-local-execution';

// A tiny state machine with the shapes the order workflow has: a retried task, then a Parallel of
// two tasks, then a last task. Every handler records its calls.
const LAMBDA = 'arn:aws:lambda:eu-west-1:000000000000:function:step';
const definition = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: LAMBDA,
      Retry: [{ ErrorEquals: ['Unavailable'], IntervalSeconds: 1, MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Refund' }],
      Next: 'Procure',
    },
    Procure: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Reserve', States: { Reserve: { Type: 'Task', Resource: LAMBDA, End: true } } },
        { StartAt: 'Invoice', States: { Invoice: { Type: 'Task', Resource: LAMBDA, End: true } } },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Refund' }],
      Next: 'Ship',
    },
    Ship: { Type: 'Task', Resource: LAMBDA, End: true },
    Refund: { Type: 'Task', Resource: LAMBDA, End: true },
  },
};

/** Handlers that record each call; `Charge` does what `charge` says. */
const recordingHandlers = (charge: () => Promise<Json>) => {
  const calls: string[] = [];
  const handler =
    (name: string, body: () => Promise<Json> = async () => ({})): TaskHandler =>
    async () => {
      calls.push(name);
      return body();
    };
  const taskHandlers = {
    Charge: handler('Charge', charge),
    Reserve: handler('Reserve'),
    Invoice: handler('Invoice'),
    Ship: handler('Ship'),
    Refund: handler('Refund'),
  };
  return { calls, taskHandlers };
};

const run = (
  taskHandlers: Record<string, TaskHandler>,
  options: { slots?: ExecutionSlots; name?: string; onEvent?: (event: LocalExecutionEvent) => void } = {},
) =>
  startLocalExecution({
    definition,
    stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:tiny',
    name: 'order-1',
    input: {},
    taskHandlers,
    ...options,
  });

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('an aborted local execution', () => {
  it('starts no task after the abort: a retry waiting its backoff is not retried', async () => {
    // Prepare: Charge fails with a retried error, so the execution waits its 1 s backoff.
    let failed!: () => void;
    const firstFailure = new Promise<void>((resolve) => (failed = resolve));
    const { calls, taskHandlers } = recordingHandlers(async () => {
      failed();
      throw Object.assign(new Error('down'), { name: 'Unavailable' });
    });
    const execution = run(taskHandlers);
    await firstFailure;

    // Act
    execution.abort();
    const result = await execution.result;
    await execution.handlersSettled();

    // Assess: aws-local-stepfunctions' backoff ends at the abort, and it would retry at once.
    expect(result.status).toBe('ABORTED');
    expect(calls).toEqual(['Charge']);
  });

  it('drops the result of a task that was in flight at the abort: no next state, no Catch', async () => {
    // Prepare: Charge answers only when told to.
    let answer!: (value: Json) => void;
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const { calls, taskHandlers } = recordingHandlers(
      () =>
        new Promise<Json>((resolve) => {
          answer = resolve;
          started();
        }),
    );
    const execution = run(taskHandlers);
    await inFlight;

    // Act: abort while Charge runs, then let it answer.
    execution.abort();
    const result = await execution.result;
    answer({ charged: true });
    await execution.handlersSettled();
    // Let whatever the library would do with that answer happen.
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(result.status).toBe('ABORTED');
    expect(calls).toEqual(['Charge']);
  });

  it('does not retry a task that was in flight at the abort and fails after it', async () => {
    let fail!: () => void;
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const { calls, taskHandlers } = recordingHandlers(
      () =>
        new Promise<Json>((_resolve, reject) => {
          fail = () => reject(Object.assign(new Error('down'), { name: 'Unavailable' }));
          started();
        }),
    );
    const execution = run(taskHandlers);
    await inFlight;

    execution.abort();
    await execution.result;
    fail();
    await execution.handlersSettled();
    await new Promise((resolve) => setImmediate(resolve));

    expect(calls).toEqual(['Charge']);
  });

  it('waits, when asked, for the handlers still in flight at the abort', async () => {
    let answer!: (value: Json) => void;
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const { taskHandlers } = recordingHandlers(
      () =>
        new Promise<Json>((resolve) => {
          answer = resolve;
          started();
        }),
    );
    const execution = run(taskHandlers);
    await inFlight;
    execution.abort();
    await execution.result;

    let settled = false;
    const settling = execution.handlersSettled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    answer({});
    await settling;
    expect(settled).toBe(true);
  });

  it('runs to its end when not aborted, through every state', async () => {
    const { calls, taskHandlers } = recordingHandlers(async () => ({}));
    const result = await run(taskHandlers).result;

    expect(result.status).toBe('SUCCEEDED');
    expect([...calls].sort()).toEqual(['Charge', 'Invoice', 'Reserve', 'Ship']);
  });
});

describe('local executions held to a number of slots', () => {
  it('starts an execution past its first state only once one that holds a slot has closed', async () => {
    const slots = executionSlots(1);
    let answerFirstCharge = (_output: Json) => undefined as void;
    const first = recordingHandlers(() => new Promise((resolve) => (answerFirstCharge = resolve)));
    const second = recordingHandlers(async () => ({}));
    const secondEvents: string[] = [];

    const running = run(first.taskHandlers, { slots, name: 'first' });
    const waiting = run(second.taskHandlers, {
      slots,
      name: 'second',
      onEvent: (event) => secondEvents.push(event.type),
    });
    await nextTurn();
    expect(first.calls).toEqual(['Charge']);
    expect(second.calls).toEqual([]);
    // It has started, as StartExecution answered: it waits before its first state.
    expect(secondEvents).toEqual(['ExecutionStarted']);
    expect(slots.waiting).toBe(1);

    answerFirstCharge({});
    await expect(running.result).resolves.toMatchObject({ status: 'SUCCEEDED' });
    await expect(waiting.result).resolves.toMatchObject({ status: 'SUCCEEDED' });
    expect([...second.calls].sort()).toEqual(['Charge', 'Invoice', 'Reserve', 'Ship']);
    expect(secondEvents.filter((type) => type === 'ExecutionStarted')).toHaveLength(1);
    expect(slots.busy).toBe(0);
  });

  it('closes an execution stopped while it waits at once, ABORTED, having run no state, and frees no slot it did not hold', async () => {
    const slots = executionSlots(1);
    let answerFirstCharge = (_output: Json) => undefined as void;
    const first = recordingHandlers(() => new Promise((resolve) => (answerFirstCharge = resolve)));
    const second = recordingHandlers(async () => ({}));
    const running = run(first.taskHandlers, { slots, name: 'first' });
    const waiting = run(second.taskHandlers, { slots, name: 'second' });
    await nextTurn();

    waiting.abort();
    const result = await waiting.result;
    expect(result.status).toBe('ABORTED');
    expect(result.events.map((event) => event.type)).toEqual(['ExecutionStarted', 'ExecutionAborted']);
    expect(slots.busy).toBe(1);

    answerFirstCharge({});
    await running.result;
    await nextTurn();
    expect(second.calls).toEqual([]);
    expect([slots.busy, slots.waiting]).toEqual([0, 0]);
  });
});
