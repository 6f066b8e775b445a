import type { LocalExecutionEvent } from './run-local-execution';

/** One event of GetExecutionHistory, with AWS's type names and detail fields. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly [details: `${string}EventDetails`]: Readonly<Record<string, unknown>> | undefined;
}

/** What a task handler did for one attempt, recorded as it happened. */
export type TaskActivity =
  | { readonly kind: 'scheduled'; readonly input: unknown; readonly timeoutInSeconds?: number }
  | { readonly kind: 'started' }
  | { readonly kind: 'succeeded'; readonly output: unknown }
  | { readonly kind: 'failed'; readonly error: string; readonly cause: string };

interface StateInfo {
  readonly resource?: string;
  /** The Parallel branch the state runs in (`<Parallel>/<index>`), or 'root'. */
  readonly lane: string;
}

const ROOT = 'root';
const json = (value: unknown) => JSON.stringify(value ?? null);
// Payloads are never truncated locally (AWS truncates above 256 KiB).
const NOT_TRUNCATED = { truncated: false };

/**
 * Where each state runs: the task resource it calls and the Parallel branch it belongs to. The
 * branch matters for previousEventId: a branch's events follow each other, not the other branch's.
 */
export const stateInfoOf = (definition: unknown): Map<string, StateInfo> => {
  const info = new Map<string, StateInfo>();
  const visit = (machine: unknown, lane: string) => {
    const states = (machine as { States: Record<string, { Resource?: string; Branches?: unknown[] }> }).States;
    for (const [name, state] of Object.entries(states)) {
      info.set(name, { resource: state.Resource, lane });
      state.Branches?.forEach((branch, index) => visit(branch, `${name}/${index}`));
    }
  };
  visit(definition, ROOT);
  return info;
};

/** `arn:aws:states:::dynamodb:updateItem` → dynamodb / updateItem; a Lambda ARN → undefined. */
const serviceIntegration = (resource: string) => {
  const match = /^arn:aws:states:::([\w-]+):([\w.:-]+)$/.exec(resource);
  return match ? { resourceType: match[1] as string, resource: match[2] as string } : undefined;
};

/**
 * Builds an execution's history as Step Functions reports it (GetExecutionHistory), from the
 * events aws-local-stepfunctions logs (StateEntered, StateRetried, ...) and from what each task
 * handler did. The library logs no task events and delivers its own asynchronously, so a task's
 * events are held until the library event that began that attempt has been placed. The history
 * only grows: ids given out never change.
 */
export const createExecutionHistory = ({
  definition,
  roleArn,
  region,
}: {
  definition: unknown;
  roleArn: string;
  region: string;
}) => {
  const states = stateInfoOf(definition);
  const events: HistoryEvent[] = [];
  const lastIdOfLane = new Map<string, number>();
  // Task attempts: how many each state has begun (library side) and its activity per attempt.
  const attemptsBegun = new Map<string, number>();
  const attemptsInvoked = new Map<string, number>();
  const heldActivity = new Map<string, { activity: TaskActivity; at: Date }[]>();
  const finishedAttempts = new Set<string>();
  const parallelStarted = new Set<string>();
  const parallelFailed = new Set<string>();

  const eventOf = (
    id: number,
    previousEventId: number,
    type: string,
    at: Date,
    details?: Record<string, unknown>,
  ): HistoryEvent => {
    // Every state type's Entered/Exited event carries stateEntered/stateExitedEventDetails.
    const detailsType = type.replace(/^\w+State(Entered|Exited)$/, 'State$1');
    const detailsKey = `${detailsType.charAt(0).toLowerCase()}${detailsType.slice(1)}EventDetails` as const;
    return { id, previousEventId, timestamp: at, type, ...(details ? { [detailsKey]: details } : {}) };
  };

  let closed = false;
  const append = (type: string, at: Date, lane: string, details?: Record<string, unknown>) => {
    // A handler still running when the execution stopped finishes outside it: not history.
    if (closed) return 0;
    if (/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(type)) closed = true;
    const id = events.length + 1;
    const previousEventId = lastIdOfLane.get(lane) ?? (lane === ROOT ? 0 : (lastIdOfLane.get(ROOT) ?? 0));
    events.push(eventOf(id, previousEventId, type, at, details));
    lastIdOfLane.set(lane, id);
    return id;
  };

  /** A Parallel's end follows the last event of its branches, not its start. */
  const appendParallelEnd = (type: string, at: Date, parallel: string) => {
    const branchEnds = [...lastIdOfLane].filter(([lane]) => lane.startsWith(`${parallel}/`)).map(([, id]) => id);
    const lane = laneOf(parallel);
    if (branchEnds.length > 0) lastIdOfLane.set(lane, Math.max(...branchEnds, lastIdOfLane.get(lane) ?? 0));
    return append(type, at, lane);
  };

  const laneOf = (stateName: string) => states.get(stateName)?.lane ?? ROOT;

  const appendActivity = (stateName: string, attempt: number, activity: TaskActivity, at: Date) => {
    const key = `${stateName}#${attempt}`;
    if (finishedAttempts.has(key)) return; // the state timed out: what the handler did later is not history
    const lane = laneOf(stateName);
    const resourceArn = states.get(stateName)?.resource ?? '';
    const integration = serviceIntegration(resourceArn);
    if (activity.kind === 'succeeded' || activity.kind === 'failed') finishedAttempts.add(key);
    if (!integration) {
      switch (activity.kind) {
        case 'scheduled':
          return append('LambdaFunctionScheduled', at, lane, {
            resource: resourceArn,
            input: json(activity.input),
            inputDetails: NOT_TRUNCATED,
            ...(activity.timeoutInSeconds ? { timeoutInSeconds: activity.timeoutInSeconds } : {}),
          });
        case 'started':
          return append('LambdaFunctionStarted', at, lane);
        case 'succeeded':
          return append('LambdaFunctionSucceeded', at, lane, {
            output: json(activity.output),
            outputDetails: NOT_TRUNCATED,
          });
        case 'failed':
          return append('LambdaFunctionFailed', at, lane, { error: activity.error, cause: activity.cause });
      }
    }
    switch (activity.kind) {
      case 'scheduled':
        return append('TaskScheduled', at, lane, {
          ...integration,
          region,
          parameters: json(activity.input),
          ...(activity.timeoutInSeconds ? { timeoutInSeconds: activity.timeoutInSeconds } : {}),
        });
      case 'started':
        return append('TaskStarted', at, lane, integration);
      case 'succeeded':
        return append('TaskSucceeded', at, lane, {
          ...integration,
          output: json(activity.output),
          outputDetails: NOT_TRUNCATED,
        });
      case 'failed':
        return append('TaskFailed', at, lane, { ...integration, error: activity.error, cause: activity.cause });
    }
  };

  /** The library began attempt n of a task state: place what its handler has done so far. */
  const beginAttempt = (stateName: string) => {
    const attempt = attemptsBegun.get(stateName) ?? 0;
    attemptsBegun.set(stateName, attempt + 1);
    const key = `${stateName}#${attempt}`;
    for (const { activity, at } of heldActivity.get(key) ?? []) appendActivity(stateName, attempt, activity, at);
    heldActivity.delete(key);
  };

  const stateType = (event: LocalExecutionEvent) => event.state?.type ?? 'Task';

  return {
    events: events as readonly HistoryEvent[],

    /** Records one event of aws-local-stepfunctions' log, in the order the log gives them. */
    addLibraryEvent(event: LocalExecutionEvent, extra: { error?: string; cause?: string } = {}) {
      const at = new Date(event.timestamp);
      const name = event.state?.name ?? '';
      const lane = laneOf(name);
      switch (event.type) {
        case 'ExecutionStarted':
          append('ExecutionStarted', at, ROOT, {
            input: json((event as { input?: unknown }).input),
            inputDetails: NOT_TRUNCATED,
            roleArn,
          });
          return;
        case 'StateEntered':
          append(`${stateType(event)}StateEntered`, at, lane, {
            name,
            input: json(event.state?.input),
            inputDetails: NOT_TRUNCATED,
          });
          if (stateType(event) === 'Task') beginAttempt(name);
          return;
        case 'StateRetried':
          beginAttempt(name);
          return;
        case 'StateFailed': {
          if (stateType(event) === 'Parallel') {
            parallelFailed.add(name);
            appendParallelEnd('ParallelStateFailed', at, name);
          }
          // A task that outlived its TimeoutSeconds: Step Functions reports the timeout itself.
          const attempt = (attemptsBegun.get(name) ?? 1) - 1;
          const key = `${name}#${attempt}`;
          if (stateType(event) === 'Task' && event.Error === 'States.Timeout' && !finishedAttempts.has(key)) {
            const integration = serviceIntegration(states.get(name)?.resource ?? '');
            append(integration ? 'TaskTimedOut' : 'LambdaFunctionTimedOut', at, lane, {
              ...(integration ?? {}),
              error: 'States.Timeout',
              cause: String(event.Cause ?? ''),
            });
            finishedAttempts.add(key);
          }
          return;
        }
        case 'ParallelBranchStarted': {
          const parallel = event.parentState?.name ?? '';
          if (!parallelStarted.has(parallel)) {
            parallelStarted.add(parallel);
            // Each branch starts afresh from this event, also when the Parallel runs again.
            for (const lane of [...lastIdOfLane.keys()]) if (lane.startsWith(`${parallel}/`)) lastIdOfLane.delete(lane);
            append('ParallelStateStarted', at, laneOf(parallel));
          }
          return;
        }
        case 'StateExited':
          if (stateType(event) === 'Parallel') {
            if (!parallelFailed.has(name)) appendParallelEnd('ParallelStateSucceeded', at, name);
            parallelStarted.delete(name);
            parallelFailed.delete(name);
          }
          append(`${stateType(event)}StateExited`, at, lane, {
            name,
            output: json(event.state?.output),
            outputDetails: NOT_TRUNCATED,
          });
          return;
        case 'ExecutionSucceeded': {
          const output = (event as { output?: unknown }).output;
          append('ExecutionSucceeded', at, ROOT, { output: json(output), outputDetails: NOT_TRUNCATED });
          return;
        }
        case 'ExecutionFailed':
          append('ExecutionFailed', at, ROOT, { error: event.Error, cause: String(event.Cause ?? '') });
          return;
        case 'ExecutionAborted':
          append('ExecutionAborted', at, ROOT, { error: extra.error, cause: extra.cause });
          return;
        case 'ExecutionTimeout':
          append('ExecutionTimedOut', at, ROOT, {
            error: 'States.Timeout',
            cause: 'The execution ran longer than the state machine TimeoutSeconds',
          });
          return;
        default:
          // StateCaught, ParallelBranchSucceeded/Failed: Step Functions reports no event of its own.
          return;
      }
    },

    /** Records what a task state's handler did; `scheduled` begins a new attempt. */
    addTaskActivity(stateName: string, activity: TaskActivity, at = new Date()) {
      if (activity.kind === 'scheduled') attemptsInvoked.set(stateName, (attemptsInvoked.get(stateName) ?? 0) + 1);
      const attempt = (attemptsInvoked.get(stateName) ?? 1) - 1;
      if ((attemptsBegun.get(stateName) ?? 0) > attempt) {
        appendActivity(stateName, attempt, activity, at);
        return;
      }
      const key = `${stateName}#${attempt}`;
      heldActivity.set(key, [...(heldActivity.get(key) ?? []), { activity, at }]);
    },
  };
};

export type ExecutionHistory = ReturnType<typeof createExecutionHistory>;

/** A history event without the execution's data, as `includeExecutionData: false` returns it. */
export const withoutExecutionData = (event: HistoryEvent): HistoryEvent =>
  Object.fromEntries(
    Object.entries(event).map(([key, value]) => {
      if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) return [key, value];
      const details = Object.entries(value).filter(
        ([field]) => !['input', 'output', 'parameters', 'inputDetails', 'outputDetails'].includes(field),
      );
      return [key, Object.fromEntries(details)];
    }),
  ) as HistoryEvent;
