import { SFNClient } from '@aws-sdk/client-sfn';
import { requiredEnv } from '@order-platform/lambda';
import { buildExecutionReader } from '@order-platform/ops';
import { listExecutionsHandler } from './list-executions';

export const handler = listExecutionsHandler({
  executions: buildExecutionReader(new SFNClient({}), requiredEnv('ORDER_WORKFLOW_ARN')),
  clock: () => new Date(),
});
