import { DependencyUnavailableError, orderEventFor } from '@order-platform/domain';
import { anOrder } from '@order-platform/domain/testing';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildEventBridgeOrderEvents,
  eventBridgeEndpoint,
  orderEventsFromEnvironment,
} from './eventbridge-order-events';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: { Entries: Record<string, unknown>[] };
}

/** An EventBridge endpoint on loopback that records each request and answers what the test says. */
const eventBridgeAnswering = async (answer: (received: Received) => { status: number; body: unknown }) => {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      received.push(entry);
      const { status, body } = answer(entry);
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const placed = anOrder({ orderId: 'order-1', customerId: 'customer-1' });
const event = orderEventFor(placed, 'OrderPlaced')!;

describe('buildEventBridgeOrderEvents', () => {
  it('puts each event on the bus as a signed PutEvents call, with its type as detail-type', async () => {
    const eventBridge = await eventBridgeAnswering(() => ({
      status: 200,
      body: { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] },
    }));
    try {
      const events = buildEventBridgeOrderEvents({
        busName: 'order-platform-dev-orders',
        region: 'eu-west-1',
        endpoint: eventBridge.endpoint,
        credentials,
      });

      await events.publish([event]);

      const [{ headers, body }] = eventBridge.received as [Received];
      expect(headers['x-amz-target']).toBe('AWSEvents.PutEvents');
      expect(headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/events\/aws4_request, SignedHeaders=.*host.*x-amz-target/,
      );
      expect(body.Entries).toEqual([
        {
          EventBusName: 'order-platform-dev-orders',
          Source: 'order-platform.orders',
          DetailType: 'OrderPlaced',
          Detail: JSON.stringify(event.detail),
          Time: Date.parse(placed.createdAt) / 1000,
        },
      ]);
    } finally {
      await eventBridge.close();
    }
  });

  it('throws DependencyUnavailable when EventBridge refuses an entry, so the step is retried', async () => {
    const eventBridge = await eventBridgeAnswering(() => ({
      status: 200,
      body: { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] },
    }));
    try {
      const events = buildEventBridgeOrderEvents({
        busName: 'bus',
        region: 'eu-west-1',
        endpoint: eventBridge.endpoint,
        credentials,
      });

      const publishing = events.publish([event]);

      await expect(publishing).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(publishing).rejects.toThrow('OrderPlaced: InternalFailure try again');
    } finally {
      await eventBridge.close();
    }
  });

  it('throws DependencyUnavailable when throttled, and a refusal that a retry cannot change under its own name', async () => {
    const eventBridge = await eventBridgeAnswering(({ body }) =>
      body.Entries[0]?.EventBusName === 'throttled'
        ? { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } }
        : { status: 400, body: { __type: 'com.amazon#ResourceNotFoundException', message: 'no such bus' } },
    );
    try {
      const on = (busName: string) =>
        buildEventBridgeOrderEvents({ busName, region: 'eu-west-1', endpoint: eventBridge.endpoint, credentials });

      await expect(on('throttled').publish([event])).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(on('missing').publish([event])).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    } finally {
      await eventBridge.close();
    }
  });

  it('throws DependencyUnavailable for a 5xx, whatever its body says', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(503);
      response.end('<html>Service Unavailable</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const events = buildEventBridgeOrderEvents({
        busName: 'bus',
        region: 'eu-west-1',
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials,
      });

      const publishing = events.publish([event]);

      await expect(publishing).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(publishing).rejects.toThrow('PutEvents answered 503 HTTP503');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('throws DependencyUnavailable when nothing answers', async () => {
    const eventBridge = await eventBridgeAnswering(() => ({ status: 200, body: {} }));
    await eventBridge.close();
    const events = buildEventBridgeOrderEvents({
      busName: 'bus',
      region: 'eu-west-1',
      endpoint: eventBridge.endpoint,
      credentials,
    });

    await expect(events.publish([event])).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('sends at most ten entries a call', async () => {
    const eventBridge = await eventBridgeAnswering(({ body }) => ({
      status: 200,
      body: { FailedEntryCount: 0, Entries: body.Entries.map((_, index) => ({ EventId: `e-${index}` })) },
    }));
    try {
      const events = buildEventBridgeOrderEvents({
        busName: 'bus',
        region: 'eu-west-1',
        endpoint: eventBridge.endpoint,
        credentials,
      });

      await events.publish(Array.from({ length: 12 }, () => event));

      expect(eventBridge.received.map(({ body }) => body.Entries.length)).toEqual([10, 2]);
    } finally {
      await eventBridge.close();
    }
  });
});

describe('orderEventsFromEnvironment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('puts on the bus ORDER_EVENTS_BUS names, in AWS_REGION, at the endpoint the SDK variables give', async () => {
    const eventBridge = await eventBridgeAnswering(() => ({
      status: 200,
      body: { FailedEntryCount: 0, Entries: [{}] },
    }));
    try {
      Object.assign(process.env, {
        ORDER_EVENTS_BUS: 'order-platform-local-orders',
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
        AWS_SECRET_ACCESS_KEY: 'local',
      });

      await orderEventsFromEnvironment().publish([event]);

      expect(eventBridge.received.map(({ body }) => body.Entries[0]?.EventBusName)).toEqual([
        'order-platform-local-orders',
      ]);
      expect(eventBridge.received[0]?.headers.authorization).toContain('Credential=AKIDLOCAL/');
    } finally {
      await eventBridge.close();
    }
  });
});

describe('eventBridgeEndpoint', () => {
  it('follows the SDK: the service variable, then the general one, then the regional endpoint', () => {
    expect(
      eventBridgeEndpoint({ AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://a', AWS_ENDPOINT_URL: 'http://b' }, 'eu-west-1'),
    ).toBe('http://a');
    expect(eventBridgeEndpoint({ AWS_ENDPOINT_URL: 'http://b' }, 'eu-west-1')).toBe('http://b');
    expect(eventBridgeEndpoint({}, 'eu-west-1')).toBe('https://events.eu-west-1.amazonaws.com');
    expect(eventBridgeEndpoint({}, 'cn-north-1')).toBe('https://events.cn-north-1.amazonaws.com.cn');
  });
});
