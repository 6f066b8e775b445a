import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { AWS_ERROR_NAMES } from './aws-error-names';
import { inProcessLambdas } from './in-process-lambdas';
import { localTaskHandlers } from './local-task-handlers';
import { recordingTopics } from './recording-topics';
import { runLocalExecution } from './run-local-execution';
import { REPO_ROOT } from '../repo-root';

// One failing call of each kind the workflow makes, run through the local runner: each must reach
// Retry and Catch under the name AWS gives it (aws-error-names.ts), with a cause of AWS's shape.

const TOPIC = 'arn:aws:sns:eu-west-1:000000000000:alerts';
const FIXTURES = 'packages/local-cloud/src/step-functions/fixtures/failing-handlers';
const fixture = (name: string, handler: string) => ({ name, handler: `${FIXTURES}.${handler}`, timeout: 25 });

/** A one-task workflow whose Catch hands the error over as the execution's output. */
const caughtBy = (task: Record<string, unknown>) => ({
  StartAt: 'Call',
  States: {
    Call: {
      Type: 'Task',
      ...task,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: 'Done' }],
      End: true,
    },
    Done: { Type: 'Succeed', OutputPath: '$.caught' },
  },
});

describe('the local runner names failures as AWS does', () => {
  let dynamodb: LocalDynamoDb;
  const topics = recordingTopics();
  topics.createTopic(TOPIC);

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await dynamodb.client.send(
      new CreateTableCommand({
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await dynamodb.client.send(
      new PutItemCommand({ TableName: 'orders', Item: { orderId: { S: 'o-1' }, status: { S: 'DISPATCHED' } } }),
    );
  });
  afterAll(() => dynamodb?.stop());

  const run = async (task: Record<string, unknown>) => {
    const definition = caughtBy(task);
    const lambdas = inProcessLambdas(
      { hangs: fixture('fixture-hangs', 'hangs'), throws: fixture('fixture-throws', 'throwsStepError') },
      REPO_ROOT,
      { timeoutMs: () => 50 },
    );
    const { status, output } = await runLocalExecution({
      definition,
      stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:names',
      name: 'names',
      input: {},
      taskHandlers: localTaskHandlers(definition, { lambdas, dynamodb: dynamodb.client, topics }),
    });
    expect(status).toBe('SUCCEEDED');
    return output as { Error: string; Cause: string };
  };

  const updateItem = (parameters: Record<string, unknown>) => ({
    Resource: 'arn:aws:states:::dynamodb:updateItem',
    Parameters: { TableName: 'orders', Key: { orderId: { S: 'o-1' } }, ...parameters },
  });
  const dynamoDbCause = (code: string) =>
    new RegExp(
      `^.+ \\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ${code}; Request ID: \\S+; Proxy: null\\)$`,
    );

  it('DynamoDB: a refused condition is DynamoDB.ConditionalCheckFailedException', async () => {
    const caught = await run(
      updateItem({
        UpdateExpression: 'SET #s = :failed',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':failed': { S: 'FAILED' }, ':pending': { S: 'PENDING' } },
      }),
    );
    expect(caught.Error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(caught.Cause).toMatch(dynamoDbCause('ConditionalCheckFailedException'));
  });

  it('DynamoDB: a ValidationException is AWS’s catch-all DynamoDB.AmazonDynamoDBException, never a retryable name', async () => {
    const caught = await run(
      updateItem({ UpdateExpression: 'SET status = :x', ExpressionAttributeValues: { ':x': { S: 'x' } } }),
    );
    expect(caught.Error).toBe('DynamoDB.AmazonDynamoDBException');
    expect(caught.Cause).toMatch(dynamoDbCause('ValidationException'));
  });

  it('DynamoDB: a missing table is DynamoDB.ResourceNotFoundException', async () => {
    const caught = await run(
      updateItem({
        TableName: 'no-such-table',
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': { S: 'a' } },
      }),
    );
    expect(caught.Error).toBe('DynamoDB.ResourceNotFoundException');
    expect(caught.Cause).toMatch(dynamoDbCause('ResourceNotFoundException'));
  });

  it('SNS: a topic that does not exist is SNS.NotFoundException', async () => {
    const caught = await run({
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:eu-west-1:000000000000:nobody', Message: { orderId: 'o-1' } },
    });
    expect(caught).toEqual({
      Error: 'SNS.NotFoundException',
      Cause: expect.stringMatching(
        /^Topic does not exist \(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: \S+; Proxy: null\)$/,
      ),
    });
    expect(topics.published).toEqual([]);
  });

  it('Lambda: a function that runs past its timeout is Sandbox.Timedout, with the runtime’s message', async () => {
    const caught = await run({
      Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:fixture-hangs',
      TimeoutSeconds: 30,
    });
    expect(caught.Error).toBe('Sandbox.Timedout');
    expect(JSON.parse(caught.Cause)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 0\.05 seconds$/),
    });
  });

  it('Lambda: an error the handler throws is its own name, the cause the runtime’s JSON', async () => {
    const caught = await run({ Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:fixture-throws' });
    expect(caught.Error).toBe('CarrierUnavailable');
    expect(JSON.parse(caught.Cause)).toMatchObject({
      errorType: 'CarrierUnavailable',
      errorMessage: 'The carrier answered 503',
      trace: expect.any(Array),
    });
  });

  it('Lambda: a function that does not exist is Lambda.ResourceNotFoundException', async () => {
    const caught = await run({ Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:nobody' });
    expect(caught.Error).toBe('Lambda.ResourceNotFoundException');
    expect(caught.Cause).toMatch(/^Function not found: nobody \(Service: AWSLambda; Status Code: 404;/);
  });

  it('raises only names on the list the workflow’s Retry and Catch are held to', () => {
    for (const name of [
      'DynamoDB.ConditionalCheckFailedException',
      'DynamoDB.AmazonDynamoDBException',
      'DynamoDB.ResourceNotFoundException',
      'SNS.NotFoundException',
      'Sandbox.Timedout',
      'Lambda.ResourceNotFoundException',
    ]) {
      expect(AWS_ERROR_NAMES).toContain(name);
    }
  });
});
