import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inProcessLambdas, mergedFunctionEnvironment } from './in-process-lambdas';
import { localTaskHandlers, type LocalTopics } from './local-task-handlers';
import { assertRunnableLocally, LOCAL_ACCOUNT_ID, renderDefinition } from './render-definition';
import { executionArnFor, runLocalExecution, type LocalExecutionResult } from './run-local-execution';
import { loadServiceDefinition, REPO_ROOT } from './service-definition';

export interface LocalWorkflow {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /** The definition as deployed on the stage, intrinsics resolved. */
  readonly definition: unknown;
  executionArn(name: string): string;
  run(name: string, input: unknown, options?: { retryIntervalMs?: number }): Promise<LocalExecutionResult>;
}

/**
 * The order workflow on this machine: the state machine serverless.yml deploys for `stage`
 * (step-functions/order-workflow.asl.yml), run by aws-local-stepfunctions, with its Lambda tasks
 * running the deployed handlers in this process and its DynamoDB and SNS tasks going to the
 * local services. The handlers read their configuration from process.env, as on Lambda: this
 * sets every function's environment plus `environment` (the local endpoints).
 */
export const createLocalWorkflow = async ({
  stage = 'local',
  dynamodb,
  topics,
  environment = {},
}: {
  stage?: string;
  dynamodb: DynamoDBClient;
  topics: LocalTopics;
  environment?: Record<string, string>;
}): Promise<LocalWorkflow> => {
  const service = await loadServiceDefinition(stage);
  const [stateMachine, ...others] = Object.values(service.stateMachines);
  if (!stateMachine || others.length > 0) throw new Error('The local stack runs exactly one state machine');
  const definition = renderDefinition(service, stateMachine.definition);
  assertRunnableLocally(definition);
  Object.assign(process.env, mergedFunctionEnvironment(service.functions), environment);

  const stateMachineArn = `arn:aws:states:${service.region}:${LOCAL_ACCOUNT_ID}:stateMachine:${stateMachine.name}`;
  const taskHandlers = localTaskHandlers(definition, {
    lambdas: inProcessLambdas(service.functions, REPO_ROOT),
    dynamodb,
    topics,
  });
  return {
    stateMachineArn,
    stateMachineName: stateMachine.name,
    definition,
    executionArn: (name) => executionArnFor(stateMachineArn, name),
    run: (name, input, options = {}) =>
      runLocalExecution({ definition, stateMachineArn, name, input, taskHandlers, ...options }),
  };
};
