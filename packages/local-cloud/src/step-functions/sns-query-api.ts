import { randomUUID } from 'node:crypto';
import { ServiceFailure, type LocalTopics, type TopicAdministration } from './local-task-handlers';

// SNS's API as the AWS SDK and the AWS CLI call it (the AWS Query protocol: a form-encoded POST,
// an XML answer): Publish, which a Lambda of the platform calls (what it publishes lands in the
// same recorder as the workflow's own alerts), and ListTopics, Subscribe (HTTP endpoints on
// loopback) and ListSubscriptionsByTopic, for an operator or a test that listens to a topic.

const NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface QueryAnswer {
  readonly status: number;
  readonly body: string;
}

const errorAnswer = (status: number, code: string, message: string): QueryAnswer => ({
  status,
  body:
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
});

const answerOf = (action: string, result: string): QueryAnswer => ({
  status: 200,
  body:
    `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
});

const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

const administer = (action: string, parameters: URLSearchParams, topics: TopicAdministration): QueryAnswer => {
  if (action === 'ListTopics') {
    const members = topics.topicArns().map((arn) => `<member>${element('TopicArn', arn)}</member>`);
    return answerOf(action, `<Topics>${members.join('')}</Topics>`);
  }
  const topicArn = parameters.get('TopicArn');
  if (!topicArn) return errorAnswer(400, 'InvalidParameter', 'Invalid parameter: TopicArn');
  if (action === 'Subscribe') {
    const { subscriptionArn } = topics.subscribe({
      topicArn,
      protocol: parameters.get('Protocol') ?? '',
      endpoint: parameters.get('Endpoint') ?? '',
    });
    return answerOf(action, element('SubscriptionArn', subscriptionArn));
  }
  if (!topics.topicArns().includes(topicArn)) return errorAnswer(404, 'NotFound', 'Topic does not exist');
  const members = topics
    .subscriptionsOf(topicArn)
    .map(
      (subscription) =>
        `<member>${element('TopicArn', subscription.topicArn)}${element('Protocol', subscription.protocol)}` +
        `${element('SubscriptionArn', subscription.subscriptionArn)}${element('Owner', '000000000000')}` +
        `${element('Endpoint', subscription.endpoint)}</member>`,
    );
  return answerOf(action, `<Subscriptions>${members.join('')}</Subscriptions>`);
};

const ADMINISTRATION = new Set(['ListTopics', 'Subscribe', 'ListSubscriptionsByTopic']);

/** Answers one form-encoded SNS request against the local topics; a failure is an SNS error answer. */
export const answerSnsQuery = async (
  form: string,
  topics: LocalTopics & Partial<TopicAdministration>,
): Promise<QueryAnswer> => {
  const parameters = new URLSearchParams(form);
  const action = parameters.get('Action') ?? '';
  const { topicArns, subscribe, subscriptionsOf } = topics;
  if (ADMINISTRATION.has(action) && topicArns && subscribe && subscriptionsOf) {
    try {
      return administer(action, parameters, { topicArns, subscribe, subscriptionsOf });
    } catch (error) {
      if (error instanceof ServiceFailure) return errorAnswer(error.statusCode, error.code, error.message);
      return errorAnswer(500, 'InternalError', (error as Error).message);
    }
  }
  if (action !== 'Publish') {
    return errorAnswer(
      400,
      'InvalidAction',
      `The SNS stand-in serves Publish, ListTopics, Subscribe and ListSubscriptionsByTopic, not ${action || 'no action'}`,
    );
  }
  const topicArn = parameters.get('TopicArn');
  if (!topicArn) return errorAnswer(400, 'InvalidParameter', 'Invalid parameter: TopicArn');
  const subject = parameters.get('Subject');
  try {
    const { MessageId } = await topics.publish({
      TopicArn: topicArn,
      ...(subject === null ? {} : { Subject: subject }),
      Message: parameters.get('Message') ?? '',
    });
    return {
      status: 200,
      body:
        `<PublishResponse xmlns="${NAMESPACE}"><PublishResult><MessageId>${MessageId}</MessageId></PublishResult>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    };
  } catch (error) {
    if (error instanceof ServiceFailure) return errorAnswer(error.statusCode, error.code, error.message);
    return errorAnswer(500, 'InternalError', (error as Error).message);
  }
};
