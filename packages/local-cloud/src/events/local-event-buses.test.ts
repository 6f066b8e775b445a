import { EventBridgeClient, ListEventBusesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import { recordingTopics } from '../step-functions/recording-topics';
import { startTopicsServer, type TopicsServer } from '../step-functions/topics-server';
import { createLocalEventBuses, type LocalEventBuses } from './local-event-buses';

// The local EventBridge as the AWS SDK's own EventBridge client calls it (AWS JSON 1.1), on the
// endpoint it shares with the SNS stand-in.
const BUS = 'order-platform-local-orders';
let buses: LocalEventBuses;
let server: TopicsServer;
let eventBridge: EventBridgeClient;

beforeAll(async () => {
  buses = createLocalEventBuses({ region: 'eu-west-1', buses: [BUS] });
  const topics = recordingTopics();
  server = await startTopicsServer({ published: topics.published, topics, eventBuses: buses });
  eventBridge = new EventBridgeClient({
    endpoint: server.endpoint,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  eventBridge.destroy();
  await server.stop();
});

const detail = { orderId: 'order-1', status: 'PENDING' };

describe('the local EventBridge', () => {
  it('keeps each event put, in EventBridge’s envelope, and answers its id', async () => {
    const answer = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: BUS,
            Source: 'order-platform.orders',
            DetailType: 'OrderPlaced',
            Detail: JSON.stringify(detail),
            Time: new Date('2026-11-21T10:00:00Z'),
          },
        ],
      }),
    );

    expect(answer).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: buses.events.at(-1)?.id }] });
    expect(buses.events.at(-1)).toEqual({
      version: '0',
      id: expect.any(String),
      'detail-type': 'OrderPlaced',
      source: 'order-platform.orders',
      account: '000000000000',
      time: '2026-11-21T10:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail,
      eventBusName: BUS,
    });
  });

  it('refuses an entry for a bus that does not exist in its place, and keeps the others', async () => {
    const before = buses.events.length;

    const answer = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'no-such-bus', Source: 's', DetailType: 't', Detail: '{}' },
          {
            EventBusName: `arn:aws:events:eu-west-1:000000000000:event-bus/${BUS}`,
            Source: 's',
            DetailType: 't',
            Detail: '{}',
          },
        ],
      }),
    );

    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.Entries?.[0]).toMatchObject({ ErrorCode: 'NotFoundException' });
    expect(answer.Entries?.[1]?.EventId).toEqual(expect.any(String));
    expect(buses.events.length).toBe(before + 1);
  });

  it('lists the default bus and the stage’s', async () => {
    const { EventBuses } = await eventBridge.send(new ListEventBusesCommand({}));

    expect(EventBuses?.map((bus) => [bus.Name, bus.Arn])).toEqual([
      ['default', 'arn:aws:events:eu-west-1:000000000000:event-bus/default'],
      [BUS, `arn:aws:events:eu-west-1:000000000000:event-bus/${BUS}`],
    ]);
  });

  it('answers what was put with GET /events, one order’s with ?orderId=', async () => {
    const all = (await (await fetch(`${server.endpoint}/events`)).json()) as { events: unknown[] };
    const mine = (await (await fetch(`${server.endpoint}/events?orderId=order-1`)).json()) as { events: unknown[] };

    expect(all.events).toHaveLength(buses.events.length);
    expect(mine.events).toEqual([expect.objectContaining({ 'detail-type': 'OrderPlaced', detail })]);
  });
});

describe('the local EventBridge’s refusals, as EventBridge answers them', () => {
  const local = () => createLocalEventBuses({ region: 'eu-west-1', buses: [BUS] });
  const put = (entries: unknown) => local().answer('AWSEvents.PutEvents', JSON.stringify({ Entries: entries }));

  it('refuses a body that is not JSON, a call with no entries or more than ten, and an operation it does not serve', () => {
    expect(local().answer('AWSEvents.PutEvents', '{')).toMatchObject({
      status: 400,
      body: { __type: 'SerializationException' },
    });
    expect(put([])).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });
    expect(put(Array.from({ length: 11 }, () => ({})))).toMatchObject({ status: 400 });
    expect(local().answer('AWSEvents.CreateEventBus', '{}')).toMatchObject({
      status: 400,
      body: { __type: 'UnknownOperationException' },
    });
  });

  it('refuses in its place an entry without a source or a detail type, or whose detail is not JSON', () => {
    const answer = put([
      { EventBusName: BUS, DetailType: 'OrderPlaced', Detail: '{}' },
      { EventBusName: BUS, Source: 's', DetailType: 'OrderPlaced', Detail: '{' },
      { Source: 's', DetailType: 'Ping', Detail: '{}' },
    ]);

    expect(answer).toMatchObject({
      status: 200,
      body: {
        FailedEntryCount: 2,
        Entries: [{ ErrorCode: 'MalformedDetail' }, { ErrorCode: 'MalformedDetail' }, { EventId: expect.any(String) }],
      },
    });
  });

  it('puts an entry without a bus on the default one, and lists buses by prefix', () => {
    const buses = local();

    buses.answer('AWSEvents.PutEvents', JSON.stringify({ Entries: [{ Source: 's', DetailType: 't', Detail: '{}' }] }));

    expect(buses.events.map((event) => event.eventBusName)).toEqual(['default']);
    expect(buses.answer('AWSEvents.ListEventBuses', JSON.stringify({ NamePrefix: 'order-' }))).toMatchObject({
      body: { EventBuses: [{ Name: BUS }] },
    });
    expect(buses.answer('AWSEvents.ListEventBuses', '')).toMatchObject({
      body: { EventBuses: [{ Name: 'default' }, { Name: BUS }] },
    });
  });
});

describe('the template’s rules on the local buses', () => {
  const LOG = '/aws/events/order-platform-local-orders';
  const rule = (name: string, state: 'ENABLED' | 'DISABLED', source: string) => ({
    name,
    eventBusName: BUS,
    state,
    eventPattern: { source: [source] },
    targets: [{ id: 'log', arn: `arn:aws:logs:eu-west-1:000000000000:log-group:${LOG}:*`, logGroupName: LOG }],
  });
  const rules = [rule('to-log', 'ENABLED', 'order-platform.orders'), rule('paused', 'DISABLED', 's')];
  const withRules = (deliverToLog = jest.fn()) => ({
    deliverToLog,
    buses: createLocalEventBuses({ region: 'eu-west-1', buses: [BUS], rules, deliverToLog }),
  });
  const entry = (Source: string, EventBusName = BUS) => ({
    EventBusName,
    Source,
    DetailType: 'OrderPlaced',
    Detail: '{"orderId":"o-1"}',
  });

  it('delivers each event an enabled rule on its bus matches to the rule’s log group, one stream per event', () => {
    const { buses, deliverToLog } = withRules();

    buses.answer(
      'AWSEvents.PutEvents',
      JSON.stringify({
        Entries: [entry('order-platform.orders'), entry('s'), entry('order-platform.orders', 'default')],
      }),
    );

    const [placed] = buses.events;
    expect(deliverToLog.mock.calls).toEqual([[LOG, placed?.id, expect.any(String), Date.parse(placed?.time ?? '')]]);
    const { eventBusName: _bus, ...envelope } = placed ?? { eventBusName: '' };
    expect(JSON.parse(deliverToLog.mock.calls[0]?.[2] as string)).toEqual(envelope);
  });

  it('lists, describes and lists the targets of the rules on a bus, as aws events asks', () => {
    const { buses } = withRules();
    const ask = (action: string, request: unknown) => buses.answer(`AWSEvents.${action}`, JSON.stringify(request));

    expect(ask('ListRules', { EventBusName: BUS })).toEqual({
      status: 200,
      body: {
        Rules: [
          expect.objectContaining({
            Name: 'to-log',
            Arn: `arn:aws:events:eu-west-1:000000000000:rule/${BUS}/to-log`,
            EventPattern: '{"source":["order-platform.orders"]}',
            State: 'ENABLED',
            EventBusName: BUS,
          }),
          expect.objectContaining({ Name: 'paused', State: 'DISABLED' }),
        ],
      },
    });
    expect(ask('ListRules', { EventBusName: BUS, NamePrefix: 'pa' })).toMatchObject({
      body: { Rules: [{ Name: 'paused' }] },
    });
    expect(ask('ListRules', {})).toEqual({ status: 200, body: { Rules: [] } });
    expect(ask('DescribeRule', { Name: 'to-log', EventBusName: BUS })).toMatchObject({
      status: 200,
      body: { Name: 'to-log', CreatedBy: '000000000000' },
    });
    expect(ask('ListTargetsByRule', { Rule: 'to-log', EventBusName: BUS })).toEqual({
      status: 200,
      body: { Targets: [{ Id: 'log', Arn: `arn:aws:logs:eu-west-1:000000000000:log-group:${LOG}:*` }] },
    });
    expect(ask('DescribeRule', { Name: 'to-log' })).toMatchObject({
      status: 400,
      body: { __type: 'ResourceNotFoundException', message: 'Rule to-log does not exist.' },
    });
    expect(ask('ListTargetsByRule', { Rule: 'nope', EventBusName: BUS })).toMatchObject({
      body: { __type: 'ResourceNotFoundException' },
    });
  });
});
