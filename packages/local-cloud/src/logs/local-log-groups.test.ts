import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateFilterLogEvents,
  type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import { recordingTopics } from '../step-functions/recording-topics';
import { startTopicsServer, type TopicsServer } from '../step-functions/topics-server';
import { createLocalLogGroups, type LocalLogGroups } from './local-log-groups';

// The local CloudWatch Logs as the AWS SDK's own client calls it (AWS JSON 1.1), on the endpoint
// it shares with the SNS stand-in and EventBridge: what `aws logs` reads there.
const GROUP = '/aws/events/order-platform-local-orders';
let logGroups: LocalLogGroups;
let server: TopicsServer;
let logs: CloudWatchLogsClient;

const eventOf = (orderId: string, detailType: string) =>
  JSON.stringify({ 'detail-type': detailType, detail: { orderId } });

beforeAll(async () => {
  logGroups = createLocalLogGroups({ region: 'eu-west-1', groups: [{ name: GROUP, retentionInDays: 14 }] });
  logGroups.put(GROUP, 'event-1', eventOf('order-1', 'OrderPlaced'), Date.parse('2026-12-02T10:00:00Z'));
  logGroups.put(GROUP, 'event-2', eventOf('order-2', 'OrderPlaced'), Date.parse('2026-12-02T10:00:01Z'));
  logGroups.put(GROUP, 'event-3', eventOf('order-1', 'OrderDispatched'), Date.parse('2026-12-02T10:00:02Z'));
  server = await startTopicsServer({ published: recordingTopics().published, logGroups });
  logs = new CloudWatchLogsClient({ endpoint: server.endpoint, region: 'eu-west-1', credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  logs.destroy();
  await server.stop();
});

const messagesOf = (events: readonly FilteredLogEvent[] | undefined) =>
  (events ?? []).map(({ message }) => JSON.parse(message ?? '') as { 'detail-type': string; detail: unknown });

describe('the local CloudWatch Logs', () => {
  it('lists the stack’s log groups, with their retention and ARN, by prefix', async () => {
    const { logGroups: listed } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/events/' }));
    const none = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));

    expect(listed).toEqual([
      expect.objectContaining({
        logGroupName: GROUP,
        retentionInDays: 14,
        arn: `arn:aws:logs:eu-west-1:000000000000:log-group:${GROUP}:*`,
        storedBytes: expect.any(Number),
      }),
    ]);
    expect(listed?.[0]?.storedBytes).toBeGreaterThan(0);
    expect(none.logGroups).toEqual([]);
  });

  it('filters a group’s events with a JSON pattern, oldest first, each with its stream and time', async () => {
    const { events } = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.detail.orderId = "order-1" }' }),
    );

    expect(messagesOf(events).map((event) => event['detail-type'])).toEqual(['OrderPlaced', 'OrderDispatched']);
    expect(events?.map(({ logStreamName, timestamp }) => [logStreamName, timestamp])).toEqual([
      ['event-1', Date.parse('2026-12-02T10:00:00Z')],
      ['event-3', Date.parse('2026-12-02T10:00:02Z')],
    ]);
  });

  it('keeps to a time window, and pages with nextToken as the SDK’s paginator follows it', async () => {
    const since = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, startTime: Date.parse('2026-12-02T10:00:01Z') }),
    );
    const until = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, endTime: Date.parse('2026-12-02T10:00:00Z') }),
    );
    const pages: number[] = [];
    for await (const page of paginateFilterLogEvents({ client: logs }, { logGroupName: GROUP, limit: 2 })) {
      pages.push(page.events?.length ?? 0);
    }

    expect(since.events?.map(({ logStreamName }) => logStreamName)).toEqual(['event-2', 'event-3']);
    expect(until.events?.map(({ logStreamName }) => logStreamName)).toEqual(['event-1']);
    expect(pages).toEqual([2, 1]);
  });

  it('lists a group’s streams and reads one', async () => {
    const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    const { events } = await logs.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'event-2', startFromHead: true }),
    );

    expect(logStreams?.map(({ logStreamName }) => logStreamName)).toEqual(['event-1', 'event-2', 'event-3']);
    expect(logStreams?.[2]).toMatchObject({
      firstEventTimestamp: Date.parse('2026-12-02T10:00:02Z'),
      lastEventTimestamp: Date.parse('2026-12-02T10:00:02Z'),
    });
    expect(events?.map(({ message }) => message)).toEqual([eventOf('order-2', 'OrderPlaced')]);
  });

  it('answers a group or stream that does not exist, and a pattern it cannot read, as CloudWatch Logs does', async () => {
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/events/nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' });
    await expect(
      logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '?OrderPlaced ?OrderFailed' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('refuses a write to a group the template does not have, and an operation it does not serve', () => {
    expect(() => logGroups.put('/aws/events/nope', 's', 'm', 0)).toThrow(/does not exist in the stack's template/);
    expect(logGroups.answer('Logs_20140328.PutLogEvents', '{}')).toMatchObject({
      status: 400,
      body: { __type: 'UnknownOperationException' },
    });
    expect(logGroups.answer('Logs_20140328.DescribeLogGroups', '{')).toMatchObject({
      body: { __type: 'SerializationException' },
    });
  });
});
