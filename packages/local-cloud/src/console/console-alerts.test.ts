import { consoleAlertOf } from './console-alerts';

// What the console's alert panel shows for each message published to the alert topic.

const published = {
  topicArn: 'arn:aws:sns:eu-west-1:000000000000:order-platform-local-alerts',
  messageId: 'm-1',
  publishedAt: '2026-11-21T10:00:00.000Z',
};
const lambdaCause = JSON.stringify({ errorType: 'OutOfStock', errorMessage: 'Not enough stock', trace: ['at x'] });

describe('an alert in the console', () => {
  it('shows the workflow’s failure by its fields, the cause as the message a Lambda error carried', () => {
    const failure = { orderId: 'o-1', step: 'ReserveStock', error: 'OutOfStock', cause: lambdaCause, extra: 1 };

    expect(consoleAlertOf({ ...published, subject: 'Order failed', message: JSON.stringify(failure) })).toEqual({
      messageId: 'm-1',
      topic: 'order-platform-local-alerts',
      publishedAt: '2026-11-21T10:00:00.000Z',
      subject: 'Order failed',
      orderId: 'o-1',
      step: 'ReserveStock',
      error: 'OutOfStock',
      cause: 'Not enough stock',
    });
  });

  it('leaves out the fields that are not text, and keeps an empty cause as it is', () => {
    const message = JSON.stringify({ orderId: 42, step: null, error: 'X', cause: '' });

    expect(consoleAlertOf({ ...published, message })).toEqual({
      messageId: 'm-1',
      topic: 'order-platform-local-alerts',
      publishedAt: '2026-11-21T10:00:00.000Z',
      error: 'X',
      cause: '',
    });
    expect(consoleAlertOf({ ...published, message: JSON.stringify({ error: 'X' }) })).toEqual({
      messageId: 'm-1',
      topic: 'order-platform-local-alerts',
      publishedAt: '2026-11-21T10:00:00.000Z',
      error: 'X',
    });
  });

  it.each([['Disk almost full'], ['[1,2]'], ['7'], ['null']])(
    'shows anything else published to the topic as its text (%s)',
    (message) => {
      expect(consoleAlertOf({ ...published, message })).toEqual({
        messageId: 'm-1',
        topic: 'order-platform-local-alerts',
        publishedAt: '2026-11-21T10:00:00.000Z',
        text: message,
      });
    },
  );
});
