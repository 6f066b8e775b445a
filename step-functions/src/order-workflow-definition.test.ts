import { TRANSIENT_STEP_ERRORS } from '@order-platform/domain';
import { allStates, renderDefinition, loadServiceDefinition } from '@order-platform/local-cloud';

// The rules of step-functions/order-workflow.asl.yml that no single execution shows: checked on
// the definition as serverless.yml deploys it to dev.

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxAttempts?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}
interface State {
  Type: string;
  Resource?: string;
  Retry?: Retrier[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  TimeoutSeconds?: number;
  Parameters?: { ConditionExpression?: string } & Record<string, unknown>;
  Branches?: { States: Record<string, State> }[];
  Next?: string;
  End?: boolean;
}

// Errors a later attempt may not meet: the steps' transient errors, timeouts (the task's and the
// function's own), and the AWS services' own throttling and 5xx errors, by the names AWS gives them.
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
];
const TRANSIENT_ERRORS = new Set<string>([
  ...TRANSIENT_STEP_ERRORS,
  'States.Timeout',
  'Sandbox.Timedout',
  ...LAMBDA_SERVICE_ERRORS,
  'DynamoDB.ProvisionedThroughputExceededException',
  'DynamoDB.RequestLimitExceededException',
  'DynamoDB.ThrottlingException',
  'DynamoDB.InternalServerErrorException',
  'DynamoDB.TransactionConflictException',
  'SNS.ThrottledException',
  'SNS.InternalErrorException',
]);

describe('the order workflow definition', () => {
  let definition: { States: Record<string, State>; TimeoutSeconds?: number };
  let states: [string, State][];

  beforeAll(async () => {
    const service = await loadServiceDefinition('dev');
    definition = renderDefinition(service, service.stateMachines.orderWorkflow?.definition) as typeof definition;
    states = allStates(definition) as [string, State][];
  }, 60_000);

  it('catches every failure: each Task has a Catch, or sits in a Parallel that has one', () => {
    const caughtByParallel = new Set(
      Object.values(definition.States)
        .filter((state) => state.Type === 'Parallel' && state.Catch)
        .flatMap((state) => (state.Branches ?? []).flatMap((branch) => Object.keys(branch.States))),
    );
    const uncaught = states
      .filter(([name, state]) => state.Type === 'Task' && !state.Catch?.length && !caughtByParallel.has(name))
      .map(([name]) => name);
    expect(uncaught).toEqual([]);
    expect(caughtByParallel.size).toBeGreaterThan(0);
  });

  it('retries transient errors only, with exponential backoff, a cap and full jitter', () => {
    const retriers = states.flatMap(([name, state]) => (state.Retry ?? []).map((retrier) => ({ name, retrier })));
    expect(retriers.length).toBeGreaterThan(10);
    for (const { name, retrier } of retriers) {
      expect({ name, errors: retrier.ErrorEquals.filter((error) => !TRANSIENT_ERRORS.has(error)) }).toEqual({
        name,
        errors: [],
      });
      expect(retrier).toMatchObject({
        BackoffRate: expect.any(Number),
        MaxAttempts: expect.any(Number),
        MaxDelaySeconds: expect.any(Number),
        JitterStrategy: 'FULL',
      });
      expect(retrier.BackoffRate).toBeGreaterThan(1);
    }
  });

  it('retries, on every Lambda step, the Lambda service’s own failures and the function running past its timeout', () => {
    const lambdaSteps = states.filter(([, state]) => state.Resource?.startsWith('arn:aws:lambda:'));
    expect(lambdaSteps.length).toBeGreaterThanOrEqual(7);
    for (const [name, state] of lambdaSteps) {
      const retried = (state.Retry ?? []).flatMap((retrier) => retrier.ErrorEquals);
      expect({
        name,
        missing: [...LAMBDA_SERVICE_ERRORS, 'Sandbox.Timedout'].filter((e) => !retried.includes(e)),
      }).toEqual({
        name,
        missing: [],
      });
    }
  });

  it('lets the function time out before its task does, so AWS reports Sandbox.Timedout, which is retried', async () => {
    const service = await loadServiceDefinition('dev');
    const functionTimeouts = new Map(Object.values(service.functions).map((fn) => [fn.name, fn.timeout]));
    for (const [name, state] of states.filter(([, s]) => s.Resource?.startsWith('arn:aws:lambda:'))) {
      const functionName = state.Resource?.split(':function:')[1] as string;
      expect({
        name,
        shorter: (functionTimeouts.get(functionName) as number) < (state.TimeoutSeconds as number),
      }).toEqual({ name, shorter: true });
    }
  });

  it('never retries a decline, a shortage or a missing carrier', () => {
    const retried = new Set(
      states.flatMap(([, state]) => (state.Retry ?? []).flatMap((retrier) => retrier.ErrorEquals)),
    );
    for (const error of [
      'OutOfStock',
      'NoCarrierAvailable',
      'InvalidStepInput',
      'OrderRecordMissing',
      'OrderStatusConflict',
      'DispatchNotRecorded',
      'PaymentCaptureRejected',
      'OrderCancellationRequested',
      'States.ALL',
      'States.TaskFailed',
      'DynamoDB.AmazonDynamoDBException',
      'DynamoDB.ConditionalCheckFailedException',
    ]) {
      expect(retried).not.toContain(error);
    }
  });

  it('bounds every Lambda step and the whole execution in time', () => {
    const unbounded = states
      .filter(([, state]) => state.Resource?.startsWith('arn:aws:lambda:') && state.TimeoutSeconds === undefined)
      .map(([name]) => name);
    expect(unbounded).toEqual([]);
    expect(definition.TimeoutSeconds).toBeGreaterThan(0);
  });

  it('writes no order itself: every status change is a milestone a step records, conditional on the lifecycle', () => {
    // The milestones' conditions are the domain's lifecycle, written by the order repository (its tests).
    const writes = states.filter(([, state]) => state.Resource?.startsWith('arn:aws:states:::dynamodb:'));
    expect(writes).toEqual([]);
  });

  it('passes every Lambda step the execution’s name, for its log lines', () => {
    const lambdaSteps = states.filter(([, state]) => state.Resource?.startsWith('arn:aws:lambda:'));
    expect(lambdaSteps.length).toBeGreaterThanOrEqual(7);
    for (const [name, state] of lambdaSteps) {
      expect({ name, executionName: state.Parameters?.['executionName.$'] }).toEqual({
        name,
        executionName: '$$.Execution.Name',
      });
    }
  });

  it('ends a dispatched order in CapturePayment, after the parcel is booked, and undoes nothing once the money is taken', () => {
    expect(definition.States.BookShipment).toMatchObject({ Next: 'CapturePayment' });
    expect(definition.States.BookShipment?.Catch?.map((catcher) => [catcher.ErrorEquals, catcher.Next])).toEqual([
      [['OrderCancellationRequested'], 'CancellationRequested'],
      [['States.ALL'], 'DispatchFailed'],
    ]);
    const capturePayment = definition.States.CapturePayment;
    expect(capturePayment).toMatchObject({ End: true });
    expect(capturePayment?.Catch?.map((catcher) => [catcher.ErrorEquals, catcher.Next])).toEqual([
      [['DispatchNotRecorded'], 'DispatchNotRecorded'],
      [['States.ALL'], 'CaptureFailed'],
    ]);
    expect(definition.States.DispatchNotRecorded?.Next).toBe('DescribeUnrecordedDispatch');
    expect(definition.States.DescribeUnrecordedDispatch?.Next).toBe('PublishFailureAlert');
    expect(definition.States.DispatchFailed?.Next).toBe('ReleaseStock');
    expect(definition.States.CaptureFailed?.Next).toBe('ReleaseStock');
  });

  it('retries a capture while the provider is down, never one refused for good', () => {
    const retried = (definition.States.CapturePayment?.Retry ?? []).flatMap((retrier) => retrier.ErrorEquals);
    expect(retried).toContain('PaymentProviderUnavailable');
    expect(retried).not.toContain('PaymentCaptureRejected');
  });
});

describe('the cancellation path', () => {
  let definition: { States: Record<string, State> };

  beforeAll(async () => {
    const service = await loadServiceDefinition('dev');
    definition = renderDefinition(service, service.stateMachines.orderWorkflow?.definition) as typeof definition;
  }, 60_000);

  it('is caught, before any other failure, wherever a step takes the order forward, and undoes it all', () => {
    for (const step of ['ConfirmPayment', 'ProcureOrder', 'BookShipment']) {
      const catchers = definition.States[step]?.Catch ?? [];
      const cancellation = catchers.findIndex((catcher) => catcher.ErrorEquals.includes('OrderCancellationRequested'));
      expect({ step, next: catchers[cancellation]?.Next }).toEqual({ step, next: 'CancellationRequested' });
      expect(cancellation).toBeLessThan(catchers.findIndex((catcher) => catcher.ErrorEquals.includes('States.ALL')));
    }
    expect(definition.States.CancellationRequested?.Next).toBe('ReleaseStock');
    expect(definition.States.MarkOrderCancelled?.Next).toBe('OrderCancelled');
    expect(definition.States.OrderCancelled?.Type).toBe('Succeed');
  });
});
