import type { HistoryEvent } from '@aws-sdk/client-sfn';
// The module, not the package index: the console's page imports this file in a browser.
import { readableCause as readableLambdaCause } from '@order-platform/domain/step-errors';

// What ops want to know of one order's execution, read from its Step Functions history: the
// states in the order they ran, how long each took, every retry, the state that failed and why,
// and what ran afterwards to undo the order (the compensation). Pure: the same history gives the
// same report on AWS and on the local stack. It imports nothing that needs Node, so the local
// console's page (a browser) can import it too, as `@order-platform/ops/report`.

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

export type StateType = 'Task' | 'Choice' | 'Pass' | 'Parallel' | 'Map' | 'Wait' | 'Succeed' | 'Fail';

export interface Failure {
  readonly error: string;
  /** The readable part of the cause: a Lambda error's message, not its JSON and stack trace. */
  readonly cause?: string;
}

/** One run of one state. A state entered twice (in a loop) has two runs. */
export interface StateRun {
  readonly name: string;
  readonly type: StateType;
  /** The Parallel state whose branch ran this state, if any. */
  readonly parallel?: string;
  readonly enteredAt: string;
  /** When it left the state, or failed in it for good (a failed branch never exits). */
  readonly exitedAt?: string;
  readonly durationMs?: number;
  /** Lambda invocations or service calls made by a Task: 1 + its retries. */
  readonly attempts: number;
  /** Every attempt that failed, in order; all but a final failure were retried. */
  readonly failedAttempts: readonly Failure[];
  /**
   * succeeded: the state did its work; failed: it ended in an error (caught or not); running: the
   * execution is still in it; stopped: the execution ended (aborted, timed out) while in it.
   */
  readonly outcome: 'succeeded' | 'failed' | 'running' | 'stopped';
  readonly error?: Failure;
  /** forward: the order's own path; compensation: what ran after a failure to undo and report it. */
  readonly phase: 'forward' | 'compensation';
  /** What the task returned (the Lambda's or the service's result), when the history has data. */
  readonly result?: string;
}

/** One row of an executions listing. The execution is named after its order. */
export interface ExecutionSummary {
  readonly orderId: string;
  readonly executionArn: string;
  readonly status: ExecutionStatus;
  readonly startedAt: string;
  readonly stoppedAt?: string;
  readonly durationMs?: number;
}

/** An execution's listing row, with its whole history read. */
export interface ExecutionReport extends ExecutionSummary {
  readonly states: readonly StateRun[];
  /** The first state that failed for good (its retries spent), with its error. */
  readonly failedState?: Failure & { readonly name: string };
  /**
   * Set when that first failure was the order's cancellation (OrderCancellationRequested): the
   * customer's (or ops') choice, not an outage. The step that noticed it, and whether the order
   * was then marked CANCELLED (MarkOrderCancelled succeeded).
   */
  readonly cancellation?: { readonly noticedBy: string; readonly completed: boolean };
  /** The states run after that failure, in order: the saga's undo steps and the alert. */
  readonly compensation: readonly string[];
  readonly retries: number;
  /** How the execution itself ended, when it did not succeed. */
  readonly executionError?: Failure;
}

export interface ExecutionPage {
  readonly executions: readonly ExecutionSummary[];
  readonly nextToken?: string;
}

export interface ExecutionDescription {
  readonly executionArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly error?: string;
  readonly cause?: string;
}

const STATE_TYPE_OF_EVENT: Record<string, StateType> = {
  TaskStateEntered: 'Task',
  ChoiceStateEntered: 'Choice',
  PassStateEntered: 'Pass',
  ParallelStateEntered: 'Parallel',
  MapStateEntered: 'Map',
  WaitStateEntered: 'Wait',
  SucceedStateEntered: 'Succeed',
  FailStateEntered: 'Fail',
};

const ATTEMPT_STARTS = new Set(['LambdaFunctionScheduled', 'TaskScheduled']);
const ATTEMPT_SUCCESSES = new Set(['LambdaFunctionSucceeded', 'TaskSucceeded']);
const ATTEMPT_FAILURES = new Set([
  'LambdaFunctionFailed',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStartFailed',
  'LambdaFunctionTimedOut',
  'TaskFailed',
  'TaskScheduleFailed',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'TaskTimedOut',
]);

/** The cause ops read (a Lambda error's message, not its JSON and stack trace); none when empty. */
export const readableCause = (cause: string | undefined): string | undefined =>
  cause ? readableLambdaCause(cause) : undefined;

const failureOf = (details: { error?: string; cause?: string } | undefined): Failure => {
  const cause = readableCause(details?.cause);
  return { error: details?.error ?? 'Unknown', ...(cause === undefined ? {} : { cause }) };
};

const failureDetailsOf = (event: HistoryEvent) =>
  event.lambdaFunctionFailedEventDetails ??
  event.lambdaFunctionScheduleFailedEventDetails ??
  event.lambdaFunctionStartFailedEventDetails ??
  event.lambdaFunctionTimedOutEventDetails ??
  event.taskFailedEventDetails ??
  event.taskStartFailedEventDetails ??
  event.taskSubmitFailedEventDetails ??
  event.taskTimedOutEventDetails ??
  event.executionFailedEventDetails ??
  event.executionAbortedEventDetails ??
  event.executionTimedOutEventDetails;

const executionFailureDetailsOf = (event: HistoryEvent) =>
  event.executionFailedEventDetails ?? event.executionAbortedEventDetails ?? event.executionTimedOutEventDetails;

interface RunInProgress {
  name: string;
  type: StateType;
  parallel?: string;
  enteredEventId: number;
  enteredAt: Date;
  exitedAt?: Date;
  attempts: number;
  failedAttempts: Failure[];
  lastAttemptFailedAtEventId?: number;
  lastAttemptFailedAt?: Date;
  /** For a Parallel: the event id of ParallelStateFailed. */
  parallelFailedAtEventId?: number;
  result?: string;
}

const durationBetween = (start: Date, end: Date | undefined) =>
  end === undefined ? undefined : Math.max(0, end.getTime() - start.getTime());

/**
 * The states an execution ran, read from its history in order. Events are tied to their state by
 * following previousEventId back to the state's Entered event, which keeps the branches of a
 * Parallel apart however their events interleave.
 */
class StateRuns {
  readonly runs: RunInProgress[] = [];
  /** How the execution itself ended, when it failed, aborted or timed out. */
  executionError: Failure | undefined;
  private readonly byId = new Map<number, HistoryEvent>();
  private readonly runByEnteredId = new Map<number, RunInProgress>();
  private readonly runOfEvent = new Map<number, RunInProgress | undefined>();

  constructor(
    events: readonly HistoryEvent[],
    private readonly startDate: Date,
  ) {
    for (const event of events) if (event.id !== undefined) this.byId.set(event.id, event);
    for (const event of events) this.read(event);
  }

  private read(event: HistoryEvent): void {
    const type = event.type ?? '';
    if (STATE_TYPE_OF_EVENT[type]) this.enter(event, STATE_TYPE_OF_EVENT[type]);
    else if (type.endsWith('StateExited')) this.exit(event);
    else if (type === 'ParallelStateFailed') this.parallelFailed(event);
    else if (type.startsWith('Execution') && type !== 'ExecutionStarted') this.executionEnded(event);
    else if (ATTEMPT_STARTS.has(type) || ATTEMPT_SUCCESSES.has(type) || ATTEMPT_FAILURES.has(type)) this.attempt(event);
  }

  private enter(event: HistoryEvent, stateType: StateType): void {
    const id = event.id ?? 0;
    const timestamp = event.timestamp ?? this.startDate;
    const parent = this.owningParallel(event);
    const run: RunInProgress = {
      name: event.stateEnteredEventDetails?.name ?? '?',
      type: stateType,
      ...(parent ? { parallel: parent.name } : {}),
      enteredEventId: id,
      enteredAt: timestamp,
      attempts: 0,
      failedAttempts: [],
    };
    this.runs.push(run);
    this.runByEnteredId.set(id, run);
    // Terminal states have no Exited event: they end where they are entered.
    if (stateType === 'Succeed' || stateType === 'Fail') run.exitedAt = timestamp;
  }

  private exit(event: HistoryEvent): void {
    const run = this.openRunNamed(event.stateExitedEventDetails?.name);
    if (!run) return;
    run.exitedAt = event.timestamp ?? this.startDate;
    this.runOfEvent.set(event.id ?? 0, run);
  }

  private parallelFailed(event: HistoryEvent): void {
    // It chains from the branch event that failed it, not from the Parallel's own events.
    const last = this.owningRun(event);
    const parallel = last?.type === 'Parallel' && !last.exitedAt ? last : this.openRunNamed(last?.parallel);
    if (parallel) parallel.parallelFailedAtEventId = event.id ?? 0;
  }

  private executionEnded(event: HistoryEvent): void {
    const details = executionFailureDetailsOf(event);
    if (details) this.executionError = failureOf(details);
  }

  private attempt(event: HistoryEvent): void {
    const run = this.owningRun(event);
    if (!run) return;
    const type = event.type ?? '';
    if (ATTEMPT_STARTS.has(type)) {
      run.attempts += 1;
      run.lastAttemptFailedAtEventId = undefined;
      return;
    }
    if (ATTEMPT_SUCCESSES.has(type)) {
      run.result = event.lambdaFunctionSucceededEventDetails?.output ?? event.taskSucceededEventDetails?.output;
      return;
    }
    // A failure to schedule or start counts as an attempt that failed.
    const neverStarted = /(ScheduleFailed|StartFailed|SubmitFailed)$/.test(type);
    if (neverStarted && run.attempts === 0) run.attempts = 1;
    run.failedAttempts.push(failureOf(failureDetailsOf(event)));
    run.lastAttemptFailedAtEventId = event.id ?? 0;
    run.lastAttemptFailedAt = event.timestamp ?? this.startDate;
  }

  /** The run whose Entered event starts the lane this event belongs to. */
  private owningRun(event: HistoryEvent): RunInProgress | undefined {
    const visited: number[] = [];
    let current: HistoryEvent | undefined = event;
    let found: RunInProgress | undefined;
    while (current?.id !== undefined && found === undefined) {
      if (this.runOfEvent.has(current.id)) {
        found = this.runOfEvent.get(current.id);
        break;
      }
      visited.push(current.id);
      found = this.runByEnteredId.get(current.id);
      // A state's Exited event closes it: anything chained after it belongs to the next state.
      if (found || (current !== event && current.type?.endsWith('StateExited'))) break;
      current = current.previousEventId === undefined ? undefined : this.byId.get(current.previousEventId);
    }
    for (const id of visited) this.runOfEvent.set(id, found);
    return found;
  }

  openRunNamed(name: string | undefined): RunInProgress | undefined {
    return name === undefined ? undefined : this.runs.findLast((run) => run.name === name && !run.exitedAt);
  }

  /** The open Parallel whose branch this Entered event starts or continues, by previousEventId. */
  private owningParallel(event: HistoryEvent): RunInProgress | undefined {
    const previous = event.previousEventId === undefined ? undefined : this.byId.get(event.previousEventId);
    if (!previous) return undefined;
    const previousRun = this.owningRun(previous);
    if (previous.type === 'ParallelStateStarted') return previousRun?.type === 'Parallel' ? previousRun : undefined;
    return this.openRunNamed(previousRun?.parallel);
  }
}

/**
 * Where a state failed for good, as an event id: a Parallel when a branch failed it, a Fail state
 * where it was entered, a task at its last failed attempt once nothing but a retry can follow (a
 * state waiting out its backoff has not failed yet).
 */
const failureEventIdOf = (run: RunInProgress, events: readonly HistoryEvent[], closed: boolean): number | undefined => {
  if (run.type === 'Parallel') return run.parallelFailedAtEventId;
  if (run.type === 'Fail') return run.enteredEventId;
  const lastAttemptFailed = run.lastAttemptFailedAtEventId;
  if (lastAttemptFailed === undefined) return undefined;
  const followedByNonRetry = events.some(
    (event) => event.previousEventId === lastAttemptFailed && !ATTEMPT_STARTS.has(event.type ?? ''),
  );
  return run.exitedAt || closed || followedByNonRetry ? lastAttemptFailed : undefined;
};

const outcomeOf = (run: RunInProgress, failed: boolean, closed: boolean): StateRun['outcome'] => {
  if (failed) return 'failed';
  if (run.exitedAt) return 'succeeded';
  return closed ? 'stopped' : 'running';
};

/** The step error by which the workflow's steps say the order was asked to be cancelled. */
const CANCELLATION_ERROR = 'OrderCancellationRequested';

/**
 * Builds the report from the execution's description and its whole history (every page, oldest
 * first): each state's run, then which failed first, and what ran after it to undo the order.
 */
export const buildExecutionReport = (
  execution: ExecutionDescription,
  events: readonly HistoryEvent[],
): ExecutionReport => {
  const { runs, executionError } = new StateRuns(events, execution.startDate);
  const closed = execution.status !== 'RUNNING';
  const failureEvents = runs
    .map((run) => ({ run, at: failureEventIdOf(run, events, closed) }))
    .filter((entry): entry is { run: RunInProgress; at: number } => entry.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const firstFailure = failureEvents[0];

  /** The error a failed state reports: a Parallel its branch's, a Fail state the execution's. */
  const errorOf = (run: RunInProgress): Failure | undefined => {
    if (run.type === 'Parallel') {
      return failureEvents
        .find(({ run: other }) => other.parallel === run.name && other !== run)
        ?.run.failedAttempts.at(-1);
    }
    return run.type === 'Fail' ? executionError : run.failedAttempts.at(-1);
  };
  /** Entered after the first failure, outside that failure's Parallel: undoing and reporting it. */
  const inCompensation = (run: RunInProgress) =>
    firstFailure !== undefined &&
    run.enteredEventId > firstFailure.at &&
    (run.parallel === undefined ||
      (runs.find((candidate) => candidate.name === run.parallel)?.enteredEventId ?? 0) > firstFailure.at);

  const finished = runs.map((run): StateRun => {
    const failedAt = failureEventIdOf(run, events, closed);
    const error = failedAt === undefined ? undefined : errorOf(run);
    const endedAt = run.exitedAt ?? (failedAt === undefined ? undefined : run.lastAttemptFailedAt);
    const durationMs = durationBetween(run.enteredAt, endedAt);
    return {
      name: run.name,
      type: run.type,
      ...(run.parallel === undefined ? {} : { parallel: run.parallel }),
      enteredAt: run.enteredAt.toISOString(),
      ...(endedAt ? { exitedAt: endedAt.toISOString() } : {}),
      ...(durationMs === undefined ? {} : { durationMs }),
      attempts: run.attempts,
      failedAttempts: run.failedAttempts,
      outcome: outcomeOf(run, failedAt !== undefined, closed),
      ...(error ? { error } : {}),
      phase: inCompensation(run) ? 'compensation' : 'forward',
      ...(run.result === undefined ? {} : { result: run.result }),
    };
  });

  const failedRun = firstFailure ? finished[runs.indexOf(firstFailure.run)] : undefined;
  const cancelled = failedRun?.error?.error === CANCELLATION_ERROR;
  const durationMs = durationBetween(execution.startDate, execution.stopDate);
  const fallbackError =
    execution.error === undefined ? undefined : failureOf({ error: execution.error, cause: execution.cause });
  const endedWith = executionError ?? fallbackError;
  return {
    orderId: execution.name,
    executionArn: execution.executionArn,
    status: execution.status,
    startedAt: execution.startDate.toISOString(),
    ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
    ...(durationMs === undefined ? {} : { durationMs }),
    states: finished,
    ...(failedRun
      ? { failedState: { name: failedRun.name, ...(failedRun.error ?? endedWith ?? { error: 'Unknown' }) } }
      : {}),
    ...(cancelled && failedRun
      ? {
          cancellation: {
            noticedBy: failedRun.parallel ?? failedRun.name,
            completed: finished.some((run) => run.name === 'MarkOrderCancelled' && run.outcome === 'succeeded'),
          },
        }
      : {}),
    compensation: finished.filter((run) => run.phase === 'compensation').map((run) => run.name),
    retries: finished.reduce((sum, run) => sum + Math.max(0, run.attempts - 1), 0),
    ...(closed && execution.status !== 'SUCCEEDED' && endedWith ? { executionError: endedWith } : {}),
  };
};
