import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { buildSnsStrandedOrderAlerts } from './sns-stranded-order-alerts';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

describe('stranded order alerts on SNS', () => {
  it('publishes what the reconciler found to the alert topic, as JSON under a short subject', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const topicArn = 'arn:aws:sns:eu-west-1:123456789012:order-platform-dev-order-alerts';
    const stranded = {
      orderId: 'ord-1',
      orderStatus: 'PAYMENT_CONFIRMED',
      liveSince: '2026-12-01T10:00:00.000Z',
      executionStatus: 'ABORTED',
      executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:order-platform-dev-order-workflow:ord-1',
      stage: 'dev',
      detectedAt: '2026-12-01T11:00:00.000Z',
    } as const;

    await buildSnsStrandedOrderAlerts(new SNSClient({ region: 'eu-west-1' }), topicArn).publish(stranded);

    const [call] = sns.commandCalls(PublishCommand);
    expect(call?.args[0].input).toEqual({
      TopicArn: topicArn,
      Subject: 'Order stranded on dev: execution ABORTED',
      Message: expect.any(String),
    });
    expect(JSON.parse(String(call?.args[0].input.Message))).toEqual({ alert: 'StrandedOrder', ...stranded });
  });
});
