import { topicConsumersNotAllowed } from './template';
import { grantAlertTopic } from './alert-topic-policy';
import type { Template } from './template';

const alarm = { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmActions: [{ Ref: 'AlertTopic' }] } };
const rule = { Type: 'AWS::Events::Rule', Properties: { Targets: [{ Arn: { Ref: 'AlertTopic' }, Id: 'failed' }] } };
const subscription = { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'AlertTopic' } } };
// What serverless-step-functions writes for its notifications: EventBridge only, unscoped.
const frameworkPolicy = () => ({
  Type: 'AWS::SNS::TopicPolicy',
  Properties: {
    Topics: [{ Ref: 'AlertTopic' }],
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'FAILED-sns',
          Principal: { Service: 'events.amazonaws.com' },
          Effect: 'Allow',
          Action: 'sns:Publish',
          Resource: { Ref: 'AlertTopic' },
        },
      ],
    },
  },
});
const stack = (extra: Template['Resources'] = {}): Template => ({
  Resources: {
    AlertTopic: { Type: 'AWS::SNS::Topic' },
    ExecutionsFailedAlarm: alarm,
    FailedRule: rule,
    AlertEmailSubscription: subscription,
    ...extra,
  },
});

describe('grantAlertTopic', () => {
  it("finds on today's framework policy that alarms and the subscription are not let in", () => {
    expect(topicConsumersNotAllowed(stack({ FrameworkPolicy: frameworkPolicy() }) as never)).toEqual([
      'ExecutionsFailedAlarm → AlertTopic: no statement lets cloudwatch.amazonaws.com (scoped to this account) sns:Publish',
      'FailedRule → AlertTopic: no statement lets events.amazonaws.com (scoped to this account) sns:Publish',
      'AlertEmailSubscription → AlertTopic: no statement lets this account sns:Subscribe',
    ]);
  });

  it('lets alarms, rules and the account in through the one policy the framework wrote', () => {
    const template = stack({ FrameworkPolicy: frameworkPolicy() });

    grantAlertTopic(template, 'AlertTopic');
    grantAlertTopic(template, 'AlertTopic');

    expect(topicConsumersNotAllowed(template as never)).toEqual([]);
    const policies = Object.values(template.Resources).filter((r) => r.Type === 'AWS::SNS::TopicPolicy');
    expect(policies).toHaveLength(1);
    const statements = (policies[0]?.Properties?.PolicyDocument as { Statement: { Sid: string }[] }).Statement;
    expect(statements.map((statement) => statement.Sid)).toEqual([
      'FAILED-sns',
      'CloudWatchAlarmsPublish',
      'AccountSubscribes',
    ]);
    expect(statements[1]).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Condition: {
        ArnLike: {
          'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*' },
        },
      },
    });
    expect(statements[0]).toMatchObject({
      Condition: {
        ArnLike: {
          'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/*' },
        },
      },
    });
  });

  it('writes the policy when the topic has none', () => {
    const template = stack();

    grantAlertTopic(template, 'AlertTopic');

    expect(template.Resources.AlertTopicPolicy?.Properties?.Topics).toEqual([{ Ref: 'AlertTopic' }]);
    expect(topicConsumersNotAllowed(stack({ ...template.Resources }) as never)).toEqual([
      'FailedRule → AlertTopic: no statement lets events.amazonaws.com (scoped to this account) sns:Publish',
    ]);
  });

  it('refuses a topic with two policies: SNS would keep only one', () => {
    const template = stack({ One: frameworkPolicy(), Two: frameworkPolicy() });

    expect(() => grantAlertTopic(template, 'AlertTopic')).toThrow(/AlertTopic has 2 topic policies/);
    expect(topicConsumersNotAllowed(template as never)).toContain(
      'ExecutionsFailedAlarm → AlertTopic: the topic has 2 policies, not one',
    );
  });
});
