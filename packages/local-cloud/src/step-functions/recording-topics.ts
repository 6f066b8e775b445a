import { randomUUID } from 'node:crypto';
import {
  ServiceFailure,
  type LocalTopics,
  type PublishedMessage,
  type TopicAdministration,
  type TopicSubscription,
} from './local-task-handlers';

// SNS's limits on what Publish takes: a subject of printable ASCII without line breaks.
const MAX_SUBJECT_LENGTH = 100;
const SUBJECT = /^[\x20-\x7e]*$/;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An SNS HTTP notification, as SNS POSTs it to a subscribed endpoint (unsigned here). */
export const notificationOf = (message: PublishedMessage, subscription: TopicSubscription) => ({
  Type: 'Notification',
  MessageId: message.messageId,
  TopicArn: message.topicArn,
  ...(message.subject === undefined ? {} : { Subject: message.subject }),
  Message: message.message,
  Timestamp: message.publishedAt,
  UnsubscribeURL: `${subscription.endpoint}#unsubscribe-not-served-locally`,
});

/** Delivers once, as SNS's first attempt: a subscriber that is down misses the message (SNS would retry). */
const deliverOverHttp = async (message: PublishedMessage, subscription: TopicSubscription) => {
  await fetch(subscription.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': message.messageId,
      'x-amz-sns-topic-arn': message.topicArn,
      'x-amz-sns-subscription-arn': subscription.subscriptionArn,
    },
    body: JSON.stringify(notificationOf(message, subscription)),
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
};

/**
 * An SNS stand-in that keeps every message published, in order, tells listeners, and delivers it
 * to the topic's subscribed HTTP endpoints (on loopback only). It refuses what SNS refuses, with
 * SNS's error codes: a topic that was never created, an empty message, a subject SNS would not take.
 */
export const recordingTopics = (
  onPublish: (message: PublishedMessage) => void = () => undefined,
  deliver: (message: PublishedMessage, subscription: TopicSubscription) => Promise<void> = deliverOverHttp,
) => {
  const published: PublishedMessage[] = [];
  const topicArns = new Set<string>();
  const subscriptions: TopicSubscription[] = [];
  const topics: LocalTopics & TopicAdministration & { readonly published: readonly PublishedMessage[] } = {
    published,
    createTopic(topicArn) {
      topicArns.add(topicArn);
    },
    topicArns: () => [...topicArns],
    subscribe({ topicArn, protocol, endpoint }) {
      if (!topicArns.has(topicArn)) throw new ServiceFailure('NotFound', 'Topic does not exist', 404);
      if (protocol !== 'http' && protocol !== 'https') {
        throw new ServiceFailure(
          'InvalidParameter',
          `Invalid parameter: the local SNS delivers over http and https only, not ${protocol}`,
          400,
        );
      }
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        throw new ServiceFailure('InvalidParameter', 'Invalid parameter: Endpoint', 400);
      }
      if (url.protocol !== `${protocol}:` || !LOOPBACK_HOSTS.has(url.hostname)) {
        throw new ServiceFailure(
          'InvalidParameter',
          `Invalid parameter: Endpoint must be an ${protocol} URL on loopback`,
          400,
        );
      }
      // SNS answers the same subscription for the same endpoint. It would first ask the endpoint to
      // confirm; locally the subscription is confirmed at once.
      const existing = subscriptions.find((s) => s.topicArn === topicArn && s.endpoint === endpoint);
      if (existing) return existing;
      const subscription: TopicSubscription = {
        subscriptionArn: `${topicArn}:${randomUUID()}`,
        topicArn,
        protocol,
        endpoint,
      };
      subscriptions.push(subscription);
      return subscription;
    },
    subscriptionsOf: (topicArn) => subscriptions.filter((subscription) => subscription.topicArn === topicArn),
    async publish({ TopicArn, Subject, Message }) {
      if (!topicArns.has(TopicArn)) throw new ServiceFailure('NotFound', 'Topic does not exist', 404);
      // Step Functions sends a JSON Message as its serialization, as SNS takes only text.
      const text = typeof Message === 'string' ? Message : JSON.stringify(Message);
      if (!text) throw new ServiceFailure('InvalidParameter', 'Invalid parameter: Empty message', 400);
      if (Subject !== undefined && (Subject.length > MAX_SUBJECT_LENGTH || !SUBJECT.test(Subject) || !Subject)) {
        throw new ServiceFailure('InvalidParameter', 'Invalid parameter: Subject', 400);
      }
      const message: PublishedMessage = {
        topicArn: TopicArn,
        ...(Subject === undefined ? {} : { subject: Subject }),
        message: text,
        messageId: randomUUID(),
        publishedAt: new Date().toISOString(),
      };
      published.push(message);
      onPublish(message);
      for (const subscription of topics.subscriptionsOf(TopicArn)) void deliver(message, subscription);
      return { MessageId: message.messageId };
    },
  };
  return topics;
};
