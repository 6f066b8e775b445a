import { readableCause } from '@order-platform/ops';
import type { PublishedMessage } from '../step-functions/local-task-handlers';
import type { ConsoleAlert } from './console-api';

const textField = (body: Record<string, unknown>, field: string) =>
  typeof body[field] === 'string' ? { [field]: body[field] as string } : {};

/**
 * The workflow publishes its failure as JSON ({ orderId, step, error, cause, … }); anything else
 * published to the topic is shown as its text.
 */
export const consoleAlertOf = (published: PublishedMessage): ConsoleAlert => {
  const common = {
    messageId: published.messageId,
    topic: published.topicArn.split(':').pop() ?? published.topicArn,
    publishedAt: published.publishedAt,
    ...(published.subject === undefined ? {} : { subject: published.subject }),
  };
  let body: unknown;
  try {
    body = JSON.parse(published.message);
  } catch {
    return { ...common, text: published.message };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ...common, text: published.message };
  const fields = body as Record<string, unknown>;
  return {
    ...common,
    ...textField(fields, 'orderId'),
    ...textField(fields, 'step'),
    ...textField(fields, 'error'),
    // The workflow forwards a Lambda error's cause as the runtime's JSON, stack trace and all.
    ...(typeof fields.cause === 'string' ? { cause: readableCause(fields.cause) ?? fields.cause } : {}),
  };
};
