import { randomUUID } from 'node:crypto';
import { createExecutionHistory, type HistoryEvent } from './execution-history';
import type { ExecutionStore, LoadedExecutions, StoredExecution } from './execution-store';
import type { LocalWorkflow } from './local-workflow';
import { LOCAL_ACCOUNT_ID } from './render-definition';
import type { ExecutionStatus, LocalExecutionResult, RunningExecution } from './run-local-execution';

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  /** The alias it was started through, if it was. */
  readonly stateMachineAliasArn?: string;
  readonly name: string;
  /** The input as given to StartExecution (a JSON text). */
  readonly input: string;
  readonly startDate: Date;
  readonly status: ExecutionStatus;
  readonly stopDate?: Date;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly history: { readonly events: readonly HistoryEvent[] };
}

/** A Step Functions API error: `type` is the `__type` AWS answers with, with its HTTP status. */
export class StepFunctionsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

/** What a `--persist` start found on disk. */
export interface RestoredExecutions {
  /** Executions that were running when the last process stopped, started again from their start. */
  readonly resumed: number;
  readonly closed: number;
  /** Files that are not executions this version wrote: one line each, skipped. */
  readonly problems: readonly string[];
}

/** The reason given to executions aborted because the local stack stops (not by StopExecution). */
const STOPPED_WITH_THE_STACK = { error: 'LocalStackStopped', cause: 'The local stack was stopped' };
// How long a stopping stack waits for the step handlers still running in aborted executions, at
// most: the workflow's task timeouts are 30 s, after which Lambda would have stopped them too.
const HANDLERS_SETTLE_LIMIT_MS = 30_000;

const stored = ({ history, ...record }: ExecutionRecord): StoredExecution => ({ ...record, events: history.events });
const withinMs = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

const MAX_INPUT_BYTES = 256 * 1024;
// Step Functions execution names: 1–80 characters, none of whitespace, brackets, wildcards,
// these specials or control characters.
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
const hasControlCharacter = (name: string) =>
  [...name].some((character) => {
    const code = character.codePointAt(0) as number;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });

const parsedInput = (input: string) => {
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
    throw new StepFunctionsError('InvalidExecutionInput', 'The input exceeds the limit of 262144 bytes');
  }
  try {
    return JSON.parse(input) as unknown;
  } catch {
    throw new StepFunctionsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${input}'`);
  }
};

/** StartExecution's refusals of a name or an input, as Step Functions words them; the input, parsed. */
const validatedStart = (name: string, input: string): unknown => {
  if (name.length < 1 || name.length > 80 || INVALID_NAME.test(name) || hasControlCharacter(name)) {
    throw new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
  }
  return parsedInput(input);
};

/** The record of an execution once it has closed with `result`. */
const closedRecord = (
  record: ExecutionRecord,
  result: LocalExecutionResult,
  abortReason: { error?: string; cause?: string } | undefined,
): ExecutionRecord => ({
  ...record,
  status: result.status,
  stopDate: record.stopDate ?? new Date(),
  ...(result.status === 'SUCCEEDED' ? { output: JSON.stringify(result.output ?? null) } : {}),
  ...(result.status === 'FAILED' ? { error: result.error, cause: result.cause } : {}),
  ...(result.status === 'TIMED_OUT' ? { error: 'States.Timeout' } : {}),
  ...(result.status === 'ABORTED' ? abortReason : {}),
});

const startedRecord = (
  workflow: LocalWorkflow,
  { executionArn, name, input, aliasArn }: { executionArn: string; name: string; input: string; aliasArn?: string },
): ExecutionRecord => ({
  executionArn,
  stateMachineArn: workflow.stateMachineArn,
  ...(aliasArn === undefined ? {} : { stateMachineAliasArn: aliasArn }),
  name,
  input,
  startDate: new Date(),
  status: 'RUNNING',
  history: { events: [] },
});

/** A close that cannot be written is said, not thrown: the execution has closed all the same. */
const saveClosed = (store: ExecutionStore, record: ExecutionRecord) => {
  try {
    store.save(stored(record));
  } catch (error) {
    console.error(`[step-functions] could not write ${record.name}: ${(error as Error).message}`);
  }
};

const restoredRecords = (executions: readonly StoredExecution[]) =>
  new Map<string, ExecutionRecord>(
    executions.map(({ events, ...execution }) => [execution.executionArn, { ...execution, history: { events } }]),
  );

const restoredSummary = ({ executions, problems }: LoadedExecutions): RestoredExecutions => {
  const resumed = executions.filter((execution) => execution.status === 'RUNNING').length;
  return { resumed, closed: executions.length - resumed, problems };
};

const keepUntilSettled = (pending: Set<Promise<void>>, settling: Promise<void>) => {
  pending.add(settling);
  void settling.then(() => pending.delete(settling));
};

const newestFirst = (records: Iterable<ExecutionRecord>, statusFilter?: ExecutionStatus, aliasArn?: string) =>
  [...records]
    .filter((record) => !statusFilter || record.status === statusFilter)
    .filter((record) => aliasArn === undefined || record.stateMachineAliasArn === aliasArn)
    .reverse()
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());

/**
 * The executions of the local state machine, with Step Functions' rules: one execution per
 * name; StartExecution with the name and input of a running execution answers that execution,
 * anything else with an existing name is ExecutionAlreadyExists. They live in memory, and also in
 * `store` when given one (`--persist`): an execution is written when it starts, before
 * StartExecution answers, and when it closes, with its history. An execution aborted because the
 * local stack stops is not written: on disk it stays RUNNING, for {@link resumeRunning} to take up
 * at the next start (on AWS a workflow does not stop when a laptop does).
 */
export const createLocalExecutions = ({
  workflow,
  region,
  store,
  onClosed = () => undefined,
}: {
  workflow: LocalWorkflow;
  region: string;
  store?: ExecutionStore;
  onClosed?: (execution: ExecutionRecord) => void;
}) => {
  const roleArn = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${workflow.stateMachineName}-role`;
  const loaded = store?.load() ?? { executions: [], problems: [] };
  const records = restoredRecords(loaded.executions);
  const running = new Map<string, RunningExecution>();
  const abortReasons = new Map<string, { error?: string; cause?: string }>();
  // Aborted executions whose step handlers may still be running, and those the stack's stop aborted.
  const draining = new Set<Promise<void>>();
  const stoppedWithTheStack = new Set<string>();
  const createdAt = new Date();
  let refusingStarts = false;

  const mustExist = (executionArn: string) => {
    const record = records.get(executionArn);
    if (!record) throw new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  };

  const closed = (executionArn: string, result: LocalExecutionResult, execution: RunningExecution) => {
    running.delete(executionArn);
    const record = closedRecord(records.get(executionArn) as ExecutionRecord, result, abortReasons.get(executionArn));
    records.set(executionArn, record);
    abortReasons.delete(executionArn);
    if (result.status === 'ABORTED') keepUntilSettled(draining, execution.handlersSettled());
    if (stoppedWithTheStack.has(executionArn)) return;
    if (store) saveClosed(store, record);
    onClosed(record);
  };

  /** Runs the execution `record` describes, from the definition's start. */
  const drive = (record: Omit<ExecutionRecord, 'history'>, input: unknown) => {
    const { executionArn, startDate } = record;
    const history = createExecutionHistory({ definition: workflow.definition, roleArn, region });
    records.set(executionArn, { ...record, history });
    const execution = workflow.start(record.name, input, {
      // The execution started when StartExecution answered, also when it is re-driven.
      onEvent: (event) =>
        history.addLibraryEvent(
          event.type === 'ExecutionStarted' ? { ...event, timestamp: startDate.getTime() } : event,
          abortReasons.get(executionArn),
        ),
      onTaskActivity: (stateName, activity) => history.addTaskActivity(stateName, activity),
    });
    running.set(executionArn, execution);
    void execution.result.then((result) => closed(executionArn, result, execution));
  };

  return {
    roleArn,
    createdAt,

    /**
     * StartExecution, on the state machine or through one of its aliases. `created` is false when
     * the answer is an execution already running.
     */
    start({ name = randomUUID(), input = '{}', aliasArn }: { name?: string; input?: string; aliasArn?: string }) {
      if (refusingStarts) {
        throw new StepFunctionsError('ServiceUnavailable', 'The local stack is stopping: no new execution', 503);
      }
      const parsed = validatedStart(name, input);
      const executionArn = workflow.executionArn(name);
      const existing = records.get(executionArn);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === input) return { execution: existing, created: false };
        throw new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
      const record = startedRecord(workflow, { executionArn, name, input, aliasArn });
      // On disk before StartExecution answers: a start that was answered survives a kill.
      store?.save(stored(record));
      drive(record, parsed);
      return { execution: records.get(executionArn) as ExecutionRecord, created: true };
    },

    /**
     * Starts again every execution the store had as RUNNING: each is re-driven from its start,
     * with its name, ARN, input and start date, because what it had done before the process
     * stopped is not known (its history is written when it closes). That is safe only because
     * every step of the workflow is idempotent per order: a step finds what the order has already
     * reached and does nothing twice. Its history shows it once: its original ExecutionStarted,
     * then the re-run's events; the interrupted run's steps were never written.
     */
    resumeRunning(): RestoredExecutions {
      // Once: a second call finds them running, or closed.
      const waiting = loaded.executions.filter(
        ({ executionArn }) => records.get(executionArn)?.status === 'RUNNING' && !running.has(executionArn),
      );
      for (const { events: _events, ...execution } of waiting) drive(execution, JSON.parse(execution.input));
      return restoredSummary(loaded);
    },

    describe: mustExist,

    /** Newest first, as ListExecutions returns them; through an alias, only those it started. */
    list(statusFilter?: ExecutionStatus, aliasArn?: string): ExecutionRecord[] {
      return newestFirst(records.values(), statusFilter, aliasArn);
    },

    /** StopExecution: aborts a running execution; a closed one is left as it is. */
    stop(executionArn: string, reason: { error?: string; cause?: string } = {}) {
      const record = mustExist(executionArn);
      const execution = running.get(executionArn);
      if (!execution) return record.stopDate ?? new Date();
      const stopDate = new Date();
      abortReasons.set(executionArn, reason);
      records.set(executionArn, { ...record, stopDate });
      execution.abort();
      return stopDate;
    },

    get runningCount() {
      return running.size;
    },

    /** StartExecution answers ServiceUnavailable from now on (the local stack is stopping). */
    refuseNewStarts() {
      refusingStarts = true;
    },

    /** Resolves once no execution is running (new ones included). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running.values()].map((execution) => execution.result));
    },

    /** Whether every execution closed within `ms`. */
    async settledWithin(ms: number): Promise<boolean> {
      await Promise.race([this.settled(), withinMs(ms)]);
      return running.size === 0;
    },

    /**
     * Aborts every running execution because the local stack stops, and waits for the step
     * handlers they still run to finish (up to their timeout), so that nothing writes to a
     * DynamoDB that is closing. With a store, they stay RUNNING on disk. Answers what it aborted.
     */
    async abortAll(): Promise<ExecutionRecord[]> {
      const arns = [...running.keys()];
      for (const arn of arns) {
        stoppedWithTheStack.add(arn);
        this.stop(arn, STOPPED_WITH_THE_STACK);
      }
      await this.settled();
      await Promise.race([Promise.all(draining), withinMs(HANDLERS_SETTLE_LIMIT_MS)]);
      return arns.map((arn) => records.get(arn) as ExecutionRecord);
    },
  };
};

export type LocalExecutions = ReturnType<typeof createLocalExecutions>;
