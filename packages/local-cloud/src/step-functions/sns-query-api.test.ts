import {
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import type { LocalTopics, TopicAdministration } from './local-task-handlers';
import { recordingTopics } from './recording-topics';
import { answerSnsQuery } from './sns-query-api';
import { startTopicsServer, type TopicsServer } from './topics-server';

// The SNS stand-in as the AWS SDK's SNS client calls it: Publish over the Query protocol.
const TOPIC = 'arn:aws:sns:eu-west-1:000000000000:order-platform-local-order-alerts';
let topics: ReturnType<typeof recordingTopics>;
let server: TopicsServer;
let sns: SNSClient;

beforeAll(async () => {
  topics = recordingTopics();
  topics.createTopic(TOPIC);
  const failing: LocalTopics & TopicAdministration = {
    createTopic: () => undefined,
    topicArns: () => topics.topicArns(),
    subscribe: (request) => topics.subscribe(request),
    subscriptionsOf: (topicArn) => topics.subscriptionsOf(topicArn),
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

  it('serves Publish, ListTopics, Subscribe and ListSubscriptionsByTopic only', async () => {
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

/** An HTTP endpoint on loopback that keeps what SNS delivers to it. */
const listening = async () => {
  const received: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const listener = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/alerts`,
    received,
    close: () => new Promise<void>((resolve) => listener.close(() => resolve())),
  };
};

describe('the SNS stand-in’s topics and subscriptions', () => {
  it('lists its topics', async () => {
    const { Topics } = await sns.send(new ListTopicsCommand({}));

    expect(Topics).toEqual([{ TopicArn: TOPIC }]);
  });

  it('delivers what is published to a subscribed HTTP endpoint on loopback, and lists the subscription', async () => {
    const subscriber = await listening();
    try {
      const { SubscriptionArn } = await sns.send(
        new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'http', Endpoint: subscriber.url }),
      );
      const { MessageId } = await sns.send(
        new PublishCommand({ TopicArn: TOPIC, Subject: 'Order o-2 failed', Message: '{"orderId":"o-2"}' }),
      );
      const deadline = Date.now() + 5_000;
      while (subscriber.received.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      expect(subscriber.received).toEqual([
        {
          headers: expect.objectContaining({
            'x-amz-sns-message-type': 'Notification',
            'x-amz-sns-topic-arn': TOPIC,
            'x-amz-sns-subscription-arn': SubscriptionArn,
          }),
          body: expect.objectContaining({
            Type: 'Notification',
            MessageId,
            TopicArn: TOPIC,
            Subject: 'Order o-2 failed',
            Message: '{"orderId":"o-2"}',
          }),
        },
      ]);
      const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
      expect(Subscriptions).toEqual([
        { TopicArn: TOPIC, Protocol: 'http', SubscriptionArn, Owner: '000000000000', Endpoint: subscriber.url },
      ]);
    } finally {
      await subscriber.close();
    }
  });

  it('refuses an endpoint off loopback, another protocol and a topic that does not exist', async () => {
    await expect(
      sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'http', Endpoint: 'http://example.com/hook' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'email', Endpoint: 'ops@example.com' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      sns.send(
        new SubscribeCommand({ TopicArn: `${TOPIC}-missing`, Protocol: 'http', Endpoint: 'http://127.0.0.1:1/' }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});

describe('the local topics’ subscriptions, without SNS’s API in front', () => {
  it('answers the same subscription for the same endpoint, and refuses an endpoint that is no URL', () => {
    const local = recordingTopics();
    local.createTopic(TOPIC);

    const first = local.subscribe({ topicArn: TOPIC, protocol: 'http', endpoint: 'http://127.0.0.1:9/hook' });

    expect(local.subscribe({ topicArn: TOPIC, protocol: 'http', endpoint: 'http://127.0.0.1:9/hook' })).toBe(first);
    expect(() => local.subscribe({ topicArn: TOPIC, protocol: 'https', endpoint: 'not a url' })).toThrow(
      'Invalid parameter: Endpoint',
    );
    expect(local.subscriptionsOf(TOPIC)).toEqual([first]);
  });

  it('answers SNS’s errors for a Subscribe without a topic and a listing of a topic that does not exist', async () => {
    const local = recordingTopics();
    local.createTopic(TOPIC);

    expect((await answerSnsQuery('Action=Subscribe&Protocol=http', local)).body).toContain(
      '<Code>InvalidParameter</Code>',
    );
    expect(
      await answerSnsQuery(`Action=ListSubscriptionsByTopic&TopicArn=${encodeURIComponent(`${TOPIC}-missing`)}`, local),
    ).toMatchObject({ status: 404, body: expect.stringContaining('<Code>NotFound</Code>') });
  });
});
