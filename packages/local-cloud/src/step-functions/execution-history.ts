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
export const createExecutionHistory = (options: { definition: unknown; roleArn: string; region: string }) =>
  new ExecutionHistory(options);

type Details = Record<string, unknown>;

const eventOf = (id: number, previousEventId: number, type: string, at: Date, details?: Details): HistoryEvent => {
  // Every state type's Entered/Exited event carries stateEntered/stateExitedEventDetails.
  const detailsType = type.replace(/^\w+State(Entered|Exited)$/, 'State$1');
  const detailsKey = `${detailsType.charAt(0).toLowerCase()}${detailsType.slice(1)}EventDetails` as const;
  return { id, previousEventId, timestamp: at, type, ...(details ? { [detailsKey]: details } : {}) };
};

/** A Lambda task's attempt as Step Functions records it. */
const lambdaEvent = (activity: TaskActivity, resource: string): [string, Details?] => {
  switch (activity.kind) {
    case 'scheduled':
      return [
        'LambdaFunctionScheduled',
        {
          resource,
          input: json(activity.input),
          inputDetails: NOT_TRUNCATED,
          ...(activity.timeoutInSeconds ? { timeoutInSeconds: activity.timeoutInSeconds } : {}),
        },
      ];
    case 'started':
      return ['LambdaFunctionStarted'];
    case 'succeeded':
      return ['LambdaFunctionSucceeded', { output: json(activity.output), outputDetails: NOT_TRUNCATED }];
    case 'failed':
      return ['LambdaFunctionFailed', { error: activity.error, cause: activity.cause }];
  }
};

/** A service integration's attempt as Step Functions records it. */
const integrationEvent = (
  activity: TaskActivity,
  integration: { resourceType: string; resource: string },
  region: string,
): [string, Details?] => {
  switch (activity.kind) {
    case 'scheduled':
      return [
        'TaskScheduled',
        {
          ...integration,
          region,
          parameters: json(activity.input),
          ...(activity.timeoutInSeconds ? { timeoutInSeconds: activity.timeoutInSeconds } : {}),
        },
      ];
    case 'started':
      return ['TaskStarted', integration];
    case 'succeeded':
      return ['TaskSucceeded', { ...integration, output: json(activity.output), outputDetails: NOT_TRUNCATED }];
    case 'failed':
      return ['TaskFailed', { ...integration, error: activity.error, cause: activity.cause }];
  }
};

export class ExecutionHistory {
  private readonly history: HistoryEvent[] = [];
  private readonly states: Map<string, StateInfo>;
  private readonly roleArn: string;
  private readonly region: string;
  private readonly lastIdOfLane = new Map<string, number>();
  // Task attempts: how many each state has begun (library side) and its activity per attempt.
  private readonly attemptsBegun = new Map<string, number>();
  private readonly attemptsInvoked = new Map<string, number>();
  private readonly heldActivity = new Map<string, { activity: TaskActivity; at: Date }[]>();
  private readonly finishedAttempts = new Set<string>();
  private readonly parallelStarted = new Set<string>();
  private readonly parallelFailed = new Set<string>();
  private closed = false;

  constructor({ definition, roleArn, region }: { definition: unknown; roleArn: string; region: string }) {
    this.states = stateInfoOf(definition);
    this.roleArn = roleArn;
    this.region = region;
  }

  get events(): readonly HistoryEvent[] {
    return this.history;
  }

  /** Records one event of aws-local-stepfunctions' log, in the order the log gives them. */
  addLibraryEvent(event: LocalExecutionEvent, extra: { error?: string; cause?: string } = {}): void {
    const at = new Date(event.timestamp);
    switch (event.type) {
      case 'ExecutionStarted':
        this.append('ExecutionStarted', at, ROOT, {
          input: json((event as { input?: unknown }).input),
          inputDetails: NOT_TRUNCATED,
          roleArn: this.roleArn,
        });
        return;
      case 'StateEntered':
        return this.stateEntered(event, at);
      case 'StateRetried':
        return this.beginAttempt(event.state?.name ?? '');
      case 'StateFailed':
        return this.stateFailed(event, at);
      case 'ParallelBranchStarted':
        return this.parallelBranchStarted(event.parentState?.name ?? '', at);
      case 'StateExited':
        return this.stateExited(event, at);
      default:
        return this.executionEnded(event, at, extra);
    }
  }

  /** Records what a task state's handler did; `scheduled` begins a new attempt. */
  addTaskActivity(stateName: string, activity: TaskActivity, at = new Date()): void {
    const invoked = this.attemptsInvoked;
    if (activity.kind === 'scheduled') invoked.set(stateName, (invoked.get(stateName) ?? 0) + 1);
    const attempt = (invoked.get(stateName) ?? 1) - 1;
    if ((this.attemptsBegun.get(stateName) ?? 0) > attempt) {
      this.appendActivity(stateName, attempt, activity, at);
      return;
    }
    const key = `${stateName}#${attempt}`;
    this.heldActivity.set(key, [...(this.heldActivity.get(key) ?? []), { activity, at }]);
  }

  private stateEntered(event: LocalExecutionEvent, at: Date): void {
    const name = event.state?.name ?? '';
    const type = stateTypeOf(event);
    this.append(`${type}StateEntered`, at, this.laneOf(name), {
      name,
      input: json(event.state?.input),
      inputDetails: NOT_TRUNCATED,
    });
    if (type === 'Task') this.beginAttempt(name);
  }

  private stateFailed(event: LocalExecutionEvent, at: Date): void {
    const name = event.state?.name ?? '';
    if (stateTypeOf(event) === 'Parallel') {
      this.parallelFailed.add(name);
      this.appendParallelEnd('ParallelStateFailed', at, name);
    }
    // A task that outlived its TimeoutSeconds: Step Functions reports the timeout itself.
    const key = `${name}#${(this.attemptsBegun.get(name) ?? 1) - 1}`;
    const timedOut = stateTypeOf(event) === 'Task' && event.Error === 'States.Timeout';
    if (!timedOut || this.finishedAttempts.has(key)) return;
    const integration = serviceIntegration(this.states.get(name)?.resource ?? '');
    this.append(integration ? 'TaskTimedOut' : 'LambdaFunctionTimedOut', at, this.laneOf(name), {
      ...(integration ?? {}),
      error: 'States.Timeout',
      cause: String(event.Cause ?? ''),
    });
    this.finishedAttempts.add(key);
  }

  private parallelBranchStarted(parallel: string, at: Date): void {
    if (this.parallelStarted.has(parallel)) return;
    this.parallelStarted.add(parallel);
    // Each branch starts afresh from this event, also when the Parallel runs again.
    for (const lane of [...this.lastIdOfLane.keys()]) {
      if (lane.startsWith(`${parallel}/`)) this.lastIdOfLane.delete(lane);
    }
    this.append('ParallelStateStarted', at, this.laneOf(parallel));
  }

  private stateExited(event: LocalExecutionEvent, at: Date): void {
    const name = event.state?.name ?? '';
    if (stateTypeOf(event) === 'Parallel') {
      if (!this.parallelFailed.has(name)) this.appendParallelEnd('ParallelStateSucceeded', at, name);
      this.parallelStarted.delete(name);
      this.parallelFailed.delete(name);
    }
    this.append(`${stateTypeOf(event)}StateExited`, at, this.laneOf(name), {
      name,
      output: json(event.state?.output),
      outputDetails: NOT_TRUNCATED,
    });
  }

  private executionEnded(event: LocalExecutionEvent, at: Date, extra: { error?: string; cause?: string }): void {
    const endings: Record<string, () => [string, Details]> = {
      ExecutionSucceeded: () => [
        'ExecutionSucceeded',
        { output: json((event as { output?: unknown }).output), outputDetails: NOT_TRUNCATED },
      ],
      ExecutionFailed: () => ['ExecutionFailed', { error: event.Error, cause: String(event.Cause ?? '') }],
      ExecutionAborted: () => ['ExecutionAborted', { error: extra.error, cause: extra.cause }],
      ExecutionTimeout: () => [
        'ExecutionTimedOut',
        { error: 'States.Timeout', cause: 'The execution ran longer than the state machine TimeoutSeconds' },
      ],
    };
    // StateCaught, ParallelBranchSucceeded/Failed: Step Functions reports no event of its own.
    const ending = endings[event.type]?.();
    if (ending) this.append(ending[0], at, ROOT, ending[1]);
  }

  private append(type: string, at: Date, lane: string, details?: Details): number {
    // A handler still running when the execution stopped finishes outside it: not history.
    if (this.closed) return 0;
    if (/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(type)) this.closed = true;
    const id = this.history.length + 1;
    const previousEventId = this.lastIdOfLane.get(lane) ?? (lane === ROOT ? 0 : (this.lastIdOfLane.get(ROOT) ?? 0));
    this.history.push(eventOf(id, previousEventId, type, at, details));
    this.lastIdOfLane.set(lane, id);
    return id;
  }

  /** A Parallel's end follows the last event of its branches, not its start. */
  private appendParallelEnd(type: string, at: Date, parallel: string): number {
    const branchEnds = [...this.lastIdOfLane].filter(([lane]) => lane.startsWith(`${parallel}/`)).map(([, id]) => id);
    const lane = this.laneOf(parallel);
    if (branchEnds.length > 0) {
      this.lastIdOfLane.set(lane, Math.max(...branchEnds, this.lastIdOfLane.get(lane) ?? 0));
    }
    return this.append(type, at, lane);
  }

  private laneOf(stateName: string): string {
    return this.states.get(stateName)?.lane ?? ROOT;
  }

  private appendActivity(stateName: string, attempt: number, activity: TaskActivity, at: Date): void {
    const key = `${stateName}#${attempt}`;
    if (this.finishedAttempts.has(key)) return; // the state timed out: what the handler did later is not history
    if (activity.kind === 'succeeded' || activity.kind === 'failed') this.finishedAttempts.add(key);
    const resourceArn = this.states.get(stateName)?.resource ?? '';
    const integration = serviceIntegration(resourceArn);
    const [type, details] = integration
      ? integrationEvent(activity, integration, this.region)
      : lambdaEvent(activity, resourceArn);
    this.append(type, at, this.laneOf(stateName), details);
  }

  /** The library began attempt n of a task state: place what its handler has done so far. */
  private beginAttempt(stateName: string): void {
    const attempt = this.attemptsBegun.get(stateName) ?? 0;
    this.attemptsBegun.set(stateName, attempt + 1);
    const key = `${stateName}#${attempt}`;
    for (const { activity, at } of this.heldActivity.get(key) ?? []) {
      this.appendActivity(stateName, attempt, activity, at);
    }
    this.heldActivity.delete(key);
  }
}

const stateTypeOf = (event: LocalExecutionEvent) => event.state?.type ?? 'Task';

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
