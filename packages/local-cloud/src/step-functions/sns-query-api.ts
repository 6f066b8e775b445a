import { randomUUID } from 'node:crypto';
import { ServiceFailure, type LocalTopics } from './local-task-handlers';

// SNS's API as the AWS SDK calls it (the AWS Query protocol: a form-encoded POST, an XML answer),
// for the one action a Lambda of the platform calls: Publish. What a handler publishes lands in
// the same recorder as the workflow's own alerts.

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

/** Answers one form-encoded SNS request against the local topics; a failure is an SNS error answer. */
export const answerSnsQuery = async (form: string, topics: LocalTopics): Promise<QueryAnswer> => {
  const parameters = new URLSearchParams(form);
  const action = parameters.get('Action');
  if (action !== 'Publish') {
    return errorAnswer(400, 'InvalidAction', `The SNS stand-in serves Publish only, not ${action ?? 'no action'}`);
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
