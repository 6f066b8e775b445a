import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { OrderWorkflow } from '@order-platform/domain';
import { workflowInputFor } from '@order-platform/workflow';

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
