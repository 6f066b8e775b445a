import type { Template } from './template';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: { Service?: string | string[]; AWS?: unknown };
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const servicesOf = (statement: Statement) => [statement.Principal?.Service ?? []].flat();

/**
 * Requests a service makes for this account's own alarms or rules only: both services name the
 * resource they act for in aws:SourceArn (AWS's examples scope the grant with it).
 */
const onBehalfOfThisAccount = (sourceArnPattern: string) => ({
  ArnLike: { 'aws:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:${sourceArnPattern}` } },
});
const EVENTBRIDGE_RULES = onBehalfOfThisAccount('events:${AWS::Region}:${AWS::AccountId}:rule/*');
const CLOUDWATCH_ALARMS = onBehalfOfThisAccount('cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*');

/**
 * Who may act on the alert topic, all in its one policy. serverless-step-functions writes that
 * policy for its EventBridge notifications; SNS keeps one policy per topic (a second replaces the
 * first) and a topic with a policy keeps none of SNS's default grants. So the alarms' publisher
 * (CloudWatch) and the account's own right to subscribe are added to the same policy, and every
 * AWS service's grant is scoped to this account, so that no other account's alarm or rule can
 * publish here through the service (the confused deputy).
 */
export const grantAlertTopic = (template: Template, topicId: string): void => {
  const topic = { Ref: topicId };
  const policies = Object.entries(template.Resources).filter(
    ([, resource]) =>
      resource.Type === 'AWS::SNS::TopicPolicy' &&
      JSON.stringify(resource.Properties?.Topics ?? []).includes(JSON.stringify(topic)),
  );
  if (policies.length > 1) {
    throw new Error(`${topicId} has ${policies.length} topic policies: SNS would keep only one of them`);
  }
  const policy =
    policies[0]?.[1] ??
    (template.Resources[`${topicId}Policy`] = { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [topic] } });
  const document = ((policy.Properties ??= {}).PolicyDocument ??= { Version: '2012-10-17', Statement: [] }) as {
    Statement: Statement[];
  };

  const ours: Statement[] = [
    {
      Sid: 'CloudWatchAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topic,
      Condition: CLOUDWATCH_ALARMS,
    },
    {
      Sid: 'AccountSubscribes',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'sns:Subscribe',
      Resource: topic,
    },
  ];
  const sids = new Set(document.Statement.map((statement) => statement.Sid));
  document.Statement = [
    ...document.Statement.map((statement) =>
      servicesOf(statement).includes('events.amazonaws.com') && !statement.Condition
        ? { ...statement, Condition: EVENTBRIDGE_RULES }
        : statement,
    ),
    ...ours.filter((statement) => !sids.has(statement.Sid)),
  ];
};
