import { SFNClient } from '@aws-sdk/client-sfn';
import { requiredEnv } from '@order-platform/lambda';
import { buildExecutionReader } from '@order-platform/ops';
import { getOrderExecutionHandler } from './get-order-execution';

export const handler = getOrderExecutionHandler({
  executions: buildExecutionReader(new SFNClient({}), requiredEnv('ORDER_WORKFLOW_ARN')),
});
