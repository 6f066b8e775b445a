import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import type { LocalTopics } from './local-task-handlers';
import { recordingTopics } from './recording-topics';
import { startTopicsServer, type TopicsServer } from './topics-server';

// The SNS stand-in as the AWS SDK's SNS client calls it: Publish over the Query protocol.
const TOPIC = 'arn:aws:sns:eu-west-1:000000000000:order-platform-local-order-alerts';
let topics: ReturnType<typeof recordingTopics>;
let server: TopicsServer;
let sns: SNSClient;

beforeAll(async () => {
  topics = recordingTopics();
  topics.createTopic(TOPIC);
  const failing: LocalTopics = {
    createTopic: () => undefined,
    publish: async (message) => {
      if (message.TopicArn.endsWith(':broken')) throw new Error('disk full');
      return topics.publish(message);
    },
  };
  server = await startTopicsServer({ published: topics.published, topics: failing });
  sns = new SNSClient({ endpoint: server.endpoint, region: 'eu-west-1', credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  sns.destroy();
  await server.stop();
});

describe('the SNS stand-in’s Publish', () => {
  it('records what the SDK publishes, as the workflow’s alerts are recorded, and answers its message id', async () => {
    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn: TOPIC, Subject: 'Order stranded on local', Message: '{"orderId":"o-1 & <2>"}' }),
    );

    expect(topics.published).toEqual([
      expect.objectContaining({
        topicArn: TOPIC,
        subject: 'Order stranded on local',
        message: '{"orderId":"o-1 & <2>"}',
        messageId: MessageId,
      }),
    ]);
    const listed = (await (await fetch(`${server.endpoint}/messages`)).json()) as { messages: unknown[] };
    expect(listed.messages).toHaveLength(1);
  });

  it('refuses what SNS refuses, with SNS’s error codes', async () => {
    await expect(
      sns.send(new PublishCommand({ TopicArn: `${TOPIC}-missing`, Message: 'hello' })),
    ).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(sns.send(new PublishCommand({ TopicArn: TOPIC, Message: '' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(sns.send(new PublishCommand({ TopicArn: `${TOPIC}:broken`, Message: 'x' }))).rejects.toMatchObject({
      name: 'InternalErrorException',
      $metadata: { httpStatusCode: 500 },
    });
  });

  it('serves Publish only', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=CreateTopic&Name=other',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidAction</Code>');
    const noTopic = await fetch(server.endpoint, { method: 'POST', body: 'Action=Publish&Message=x' });
    expect(await noTopic.text()).toContain('<Code>InvalidParameter</Code>');
  });
});
