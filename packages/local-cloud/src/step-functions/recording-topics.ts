import { randomUUID } from 'node:crypto';
import { ServiceFailure, type LocalTopics, type PublishedMessage } from './local-task-handlers';

// SNS's limits on what Publish takes: a subject of printable ASCII without line breaks.
const MAX_SUBJECT_LENGTH = 100;
const SUBJECT = /^[\x20-\x7e]*$/;

/**
 * An SNS stand-in that keeps every message published, in order, and tells listeners. It refuses
 * what SNS refuses, with SNS's error codes: a topic that was never created, an empty message, a
 * subject SNS would not take.
 */
export const recordingTopics = (onPublish: (message: PublishedMessage) => void = () => undefined) => {
  const published: PublishedMessage[] = [];
  const topicArns = new Set<string>();
  const topics: LocalTopics & { readonly published: readonly PublishedMessage[] } = {
    published,
    createTopic(topicArn) {
      topicArns.add(topicArn);
    },
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
      return { MessageId: message.messageId };
    },
  };
  return topics;
};
