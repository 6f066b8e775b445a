import { DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { OrderWorkflow } from '@order-platform/domain';
import { executionArnOf } from '@order-platform/ops';
import type { ExecutionStatus } from '@order-platform/ops/report';
import { workflowInputFor } from '@order-platform/workflow';
import type { ExecutionLookup } from './ports';

/**
 * Starts the Standard workflow execution named after the order, through the alias whose version
 * is live (`workflowArn`; a state machine's own ARN works too). Execution names are unique per
 * state machine, whichever alias starts them, so a second start for the same order is either
 * answered with the running execution (same input) or refused with ExecutionAlreadyExists
 * (closed): both mean "started".
 */
export const buildStepFunctionsWorkflow = (client: SFNClient, workflowArn: string): OrderWorkflow => ({
  async start(order) {
    try {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn: workflowArn,
          name: order.orderId,
          input: JSON.stringify(workflowInputFor(order)),
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ExecutionAlreadyExists') return;
      throw error;
    }
  },
});

/**
 * Reads the execution named after an order (DescribeExecution), on the state machine whichever
 * alias started it; none when Step Functions answers ExecutionDoesNotExist.
 */
export const buildExecutionLookup = (client: SFNClient, workflowArn: string): ExecutionLookup => ({
  async find(orderId) {
    const executionArn = executionArnOf(workflowArn, orderId);
    try {
      const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
      return { executionArn, status: (status ?? 'RUNNING') as ExecutionStatus };
    } catch (error) {
      if ((error as Error).name === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  },
});
