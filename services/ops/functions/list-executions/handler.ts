import { SFNClient } from '@aws-sdk/client-sfn';
import { requiredEnv } from '@order-platform/lambda';
import { buildExecutionListing } from '@order-platform/ops';
import { listExecutionsHandler } from './list-executions';

export const handler = listExecutionsHandler({
  executions: buildExecutionListing(new SFNClient({}), requiredEnv('ORDER_WORKFLOW_ARN')),
  clock: () => new Date(),
});
