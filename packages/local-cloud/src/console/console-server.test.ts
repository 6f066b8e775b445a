import { ExecutionNotFoundError } from '@order-platform/domain';
import type { ExecutionReader, ExecutionReport } from '@order-platform/ops';
import type { PublishedMessage } from '../step-functions/local-task-handlers';
import { LISTED_EXECUTIONS, orderEventsOf, startConsoleServer, type ConsoleServer } from './console-server';

// The console's HTTP surface, with a fake execution reader: what it answers, and how it refuses.

const DEFINITION = {
  StartAt: 'ChargeCard',
  States: {
    ChargeCard: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:charge', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const REPORT: ExecutionReport = {
  orderId: 'order-1',
  executionArn: 'arn:aws:states:eu-west-1:000000000000:execution:workflow:order-1',
  status: 'SUCCEEDED',
  startedAt: '2026-11-21T07:30:05.922Z',
  stoppedAt: '2026-11-21T07:30:06.042Z',
  durationMs: 120,
  states: [],
  compensation: [],
  retries: 0,
};

const lambdaCause = JSON.stringify({ errorType: 'OutOfStock', errorMessage: 'Not enough stock', trace: ['at …'] });
const ALERTS: PublishedMessage[] = [
  {
    topicArn: 'arn:aws:sns:eu-west-1:000000000000:order-platform-local-order-alerts',
    subject: 'Order order-2 failed at ReserveStock',
    message: JSON.stringify({ orderId: 'order-2', step: 'ReserveStock', error: 'OutOfStock', cause: lambdaCause }),
    messageId: 'message-1',
    publishedAt: '2026-11-21T07:30:06.000Z',
  },
  {
    topicArn: 'arn:aws:sns:eu-west-1:000000000000:order-platform-local-order-alerts',
    message: 'Plain text from someone else',
    messageId: 'message-2',
    publishedAt: '2026-11-21T07:31:00.000Z',
  },
];

const reader = {
  listPage: jest.fn<ReturnType<ExecutionReader['listPage']>, Parameters<ExecutionReader['listPage']>>(),
  listAll: jest.fn(),
  report: jest.fn<ReturnType<ExecutionReader['report']>, Parameters<ExecutionReader['report']>>(),
};

let server: ConsoleServer;
beforeAll(async () => {
  server = await startConsoleServer({ reader, definition: DEFINITION, alerts: ALERTS });
}, 30_000);
afterAll(() => server.stop());

const get = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${server.endpoint}${path}`, init);
  const text = await response.text();
  const json = response.headers.get('content-type') === 'application/json';
  return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
};

describe('the console server', () => {
  it('serves the page, its bundled script and its stylesheet from its own origin only', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'; img-src 'self' data:");
    expect(page.body).toContain('<script src="/console.js" defer></script>');

    const script = await get('/console.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('#/executions/');
    expect(script.body).not.toMatch(/^import /m);
    expect((await get('/console.css')).body).toContain('--failed-fill');
  });

  it('lists the newest executions, filtered by status, through the reader', async () => {
    reader.listPage.mockResolvedValue({
      executions: [
        { orderId: 'order-1', executionArn: REPORT.executionArn, status: 'FAILED', startedAt: REPORT.startedAt },
      ],
      nextToken: 'more',
    });

    const { status, body } = await get('/api/executions?status=FAILED');

    expect(status).toBe(200);
    expect(body).toEqual({ executions: [expect.objectContaining({ orderId: 'order-1' })], truncated: true });
    expect(reader.listPage).toHaveBeenCalledWith({ status: 'FAILED', pageSize: LISTED_EXECUTIONS });
  });

  it('answers 400 to a status Step Functions does not have, without asking it', async () => {
    const { status, body } = await get('/api/executions?status=DONE');

    expect(status).toBe(400);
    expect(body.message).toMatch(/^status must be one of RUNNING, SUCCEEDED, FAILED/);
    expect(reader.listPage).not.toHaveBeenCalled();
  });

  it('answers an execution’s report by order id', async () => {
    reader.report.mockResolvedValue(REPORT);

    const { status, body } = await get('/api/executions/order-1');

    expect(status).toBe(200);
    expect(body).toEqual(REPORT);
    expect(reader.report).toHaveBeenCalledWith('order-1');
  });

  it('answers 404 in JSON for an order with no execution', async () => {
    reader.report.mockRejectedValue(new ExecutionNotFoundError('nope'));

    const { status, body } = await get('/api/executions/nope');

    expect(status).toBe(404);
    expect(body).toEqual({ message: 'No workflow execution for order nope.' });
  });

  it('answers 404 in JSON for an order id that is not valid percent-encoding', async () => {
    const { status, body } = await get('/api/executions/%E0%A4%A');

    expect(status).toBe(404);
    expect(body.message).toContain('No workflow execution');
    expect(reader.report).not.toHaveBeenCalled();
  });

  it('answers 502 naming the error when Step Functions fails', async () => {
    reader.listPage.mockRejectedValue(Object.assign(new Error('Connection refused'), { name: 'ECONNREFUSED' }));

    const { status, body } = await get('/api/executions');

    expect(status).toBe(502);
    expect(body).toEqual({ message: 'Step Functions: ECONNREFUSED: Connection refused' });
  });

  it('answers the graph laid out from the definition', async () => {
    const { body } = await get('/api/graph');

    expect(body.states.map((state: { name: string }) => state.name)).toEqual(['ChargeCard', 'Done']);
    expect(body.edges).toEqual([expect.objectContaining({ from: 'ChargeCard', to: 'Done', kind: 'next' })]);
  });

  it('lists the alerts newest first, with a Lambda error’s message as the cause', async () => {
    const { body } = await get('/api/alerts');

    expect(body.alerts).toEqual([
      {
        messageId: 'message-2',
        topic: 'order-platform-local-order-alerts',
        publishedAt: '2026-11-21T07:31:00.000Z',
        text: 'Plain text from someone else',
      },
      {
        messageId: 'message-1',
        topic: 'order-platform-local-order-alerts',
        publishedAt: '2026-11-21T07:30:06.000Z',
        subject: 'Order order-2 failed at ReserveStock',
        orderId: 'order-2',
        step: 'ReserveStock',
        error: 'OutOfStock',
        cause: 'Not enough stock',
      },
    ]);
  });

  it('answers 404 in JSON for any other path, and 405 to anything but GET', async () => {
    const unknown = await get('/api/orders');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('/api/orders');

    const posted = await get('/api/executions', { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.body).toEqual({ message: 'The console only reads: use GET.' });
  });
});

describe('an order’s events', () => {
  it('answers the events put for one order, oldest first, with what ops read first', async () => {
    const put = (orderId: string, type: string, status: string) => ({
      version: '0' as const,
      id: `${orderId}-${type}`,
      'detail-type': type,
      source: 'order-platform.orders',
      account: '000000000000',
      time: '2026-11-21T07:30:06Z',
      region: 'eu-west-1',
      resources: [],
      detail: { orderId, eventId: `${orderId}:${type}`, status, paymentStatus: 'PENDING' },
      eventBusName: 'order-platform-local-orders',
    });
    const withEvents = await startConsoleServer({
      reader,
      definition: DEFINITION,
      alerts: [],
      events: [put('order-1', 'OrderPlaced', 'PENDING'), put('order-2', 'OrderPlaced', 'PENDING')],
    });
    try {
      const answer = await fetch(`${withEvents.endpoint}/api/executions/order-1/events`);

      expect(await answer.json()).toEqual({
        events: [
          {
            id: 'order-1-OrderPlaced',
            type: 'OrderPlaced',
            time: '2026-11-21T07:30:06Z',
            bus: 'order-platform-local-orders',
            eventId: 'order-1:OrderPlaced',
            status: 'PENDING',
            paymentStatus: 'PENDING',
          },
        ],
      });
    } finally {
      await withEvents.stop();
    }
  });
});

describe('orderEventsOf', () => {
  it('keeps only events whose detail names the order, and leaves out detail fields that are not text', () => {
    const event = (detail: unknown) => ({
      version: '0' as const,
      id: 'e-1',
      'detail-type': 'Ping',
      source: 's',
      account: '000000000000',
      time: '2026-11-21T07:30:06Z',
      region: 'eu-west-1',
      resources: [],
      detail,
      eventBusName: 'default',
    });

    expect(orderEventsOf([event(null), event('order-1'), event({ orderId: 'order-1', status: 3 })], 'order-1')).toEqual(
      [{ id: 'e-1', type: 'Ping', time: '2026-11-21T07:30:06Z', bus: 'default' }],
    );
  });
});
