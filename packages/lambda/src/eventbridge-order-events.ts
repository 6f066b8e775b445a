import { fromEnv } from '@aws-sdk/credential-provider-env';
import {
  DependencyUnavailableError,
  ORDER_EVENT_SOURCE,
  type OrderEvent,
  type OrderEvents,
} from '@order-platform/domain';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { requiredEnv } from './environment';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

// EventBridge's PutEvents, signed with the SDK's own SigV4 signer and sent with fetch: the one call
// the platform makes to EventBridge. @aws-sdk/client-eventbridge would add ~19 KB to every bundle
// that publishes (its endpoint rules, SigV4a signer, error classes), which takes the payment
// Lambdas over their 300 KB budget; the signer, the SHA-256 and the credentials from the
// environment are in every bundle already (the DynamoDB client's).

/** PutEvents takes at most ten entries a call. */
const ENTRIES_PER_CALL = 10;
const TIMEOUT_MS = 5_000;

export interface EventBridgeOrderEventsOptions {
  readonly busName: string;
  readonly region: string;
  /** EventBridge's regional endpoint unless given: `eventBridgeEndpoint` reads the SDK's endpoint variables. */
  readonly endpoint: string;
  readonly credentials?: AwsCredentialIdentityProvider;
  readonly fetch?: typeof fetch;
}

/**
 * Where the AWS SDK would send an EventBridge call: `AWS_ENDPOINT_URL_EVENTBRIDGE`, then
 * `AWS_ENDPOINT_URL` (the local stack sets them), else the region's endpoint.
 */
export const eventBridgeEndpoint = (environment: NodeJS.ProcessEnv, region: string): string =>
  environment.AWS_ENDPOINT_URL_EVENTBRIDGE ??
  environment.AWS_ENDPOINT_URL ??
  `https://events.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;

/** An entry of PutEvents: the bus, the source, the type as `detail-type`, and the time the order reached it. */
export const putEventsEntry = (busName: string, { type, detail }: OrderEvent) => ({
  EventBusName: busName,
  Source: ORDER_EVENT_SOURCE,
  DetailType: type,
  Detail: JSON.stringify(detail),
  // AWS JSON 1.1 carries timestamps as epoch seconds.
  Time: Date.parse(detail.occurredAt) / 1000,
});

interface PutEventsAnswer {
  readonly FailedEntryCount?: number;
  readonly Entries?: readonly {
    readonly EventId?: string;
    readonly ErrorCode?: string;
    readonly ErrorMessage?: string;
  }[];
}

/** An error answer as EventBridge gives it: `__type` (maybe `namespace#Name`) and a message. */
const errorOf = async (response: Response): Promise<Error> => {
  const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string; Message?: string };
  const name = body.__type?.split('#').pop() ?? `HTTP${response.status}`;
  const message = `PutEvents answered ${response.status} ${name}: ${body.message ?? body.Message ?? response.statusText}`;
  // Throttled or failing on AWS's side: the step's retry may get through.
  if (response.status >= 500 || response.status === 429 || name === 'ThrottlingException') {
    return new DependencyUnavailableError(message);
  }
  const error = new Error(message);
  error.name = name;
  return error;
};

/**
 * Order events on the stage's bus. `publish` resolves once EventBridge accepted every entry; an
 * entry it refused (FailedEntryCount), a throttle, a 5xx, a timeout or a network failure is
 * DependencyUnavailable, which the workflow retries: the retried step publishes again.
 */
export const buildEventBridgeOrderEvents = ({
  busName,
  region,
  endpoint,
  credentials = fromEnv(),
  fetch: send = fetch,
}: EventBridgeOrderEventsOptions): OrderEvents => {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ credentials, region, service: 'events', sha256: Sha256 });

  const putEvents = async (events: readonly OrderEvent[]) => {
    const body = JSON.stringify({ Entries: events.map((event) => putEventsEntry(busName, event)) });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: url.pathname,
        headers: {
          host: url.host,
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSEvents.PutEvents',
        },
        body,
      }),
    );
    // fetch sets the host itself (the same one), and refuses to be given it.
    const { host: _host, ...headers } = signed.headers;
    const response = await send(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new DependencyUnavailableError(`PutEvents did not answer: ${(error as Error).message}`, { cause: error });
    });
    if (!response.ok) throw await errorOf(response);
    const answer = (await response.json()) as PutEventsAnswer;
    if ((answer.FailedEntryCount ?? 0) > 0) {
      const refused = (answer.Entries ?? [])
        .map((entry, index) => ({ ...entry, type: events[index]?.type }))
        .filter((entry) => entry.ErrorCode !== undefined)
        .map((entry) => `${entry.type}: ${entry.ErrorCode} ${entry.ErrorMessage ?? ''}`.trim());
      throw new DependencyUnavailableError(
        `EventBridge refused ${answer.FailedEntryCount} of ${events.length} order events (${refused.join('; ')})`,
      );
    }
  };

  return {
    async publish(events) {
      for (let start = 0; start < events.length; start += ENTRIES_PER_CALL) {
        await putEvents(events.slice(start, start + ENTRIES_PER_CALL));
      }
    },
  };
};

/** The stage's order bus (ORDER_EVENTS_BUS), in the function's region, at the endpoint the SDK would use. */
export const orderEventsFromEnvironment = (): OrderEvents => {
  const region = requiredEnv('AWS_REGION');
  return buildEventBridgeOrderEvents({
    busName: requiredEnv('ORDER_EVENTS_BUS'),
    region,
    endpoint: eventBridgeEndpoint(process.env, region),
  });
};
