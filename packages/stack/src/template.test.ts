import {
  actionsOf,
  conditionHolds,
  dependencyGraph,
  errorNamesIn,
  findCycle,
  mixedIntrinsics,
  outputsNotResolvingToString,
  policyStatements,
  stateMachineDefinitions,
  topicConsumersNotAllowed,
  type Template,
} from './template';

// The packaging test relies on this detector; here it is shown to catch what CloudFormation rejects.
describe('findCycle', () => {
  it('finds a cycle hidden in Fn::Sub, Fn::GetAtt and DependsOn', () => {
    const template: Template = {
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { Arn: { 'Fn::Sub': 'arn:${Machine}:${AWS::Region}' } } },
        Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { Task: { 'Fn::GetAtt': ['Step', 'Arn'] } } },
        Step: { Type: 'AWS::Lambda::Function', DependsOn: ['Role'] },
      },
    };
    expect(findCycle(dependencyGraph(template))).toEqual(['Role', 'Machine', 'Step', 'Role']);
  });

  it('passes a template whose dependencies all point one way', () => {
    const template: Template = {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table' },
        Role: { Type: 'AWS::IAM::Role', Properties: { R: { 'Fn::Sub': '${Table.Arn}/index/x' } } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } },
          DependsOn: 'Role',
        },
      },
    };
    expect(findCycle(dependencyGraph(template))).toBeUndefined();
  });
});

describe('dependencyGraph', () => {
  it('follows every form CloudFormation accepts: dotted GetAtt, Sub with variables, Refs in lists; not pseudo-parameters', () => {
    const template: Template = {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table' },
        Topic: { Type: 'AWS::SNS::Topic' },
        Queue: { Type: 'AWS::SQS::Queue' },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Table: { 'Fn::GetAtt': 'Table.Arn' },
            Arns: [{ Ref: 'Topic' }, { Ref: 'AWS::Region' }, null, 7],
            Url: { 'Fn::Sub': ['https://${Host}/${AWS::Region}', { Host: { 'Fn::GetAtt': ['Queue', 'Url'] } }] },
          },
        },
      },
    };
    expect(dependencyGraph(template).get('Fn')).toEqual(new Set(['Table', 'Topic', 'Queue']));
  });
});

describe('mixedIntrinsics', () => {
  it('finds an intrinsic that a deep merge left beside another one', () => {
    const merged = {
      Outputs: {
        Url: { Value: { 'Fn::Join': ['', ['https://', { Ref: 'Api' }]], 'Fn::Sub': 'https://${Api}' } },
      },
    };
    expect(mixedIntrinsics(merged)).toEqual(['$.Outputs.Url.Value: Fn::Join, Fn::Sub']);
  });

  it('finds a Ref beside a plain key, deep in a list', () => {
    expect(mixedIntrinsics({ Resources: { A: { Properties: { List: [{ Ref: 'B', Extra: 1 }] } } } })).toEqual([
      '$.Resources.A.Properties.List[0]: Ref, Extra',
    ]);
  });

  it('passes intrinsics that are alone in their objects, nested or not', () => {
    expect(
      mixedIntrinsics({ Value: { 'Fn::Join': ['', [{ Ref: 'A' }, { 'Fn::GetAtt': ['B', 'Arn'] }]] }, Condition: 'C' }),
    ).toEqual([]);
  });
});

describe('outputsNotResolvingToString', () => {
  const withOutputs = (Outputs: Record<string, unknown>): Template => ({ Resources: {}, Outputs });

  it('passes strings and the intrinsics that give one, Fn::If on both branches', () => {
    expect(
      outputsNotResolvingToString(
        withOutputs({
          Plain: { Value: 'x' },
          Ref: { Value: { Ref: 'Topic' } },
          Sub: { Value: { 'Fn::Sub': 'arn:${Topic}' } },
          If: { Value: { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] } },
        }),
      ),
    ).toEqual([]);
  });

  it('names an output whose value is a list, a number, a merged object or missing', () => {
    expect(
      outputsNotResolvingToString(
        withOutputs({
          List: { Value: { 'Fn::Split': [',', 'a,b'] } },
          Number: { Value: 3 },
          Merged: { Value: { 'Fn::Join': ['', []], 'Fn::Sub': 'x' } },
          Missing: { Description: 'no value' },
          BadBranch: { Value: { 'Fn::If': ['C', { Ref: 'A' }, ['a']] } },
        }),
      ),
    ).toEqual(['List', 'Number', 'Merged', 'Missing', 'BadBranch']);
  });
});

describe('stateMachineDefinitions and errorNamesIn', () => {
  it('reads every ErrorEquals of a packaged definition, Parallel branches included', () => {
    const definition = {
      States: {
        Pay: { Retry: [{ ErrorEquals: ['Lambda.ServiceException'] }], Catch: [{ ErrorEquals: ['States.ALL'] }] },
        Both: {
          Catch: [{ ErrorEquals: ['OutOfStock'] }],
          Branches: [{ States: { Reserve: { Retry: [{ ErrorEquals: ['DynamoDB.RequestLimitExceeded'] }] } } }],
        },
      },
    };
    const template: Template = {
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: { 'Fn::Sub': [JSON.stringify(definition), {}] } },
        },
      },
    };

    expect(Object.values(stateMachineDefinitions(template)).flatMap(errorNamesIn)).toEqual([
      { state: 'Pay', name: 'Lambda.ServiceException' },
      { state: 'Pay', name: 'States.ALL' },
      { state: 'Both', name: 'OutOfStock' },
      { state: 'Reserve', name: 'DynamoDB.RequestLimitExceeded' },
    ]);
  });
});

describe('policyStatements', () => {
  it('reads the statements of role policies and of policy resources, both branches of a conditional one', () => {
    const read = { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'orders' };
    const write = { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: 'orders' };
    const publish = { Effect: 'Allow', Action: 'sns:Publish', Resource: 'alerts' };
    const template: Template = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            Policies: [
              { PolicyDocument: { Statement: [read, { 'Fn::If': ['IsProd', write, { Ref: 'AWS::NoValue' }] }] } },
            ],
          },
        },
        TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { PolicyDocument: { Statement: publish } } },
        Bare: { Type: 'AWS::IAM::Role' },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      },
    };

    const found = policyStatements(template);

    expect(found).toEqual([
      { owner: 'Role', statement: read },
      { owner: 'Role', statement: write },
      { owner: 'TopicPolicy', statement: publish },
    ]);
    expect(found.flatMap(({ statement }) => actionsOf(statement))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
      'sns:Publish',
    ]);
    expect(actionsOf({ Effect: 'Deny' })).toEqual([]);
  });

  it('reads a policy given as a JSON string, bare or in !Sub, as a log group resource policy is', () => {
    const deliver = {
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '${Log.Arn}',
    };
    const template: Template = {
      Resources: {
        Substituted: {
          Type: 'AWS::Logs::ResourcePolicy',
          Properties: { PolicyDocument: { 'Fn::Sub': JSON.stringify({ Statement: [deliver] }) } },
        },
        Plain: {
          Type: 'AWS::Logs::ResourcePolicy',
          Properties: { PolicyDocument: JSON.stringify({ Statement: { ...deliver, Resource: '*' } }) },
        },
      },
    };

    expect(policyStatements(template)).toEqual([
      { owner: 'Substituted', statement: deliver },
      { owner: 'Plain', statement: { ...deliver, Resource: '*' } },
    ]);
  });
});

describe('conditionHolds', () => {
  const template: Template = {
    Resources: {},
    Conditions: {
      IsProd: { 'Fn::Equals': ['prod', 'prod'] },
      IsNotProd: { 'Fn::Not': [{ 'Fn::Equals': ['prod', 'prod'] }] },
      ByRef: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
      Odd: { 'Fn::Or': [] },
    },
  };

  it('evaluates Fn::Equals and Fn::Not on what sls package leaves', () => {
    expect(conditionHolds(template, 'IsProd')).toBe(true);
    expect(conditionHolds(template, 'IsNotProd')).toBe(false);
    expect(conditionHolds(template, 'ByRef')).toBe(false);
  });

  it('refuses a condition it cannot evaluate or that the template lacks', () => {
    expect(() => conditionHolds(template, 'Odd')).toThrow(/Cannot evaluate condition/);
    expect(() => conditionHolds(template, 'Missing')).toThrow(/has no condition Missing/);
    expect(() => conditionHolds({ Resources: {} }, 'IsProd')).toThrow(/has no condition IsProd/);
  });
});

describe('topicConsumersNotAllowed', () => {
  const alarm = { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmActions: [{ Ref: 'Alerts' }, 'arn:other'] } };
  const policy = (statement: unknown) => ({
    Type: 'AWS::SNS::TopicPolicy',
    Properties: { Topics: [{ Ref: 'Alerts' }], PolicyDocument: { Statement: statement } },
  });
  const cloudwatch = (extra: Record<string, unknown> = {}) => ({
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: 'sns:Publish',
    Resource: { Ref: 'Alerts' },
    Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:*:123:alarm:*' } },
    ...extra,
  });
  const withTopic = (resources: Template['Resources']): Template => ({
    Resources: { Alerts: { Type: 'AWS::SNS::Topic' }, Alarm: alarm, ...resources },
  });

  it('names a topic with no policy, or two', () => {
    expect(topicConsumersNotAllowed(withTopic({}))).toEqual(['Alarm → Alerts: the topic has 0 policies, not one']);
    expect(topicConsumersNotAllowed(withTopic({ A: policy([cloudwatch()]), B: policy([cloudwatch()]) }))).toEqual([
      'Alarm → Alerts: the topic has 2 policies, not one',
    ]);
  });

  it('lets in only an allowing, scoped statement for the topic, sns:* included', () => {
    expect(topicConsumersNotAllowed(withTopic({ P: policy(cloudwatch({ Action: ['sns:*'] })) }))).toEqual([]);
    for (const refused of [
      cloudwatch({ Effect: 'Deny' }),
      cloudwatch({ Action: 'sns:Subscribe' }),
      cloudwatch({ Resource: { Ref: 'Other' } }),
      cloudwatch({ Condition: undefined }),
      cloudwatch({ Principal: { AWS: '*' } }),
    ]) {
      expect(topicConsumersNotAllowed(withTopic({ P: policy(refused) }))).toEqual([
        'Alarm → Alerts: no statement lets cloudwatch.amazonaws.com (scoped to this account) sns:Publish',
      ]);
    }
  });

  it('asks the account itself for subscriptions', () => {
    const subscription = { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Alerts' } } };
    expect(topicConsumersNotAllowed(withTopic({ Email: subscription, P: policy([cloudwatch()]) }))).toEqual([
      'Email → Alerts: no statement lets this account sns:Subscribe',
    ]);
  });
});

describe('stateMachineDefinitions', () => {
  it('reads a plain DefinitionString and one under Fn::Sub, and errorNamesIn looks inside a Map', () => {
    const definition = {
      States: { Each: { ItemProcessor: { States: { Step: { Retry: [{ ErrorEquals: ['States.Timeout'] }] } } } } },
    };
    const template: Template = {
      Resources: {
        Plain: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: JSON.stringify(definition) },
        },
        Sub: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: { 'Fn::Sub': JSON.stringify(definition) } },
        },
      },
    };

    const definitions = stateMachineDefinitions(template);

    expect(definitions).toEqual({ Plain: definition, Sub: definition });
    expect(errorNamesIn(definitions.Plain)).toEqual([{ state: 'Step', name: 'States.Timeout' }]);
  });
});
