import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { StrandedOrderAlerts } from './ports';

/**
 * Stranded orders go to the stage's alert topic, beside the workflow's own failure alerts: a JSON
 * message (what the reconciler found) under a subject SNS accepts (ASCII, at most 100 characters).
 */
export const buildSnsStrandedOrderAlerts = (client: SNSClient, topicArn: string): StrandedOrderAlerts => ({
  async publish(stranded) {
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: `Order stranded on ${stranded.stage}: execution ${stranded.executionStatus}`.slice(0, 100),
        Message: JSON.stringify({ alert: 'StrandedOrder', ...stranded }),
      }),
    );
  },
});
