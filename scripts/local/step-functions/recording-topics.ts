import { randomUUID } from 'node:crypto';
import type { LocalTopics, PublishedMessage } from './local-task-handlers';

/** An SNS stand-in that keeps every message published, in order, and tells listeners. */
export const recordingTopics = (onPublish: (message: PublishedMessage) => void = () => undefined) => {
  const published: PublishedMessage[] = [];
  const topics: LocalTopics & { readonly published: readonly PublishedMessage[] } = {
    published,
    async publish({ TopicArn, Subject, Message }) {
      const message: PublishedMessage = {
        topicArn: TopicArn,
        ...(Subject === undefined ? {} : { subject: Subject }),
        // Step Functions sends a JSON Message as its serialization, as SNS takes only text.
        message: typeof Message === 'string' ? Message : JSON.stringify(Message),
        messageId: randomUUID(),
        publishedAt: new Date().toISOString(),
      };
      published.push(message);
      onPublish(message);
      return { MessageId: message.messageId };
    },
  };
  return topics;
};
