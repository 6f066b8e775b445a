import { assertRunnableLocally, renderDefinition, topicArnsOf, UnsupportedDefinitionError } from './render-definition';
import type { ServiceDefinition } from './service-definition';

const machine = (state: Record<string, unknown>) => ({ StartAt: 'Only', States: { Only: { End: true, ...state } } });

describe('the local stack refuses what aws-local-stepfunctions would run wrongly', () => {
  it('accepts a JSONPath definition with Lambda and service integrations', () => {
    expect(() =>
      assertRunnableLocally(machine({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:updateItem' })),
    ).not.toThrow();
  });

  it.each([
    ['JSONata', { QueryLanguage: 'JSONata', States: {} }, 'JSONata'],
    ['variables', machine({ Type: 'Pass', Assign: { total: 1 } }), 'variables (Assign)'],
    [
      'task tokens',
      machine({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }),
      'task tokens',
    ],
    [
      '.sync integrations',
      machine({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2' }),
      '.sync',
    ],
  ])('refuses %s, naming where', (_, definition, named) => {
    expect(() => assertRunnableLocally(definition)).toThrow(UnsupportedDefinitionError);
    expect(() => assertRunnableLocally(definition)).toThrow(named);
  });
});

describe('a definition rendered as CloudFormation would on this stage', () => {
  const service: ServiceDefinition = {
    service: 'order-platform',
    stage: 'local',
    region: 'eu-west-1',
    functions: { reserveStock: { handler: 'h.handler', name: 'order-platform-local-reserveStock', timeout: 6 } },
    httpApi: {},
    stateMachines: {},
    resources: {
      AlertsTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'order-platform-local-alerts' } },
      OrdersTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'order-platform-local-orders' } },
      Bucket: { Type: 'AWS::S3::Bucket' },
    },
  };

  it('puts the function’s ARN for !GetAtt …LambdaFunction.Arn, a topic’s ARN and a table’s name for !Ref', () => {
    const definition = {
      States: {
        Reserve: { Resource: { 'Fn::GetAtt': ['ReserveStockLambdaFunction', 'Arn'] }, Retry: [{ MaxAttempts: 2 }] },
        Alert: { Parameters: { TopicArn: { Ref: 'AlertsTopic' }, TableName: { Ref: 'OrdersTable' } } },
      },
    };

    expect(renderDefinition(service, definition)).toEqual({
      States: {
        Reserve: {
          Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:order-platform-local-reserveStock',
          Retry: [{ MaxAttempts: 2 }],
        },
        Alert: {
          Parameters: {
            TopicArn: 'arn:aws:sns:eu-west-1:000000000000:order-platform-local-alerts',
            TableName: 'order-platform-local-orders',
          },
        },
      },
    });
  });

  it.each([
    [
      { 'Fn::GetAtt': ['ShipLambdaFunction', 'Arn'] },
      '!GetAtt ShipLambdaFunction.Arn names no function in serverless.yml',
    ],
    [
      { 'Fn::GetAtt': ['ReserveStockLambdaFunction', 'Version'] },
      '!GetAtt ReserveStockLambdaFunction.Version is not supported',
    ],
    [{ Ref: 'Bucket' }, '!Ref Bucket is not a topic or table the local stack knows'],
    [{ Ref: 'Missing' }, '!Ref Missing is not a topic or table the local stack knows'],
    [{ 'Fn::Sub': 'arn:${AWS::Partition}:x' }, 'Fn::Sub is not supported in the workflow definition'],
  ])('refuses what it cannot render, never guessing (%p)', (intrinsic, message) => {
    expect(() => renderDefinition(service, { Resource: intrinsic })).toThrow(new UnsupportedDefinitionError(message));
  });

  it('names the ARN of every topic the stage declares, and only topics', () => {
    expect(topicArnsOf(service)).toEqual(['arn:aws:sns:eu-west-1:000000000000:order-platform-local-alerts']);
  });
});
