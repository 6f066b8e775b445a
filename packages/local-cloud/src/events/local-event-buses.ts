import { LOCAL_ACCOUNT_ID } from '../step-functions/render-definition';
import { randomUUID } from 'node:crypto';
import { answerRuleRequest, busNameOf, matchesEventPattern, type EventRule } from './event-rules';

// EventBridge's API as the AWS SDK and the AWS CLI call it (AWS JSON 1.1: a POST with
// `X-Amz-Target: AWSEvents.<Action>`), for what the platform and its operators use locally:
// PutEvents onto the stage's buses, ListEventBuses, and the template's rules (ListRules,
// DescribeRule, ListTargetsByRule), which deliver what matches them to their log-group targets.
// What was put is also kept, in order, for GET /events on the same endpoint and the console.

/** An event as a rule's target would receive it: EventBridge's envelope around the detail. */
export interface PutEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
  /** Not in EventBridge's envelope: the bus it was put on (a target knows it from its rule). */
  readonly eventBusName: string;
}

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface LocalEventBuses {
  /** Every event put, oldest first. */
  readonly events: readonly PutEvent[];
  answer(target: string, body: string): JsonAnswer;
}

const failure = (status: number, type: string, message: string): JsonAnswer => ({
  status,
  body: { __type: type, message },
});

interface PutEventsEntry {
  readonly EventBusName?: string;
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Time?: number;
  readonly Resources?: readonly string[];
}

/**
 * The stage's event buses (and `default`, as every account has): PutEvents records each entry it
 * accepts and answers every entry it refuses as EventBridge does, in its place in `Entries` with
 * an ErrorCode, counted in FailedEntryCount.
 */
export const createLocalEventBuses = ({
  region,
  buses,
  rules = [],
  deliverToLog = () => undefined,
  onEvent = () => undefined,
}: {
  region: string;
  buses: readonly string[];
  rules?: readonly EventRule[];
  /** Where a rule's log-group target writes: one stream per event, named by its id. */
  deliverToLog?: (logGroupName: string, logStreamName: string, message: string, timestamp: number) => void;
  onEvent?: (event: PutEvent) => void;
}): LocalEventBuses => {
  const names = new Set(['default', ...buses]);
  const events: PutEvent[] = [];
  const arnOf = (name: string) => `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:event-bus/${name}`;
  /** What EventBridge does with an accepted event: each enabled rule on its bus that it matches delivers it. */
  const route = (event: PutEvent) => {
    const { eventBusName, ...envelope } = event;
    for (const rule of rules) {
      if (
        rule.state !== 'ENABLED' ||
        rule.eventBusName !== eventBusName ||
        !matchesEventPattern(rule.eventPattern, envelope)
      ) {
        continue;
      }
      for (const { logGroupName } of rule.targets) {
        if (logGroupName) deliverToLog(logGroupName, event.id, JSON.stringify(envelope), Date.parse(event.time));
      }
    }
  };

  const putOne = (entry: PutEventsEntry) => {
    const eventBusName = busNameOf(entry.EventBusName);
    if (!names.has(eventBusName)) {
      return { ErrorCode: 'NotFoundException', ErrorMessage: `Event bus ${eventBusName} does not exist.` };
    }
    if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source, DetailType and Detail are required.' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const event: PutEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: LOCAL_ACCOUNT_ID,
      time: new Date(entry.Time === undefined ? Date.now() : entry.Time * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: entry.Resources ?? [],
      detail,
      eventBusName,
    };
    events.push(event);
    route(event);
    onEvent(event);
    return { EventId: event.id };
  };

  return {
    events,
    answer(target, body) {
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(body || '{}') as Record<string, unknown>;
      } catch {
        return failure(400, 'SerializationException', 'The request body is not JSON.');
      }
      switch (target) {
        case 'AWSEvents.PutEvents': {
          const entries = request.Entries;
          if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) {
            return failure(400, 'ValidationException', 'Entries must hold 1 to 10 entries.');
          }
          const answered = (entries as PutEventsEntry[]).map(putOne);
          return {
            status: 200,
            body: {
              FailedEntryCount: answered.filter((entry) => 'ErrorCode' in entry).length,
              Entries: answered,
            },
          };
        }
        case 'AWSEvents.ListEventBuses':
          return {
            status: 200,
            body: {
              EventBuses: [...names]
                .filter((name) => typeof request.NamePrefix !== 'string' || name.startsWith(request.NamePrefix))
                .map((name) => ({ Name: name, Arn: arnOf(name) })),
            },
          };
        default:
          return (
            answerRuleRequest(rules, region, target.replace(/^AWSEvents\./, ''), request) ??
            failure(
              400,
              'UnknownOperationException',
              `The local EventBridge serves PutEvents, ListEventBuses, ListRules, DescribeRule and ListTargetsByRule, not ${target}.`,
            )
          );
      }
    },
  };
};
