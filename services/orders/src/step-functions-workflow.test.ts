import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { anOrder } from '@order-platform/domain/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { workflowInputFor } from '@order-platform/workflow';
import { buildExecutionLookup, buildStepFunctionsWorkflow } from './step-functions-workflow';

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

describe('execution lookup', () => {
  const lookup = buildExecutionLookup(new SFNClient({ region: 'eu-west-1' }), `${arn}:live`);
  const executionArn = 'arn:aws:states:eu-west-1:123456789012:execution:order-platform-dev-order-workflow:ord-123';

  it('describes the execution named after the order on the state machine, whichever alias started it', async () => {
    sfn.on(DescribeExecutionCommand, { executionArn }).resolves({ executionArn, status: 'TIMED_OUT' });

    expect(await lookup.find('ord-123')).toEqual({ executionArn, status: 'TIMED_OUT' });
  });

  it('finds none when Step Functions answers ExecutionDoesNotExist, and lets other failures through', async () => {
    sfn.on(DescribeExecutionCommand).rejectsOnce(new ExecutionDoesNotExist({ message: 'none', $metadata: {} }));
    expect(await lookup.find('ord-123')).toBeUndefined();

    sfn
      .on(DescribeExecutionCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(lookup.find('ord-123')).rejects.toThrow('Rate exceeded');
  });
});
