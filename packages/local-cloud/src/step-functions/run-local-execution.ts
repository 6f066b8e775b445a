import './promise-with-resolvers';
import { executionArnOf } from '@order-platform/ops';
import type { ExecutionStatus as StepFunctionsStatus } from '@order-platform/ops/report';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { ExecutionSlots } from './execution-slots';
import { allStates, type TaskHandler } from './local-task-handlers';

/** What aws-local-stepfunctions logs as the execution runs (its own names, mapped later). */
export type LocalExecutionEvent = {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: {
    readonly name: string;
    readonly type: string;
    readonly input?: unknown;
    readonly output?: unknown;
  };
  readonly Error?: string;
  readonly Cause?: unknown;
  readonly retry?: { readonly attempt: number };
  readonly parentState?: { readonly name: string };
};

/** What a local execution can be in: Step Functions' statuses but PENDING_REDRIVE (nothing is redriven here). */
export type ExecutionStatus = Exclude<StepFunctionsStatus, 'PENDING_REDRIVE'>;

export interface LocalExecutionResult {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly events: readonly LocalExecutionEvent[];
}

export interface LocalExecutionRequest {
  readonly definition: unknown;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: unknown;
  readonly taskHandlers: Record<string, TaskHandler>;
  /** Wait this long between retries instead of the definition's backoff (tests use 0). */
  readonly retryIntervalMs?: number;
  /** Called with each event as aws-local-stepfunctions logs it. */
  readonly onEvent?: (event: LocalExecutionEvent) => void;
  /** The execution waits for one of these before its first state, and holds it until it closes. */
  readonly slots?: ExecutionSlots;
}

export interface RunningExecution {
  readonly result: Promise<LocalExecutionResult>;
  /**
   * Stops the execution where it is (StopExecution); the result is then ABORTED. No task starts
   * after it, and what a task still in flight answers later is dropped.
   */
  abort(): void;
  /** Resolves once no task handler of this execution is running (they outlive an abort). */
  handlersSettled(): Promise<void>;
}

/** What an aborted execution's tasks answer the library instead of running or returning. */
class ExecutionStoppedError extends Error {
  override readonly name = 'ExecutionStopped';
}

/**
 * The task handlers of one execution, held to its abort. aws-local-stepfunctions keeps a task
 * handler running after `abort()` (a promise cannot be cancelled), ends a retry's backoff at the
 * abort and then retries at once, and follows a Catch with what a late failure raises: each of
 * those would run a step of an execution already ABORTED. So after the abort no handler is called
 * and a late answer, success or failure, is replaced by an error no Retry names and nothing reads.
 * The handlers still in flight are counted, so that the local stack can let them settle before it
 * closes DynamoDB under them.
 */
const abortableHandlers = (handlers: Record<string, TaskHandler>) => {
  let aborted = false;
  const inFlight = new Set<Promise<unknown>>();
  const guarded = Object.fromEntries(
    Object.entries(handlers).map(([stateName, handler]): [string, TaskHandler] => [
      stateName,
      async (input) => {
        if (aborted) throw new ExecutionStoppedError('The execution was aborted before this task started');
        const call = handler(input);
        const settled = call.then(
          () => undefined,
          () => undefined,
        );
        inFlight.add(settled);
        try {
          const output = await call;
          if (aborted) throw new ExecutionStoppedError('The execution was aborted while this task ran');
          return output;
        } finally {
          inFlight.delete(settled);
        }
      },
    ]),
  );
  return {
    guarded,
    abort: () => {
      aborted = true;
    },
    settled: async () => {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
};

/** How an execution closed, by the error aws-local-stepfunctions ends it with; any other is FAILED. */
const CLOSED_BY: Readonly<Record<string, 'ABORTED' | 'TIMED_OUT'>> = {
  ExecutionAbortedError: 'ABORTED',
  ExecutionTimeoutError: 'TIMED_OUT',
};

// Constructing a StateMachine validates the definition (asl-validator compiling its schemas):
// most of an execution's CPU when done per execution. One per definition serves them all.
const machines = new WeakMap<object, StateMachine>();
const stateMachineFor = (definition: unknown) => {
  let machine = machines.get(definition as object);
  if (!machine) {
    machine = new StateMachine(definition as StateMachineDefinition);
    machines.set(definition as object, machine);
  }
  return machine;
};

/**
 * Starts one execution of `definition` with aws-local-stepfunctions. The context object carries
 * what the workflow reads from it: the execution's id and name, and `$$.State.EnteredTime`, which
 * the library does not provide: a getter answers the time the state reads it, which is when it
 * was entered, to the millisecond.
 */
export const startLocalExecution = (request: LocalExecutionRequest): RunningExecution => {
  const machine = stateMachineFor(request.definition);
  const retryIntervalOverrides =
    request.retryIntervalMs === undefined
      ? undefined
      : Object.fromEntries(
          allStates(request.definition)
            .filter(([, state]) => state.Retry !== undefined)
            .map(([name]) => [name, request.retryIntervalMs as number]),
        );
  const handlers = abortableHandlers(request.taskHandlers);
  const run = () =>
    machine.run(request.input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers.guarded as never,
        ...(retryIntervalOverrides ? { retryIntervalOverrides } : {}),
      },
      context: {
        Execution: { Id: executionArnOf(request.stateMachineArn, request.name), Name: request.name },
        StateMachine: { Id: request.stateMachineArn },
        State: {
          get EnteredTime() {
            return new Date().toISOString();
          },
        },
      },
    });
  const events: LocalExecutionEvent[] = [];
  const logged = (event: LocalExecutionEvent) => {
    events.push(event);
    request.onEvent?.(event);
  };
  // Logged here, not by the library as it runs: an execution waiting for a slot has started.
  logged({ type: 'ExecutionStarted', timestamp: Date.now(), input: request.input } as LocalExecutionEvent);
  let execution: ReturnType<typeof run> | undefined;
  let abortWhileWaiting = (): void => undefined;
  const abortedWhileWaiting = new Promise<undefined>((resolve) => {
    abortWhileWaiting = () => resolve(undefined);
  });
  const runToItsEnd = async (): Promise<LocalExecutionResult> => {
    execution = run();
    const logging = (async () => {
      for await (const event of execution.eventLogs) {
        if ((event as LocalExecutionEvent).type !== 'ExecutionStarted') logged(event as LocalExecutionEvent);
      }
    })();
    const outcome = await execution.result.then(
      (output) => ({ status: 'SUCCEEDED' as const, output }),
      (error: Error) => ({ status: CLOSED_BY[error.name] ?? ('FAILED' as const) }),
    );
    await logging;
    if (outcome.status !== 'FAILED') return { ...outcome, events };
    const failed = events.find((event) => event.type === 'ExecutionFailed');
    return { status: 'FAILED', error: failed?.Error ?? 'States.Runtime', cause: String(failed?.Cause ?? ''), events };
  };
  const result = (async (): Promise<LocalExecutionResult> => {
    const slot = request.slots?.take() ?? Promise.resolve(() => undefined);
    const release = await Promise.race([slot, abortedWhileWaiting]);
    if (!release) {
      // Stopped before it entered a state: it closes now, and gives back the slot it is given.
      void slot.then((giveBack) => giveBack());
      logged({ type: 'ExecutionAborted', timestamp: Date.now() });
      return { status: 'ABORTED', events };
    }
    try {
      return await runToItsEnd();
    } finally {
      release();
    }
  })();
  return {
    result,
    abort: () => {
      handlers.abort();
      if (execution) execution.abort();
      else abortWhileWaiting();
    },
    handlersSettled: handlers.settled,
  };
};

/** Runs one execution to its end. */
export const runLocalExecution = (request: LocalExecutionRequest): Promise<LocalExecutionResult> =>
  startLocalExecution(request).result;
