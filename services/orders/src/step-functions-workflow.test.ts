import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { anOrder } from '@order-platform/domain/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { workflowInputFor } from '@order-platform/workflow';
import { buildStepFunctionsWorkflow } from './step-functions-workflow';

const sfn = mockClient(SFNClient);
const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:order-platform-dev-order-workflow';
const workflow = buildStepFunctionsWorkflow(new SFNClient({ region: 'eu-west-1' }), arn);
const order = anOrder({ orderId: 'ord-123' });

afterEach(() => sfn.reset());

describe('step functions workflow', () => {
  it('starts the execution named after the order, with the workflow input built from it', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${arn}:ord-123`, startDate: new Date() });

    await workflow.start(order);

    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: arn,
      name: 'ord-123',
      input: JSON.stringify(workflowInputFor(order)),
    });
  });

  it('treats an execution that already exists as started', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(workflow.start(order)).resolves.toBeUndefined();
  });

  it('lets every other failure through, so the client can retry', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(workflow.start(order)).rejects.toThrow('Rate exceeded');
  });
});
