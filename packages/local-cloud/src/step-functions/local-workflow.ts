import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { executionArnOf } from '@order-platform/ops';
import { executionSlots } from './execution-slots';
import { inProcessLambdas, mergedFunctionEnvironment } from './in-process-lambdas';
import { lambdasInOwnThread } from './lambdas-thread';
import type { TaskActivity } from './execution-history';
import {
  allStates,
  localTaskHandlers,
  type LocalLambdas,
  type LocalTopics,
  type TaskHandler,
} from './local-task-handlers';
import { assertRunnableLocally, LOCAL_ACCOUNT_ID, renderDefinition, topicArnsOf } from './render-definition';
import {
  startLocalExecution,
  type LocalExecutionEvent,
  type LocalExecutionResult,
  type RunningExecution,
} from './run-local-execution';
import { createStateHolds } from './state-holds';
import { REPO_ROOT } from '../repo-root';
import { loadServiceDefinition, type ServiceDefinition } from './service-definition';

export interface LocalWorkflow {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /** The aliases the stage declares (AWS::StepFunctions::StateMachineAlias), each answering for the one local version. */
  readonly aliasArns: readonly string[];
  /** The definition as deployed on the stage, intrinsics resolved. */
  readonly definition: unknown;
  executionArn(name: string): string;
  /**
   * Loads every step's handler module now. `npm start` does, so that Ctrl-C finds them loaded: tsx
   * compiles a module as it is first imported, with an esbuild process that is in the terminal's
   * process group, so Ctrl-C stops it and a step first imported after that fails
   * ("TransformError: The service was stopped") while the running executions are given time to end.
   */
  loadSteps(): Promise<void>;
  start(name: string, input: unknown, options?: ExecutionOptions): RunningExecution;
  run(name: string, input: unknown, options?: ExecutionOptions): Promise<LocalExecutionResult>;
  /** Tests only: holds every execution before the Task state `stateName` until released (state-holds.ts). */
  holdBefore(stateName: string): () => void;
  /** Stops the steps' thread (with `stepsInOwnThread`); a running step's invocation fails. */
  close(): Promise<void>;
}

export interface ExecutionOptions {
  /** Wait this long between retries instead of the definition's backoff (tests use 0). */
  readonly retryIntervalMs?: number;
  readonly onEvent?: (event: LocalExecutionEvent) => void;
  /** Called as each task's handler is scheduled, starts, and succeeds or fails. */
  readonly onTaskActivity?: (stateName: string, activity: TaskActivity) => void;
  /** Starts at this state instead of the definition's StartAt (tests of the failure path). */
  readonly startAt?: string;
  /** Stands in for the deployed functions (tests that make a step fail as only AWS can). */
  readonly lambdas?: (deployed: LocalLambdas) => LocalLambdas;
}

/** The task handlers, each telling `onTaskActivity` what it does, as Step Functions records it. */
const observed = (
  handlers: Record<string, TaskHandler>,
  timeouts: ReadonlyMap<string, number | undefined>,
  onTaskActivity: NonNullable<ExecutionOptions['onTaskActivity']>,
): Record<string, TaskHandler> =>
  Object.fromEntries(
    Object.entries(handlers).map(([stateName, handler]) => [
      stateName,
      async (input) => {
        onTaskActivity(stateName, { kind: 'scheduled', input, timeoutInSeconds: timeouts.get(stateName) });
        onTaskActivity(stateName, { kind: 'started' });
        try {
          const output = await handler(input);
          onTaskActivity(stateName, { kind: 'succeeded', output });
          return output;
        } catch (error) {
          const { name, message } = error as Error;
          onTaskActivity(stateName, { kind: 'failed', error: name, cause: message });
          throw error;
        }
      },
    ]),
  );

/** The functions the definition's Lambda tasks invoke, by name. */
const lambdaFunctionNamesOf = (definition: unknown): string[] =>
  allStates(definition).flatMap(([, state]) => {
    const name = /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)$/.exec(String(state.Resource))?.[1];
    return name ? [name] : [];
  });

/** The names of the stage's state machine aliases (the local stack has the one state machine). */
const aliasNamesOf = (service: ServiceDefinition): string[] =>
  Object.values(service.resources)
    .filter((resource) => resource.Type === 'AWS::StepFunctions::StateMachineAlias')
    .map((resource) => String(resource.Properties?.Name));

/**
 * The definition, entered at `state` by a Choice in front of it (a definition whose StartAt moved
 * would leave states unreachable, which the validator refuses). The Choice is one more state
 * entered, first.
 */
const enteringAt = (definition: unknown, state: string) => {
  const { StartAt, States } = definition as { StartAt: string; States: Record<string, unknown> };
  const entry = `EnterAt${state}`;
  return {
    ...(definition as object),
    StartAt: entry,
    States: {
      ...States,
      [entry]: {
        Type: 'Choice',
        Choices: [{ Variable: '$$.Execution.Id', IsPresent: true, Next: state }],
        Default: StartAt,
      },
    },
  };
};

/**
 * The order workflow on this machine: the state machine serverless.yml deploys for `stage`
 * (step-functions/order-workflow.asl.yml), run by aws-local-stepfunctions, with its Lambda tasks
 * running the deployed handlers in this process and its DynamoDB and SNS tasks going to the
 * local services. The handlers read their configuration from process.env, as on Lambda: this
 * sets every function's environment plus `environment` (the local endpoints).
 */
export const createLocalWorkflow = async ({
  stage = 'local',
  service: resolved,
  dynamodb,
  topics,
  environment = {},
  stepsInOwnThread = false,
  maxAdvancingExecutions,
}: {
  stage?: string;
  /** The service as resolved for the stage (`sls print`); resolved here, with no parameters, unless given. */
  service?: ServiceDefinition;
  dynamodb: DynamoDBClient;
  topics: LocalTopics;
  environment?: Record<string, string>;
  /**
   * The Lambda tasks' handlers in a worker thread of their own (lambdas-thread.ts), so that they
   * and the executions (with whatever else shares this event loop) use two cores; in this thread
   * otherwise.
   */
  stepsInOwnThread?: boolean;
  /** At most this many executions past their start at once; the rest wait (execution-slots.ts). No limit unless given. */
  maxAdvancingExecutions?: number;
}): Promise<LocalWorkflow> => {
  const service = resolved ?? (await loadServiceDefinition(stage));
  const [stateMachine, ...others] = Object.values(service.stateMachines);
  if (!stateMachine || others.length > 0) throw new Error('The local stack runs exactly one state machine');
  const definition = renderDefinition(service, stateMachine.definition);
  assertRunnableLocally(definition);
  Object.assign(process.env, mergedFunctionEnvironment(service.functions), environment);
  for (const topicArn of topicArnsOf(service)) topics.createTopic(topicArn);

  const stateMachineArn = `arn:aws:states:${service.region}:${LOCAL_ACCOUNT_ID}:stateMachine:${stateMachine.name}`;
  const lambdas = stepsInOwnThread
    ? lambdasInOwnThread(service.functions, REPO_ROOT)
    : { ...inProcessLambdas(service.functions, REPO_ROOT), close: async () => undefined };
  const taskHandlers = localTaskHandlers(definition, { lambdas, dynamodb, topics });
  const holds = createStateHolds();
  const slots = maxAdvancingExecutions === undefined ? undefined : executionSlots(maxAdvancingExecutions);
  const timeouts = new Map(allStates(definition).map(([name, state]) => [name, state.TimeoutSeconds]));
  const start = (
    name: string,
    input: unknown,
    { onTaskActivity, startAt, lambdas: standIns, ...options }: ExecutionOptions = {},
  ) => {
    const handlers = standIns
      ? localTaskHandlers(definition, { lambdas: standIns(lambdas), dynamodb, topics })
      : taskHandlers;
    return startLocalExecution({
      definition: startAt ? enteringAt(definition, startAt) : definition,
      stateMachineArn,
      name,
      input,
      taskHandlers: holds.wrap(onTaskActivity ? observed(handlers, timeouts, onTaskActivity) : handlers),
      ...(slots ? { slots } : {}),
      ...options,
    });
  };
  return {
    stateMachineArn,
    stateMachineName: stateMachine.name,
    definition,
    aliasArns: aliasNamesOf(service).map((alias) => `${stateMachineArn}:${alias}`),
    executionArn: (name) => executionArnOf(stateMachineArn, name),
    loadSteps: () => lambdas.preload(lambdaFunctionNamesOf(definition)),
    start,
    run: (name, input, options) => start(name, input, options).result,
    holdBefore: holds.holdBefore,
    close: lambdas.close,
  };
};
