import { randomUUID } from 'node:crypto';
import { createExecutionHistory, type ExecutionHistory } from './execution-history';
import type { LocalWorkflow } from './local-workflow';
import { LOCAL_ACCOUNT_ID } from './render-definition';
import type { ExecutionStatus, RunningExecution } from './run-local-execution';

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
  readonly history: ExecutionHistory;
}

/** A Step Functions API error: `type` is the `__type` AWS answers with. */
export class StepFunctionsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_INPUT_BYTES = 256 * 1024;
// Step Functions execution names: 1–80 characters, none of whitespace, brackets, wildcards,
// these specials or control characters.
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
const hasControlCharacter = (name: string) =>
  [...name].some((character) => {
    const code = character.codePointAt(0) as number;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });

/**
 * The executions of the local state machine, with Step Functions' rules: one execution per
 * name; StartExecution with the name and input of a running execution answers that execution,
 * anything else with an existing name is ExecutionAlreadyExists. Executions live in memory.
 */
export const createLocalExecutions = ({
  workflow,
  region,
  onClosed = () => undefined,
}: {
  workflow: LocalWorkflow;
  region: string;
  onClosed?: (execution: ExecutionRecord) => void;
}) => {
  const roleArn = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${workflow.stateMachineName}-role`;
  const records = new Map<string, ExecutionRecord>();
  const running = new Map<string, RunningExecution>();
  const abortReasons = new Map<string, { error?: string; cause?: string }>();
  const createdAt = new Date();

  const update = (executionArn: string, changes: Partial<ExecutionRecord>) => {
    const record = records.get(executionArn) as ExecutionRecord;
    records.set(executionArn, { ...record, ...changes });
  };

  const mustExist = (executionArn: string) => {
    const record = records.get(executionArn);
    if (!record) throw new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  };

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

  return {
    roleArn,
    createdAt,

    /**
     * StartExecution, on the state machine or through one of its aliases. `created` is false when
     * the answer is an execution already running.
     */
    start({ name = randomUUID(), input = '{}', aliasArn }: { name?: string; input?: string; aliasArn?: string }) {
      if (name.length < 1 || name.length > 80 || INVALID_NAME.test(name) || hasControlCharacter(name)) {
        throw new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
      }
      const parsed = parsedInput(input);
      const executionArn = workflow.executionArn(name);
      const existing = records.get(executionArn);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === input) return { execution: existing, created: false };
        throw new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }

      const history = createExecutionHistory({ definition: workflow.definition, roleArn, region });
      const record: ExecutionRecord = {
        executionArn,
        stateMachineArn: workflow.stateMachineArn,
        ...(aliasArn === undefined ? {} : { stateMachineAliasArn: aliasArn }),
        name,
        input,
        startDate: new Date(),
        status: 'RUNNING',
        history,
      };
      records.set(executionArn, record);
      const execution = workflow.start(name, parsed, {
        onEvent: (event) => history.addLibraryEvent(event, abortReasons.get(executionArn)),
        onTaskActivity: (stateName, activity) => history.addTaskActivity(stateName, activity),
      });
      running.set(executionArn, execution);
      void execution.result.then((result) => {
        running.delete(executionArn);
        update(executionArn, {
          status: result.status,
          stopDate: records.get(executionArn)?.stopDate ?? new Date(),
          ...(result.status === 'SUCCEEDED' ? { output: JSON.stringify(result.output ?? null) } : {}),
          ...(result.status === 'FAILED' ? { error: result.error, cause: result.cause } : {}),
          ...(result.status === 'TIMED_OUT' ? { error: 'States.Timeout' } : {}),
          ...(result.status === 'ABORTED' ? abortReasons.get(executionArn) : {}),
        });
        abortReasons.delete(executionArn);
        onClosed(records.get(executionArn) as ExecutionRecord);
      });
      return { execution: record, created: true };
    },

    describe: mustExist,

    /** Newest first, as ListExecutions returns them; through an alias, only those it started. */
    list(statusFilter?: ExecutionStatus, aliasArn?: string): ExecutionRecord[] {
      return [...records.values()]
        .filter((record) => !statusFilter || record.status === statusFilter)
        .filter((record) => aliasArn === undefined || record.stateMachineAliasArn === aliasArn)
        .reverse();
    },

    /** StopExecution: aborts a running execution; a closed one is left as it is. */
    stop(executionArn: string, reason: { error?: string; cause?: string } = {}) {
      const record = mustExist(executionArn);
      const execution = running.get(executionArn);
      if (!execution) return record.stopDate ?? new Date();
      const stopDate = new Date();
      abortReasons.set(executionArn, reason);
      update(executionArn, { stopDate });
      execution.abort();
      return stopDate;
    },

    get runningCount() {
      return running.size;
    },

    /** Resolves once no execution is running (new ones included). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running.values()].map((execution) => execution.result));
    },

    /** Aborts every running execution (the local stack is stopping). */
    async abortAll(): Promise<number> {
      const arns = [...running.keys()];
      for (const arn of arns) this.stop(arn, { error: 'LocalStackStopped', cause: 'The local stack was stopped' });
      await this.settled();
      return arns.length;
    },
  };
};

export type LocalExecutions = ReturnType<typeof createLocalExecutions>;
