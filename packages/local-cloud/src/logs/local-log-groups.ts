import { LOCAL_ACCOUNT_ID } from '../step-functions/render-definition';
import type { JsonAnswer } from '../events/local-event-buses';
import { matchesFilterPattern } from './filter-pattern';

// CloudWatch Logs' API as the AWS SDK and the AWS CLI call it (AWS JSON 1.1: a POST with
// `X-Amz-Target: Logs_20140328.<Action>`), for the stack's log groups that something local writes
// to (the order-event log the order bus's rule fills): DescribeLogGroups, DescribeLogStreams,
// GetLogEvents and FilterLogEvents, which `aws logs filter-log-events` and `aws logs tail` call.

export interface LogEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  readonly eventId: string;
}

export interface LocalLogGroups {
  /** Appends to a stream, creating it as a writer with logs:CreateLogStream would. */
  put(logGroupName: string, logStreamName: string, message: string, timestamp: number): void;
  answer(target: string, body: string): JsonAnswer;
}

/** FilterLogEvents answers at most this many events a page when no limit is given (as AWS does). */
const DEFAULT_PAGE = 10_000;

const failure = (type: string, message: string): JsonAnswer => ({ status: 400, body: { __type: type, message } });

interface LogGroup {
  readonly creationTime: number;
  readonly retentionInDays?: number;
  readonly events: LogEvent[];
  readonly streams: Map<string, { creationTime: number }>;
}

type Answers = Record<string, (request: Record<string, unknown>) => JsonAnswer>;

/** The read calls, over the groups by name. */
const logAnswers = (byName: ReadonlyMap<string, LogGroup>, arnOf: (name: string) => string): Answers => {
  const withGroup = (request: Record<string, unknown>, answer: (group: LogGroup, name: string) => JsonAnswer) => {
    const name = request.logGroupName;
    const group = typeof name === 'string' ? byName.get(name) : undefined;
    return group && typeof name === 'string'
      ? answer(group, name)
      : failure('ResourceNotFoundException', 'The specified log group does not exist.');
  };

  return {
    DescribeLogGroups: (request) => ({
      status: 200,
      body: {
        logGroups: [...byName]
          .filter(
            ([name]) => typeof request.logGroupNamePrefix !== 'string' || name.startsWith(request.logGroupNamePrefix),
          )
          .map(([name, group]) => ({
            logGroupName: name,
            creationTime: group.creationTime,
            ...(group.retentionInDays ? { retentionInDays: group.retentionInDays } : {}),
            storedBytes: group.events.reduce((bytes, event) => bytes + Buffer.byteLength(event.message), 0),
            arn: `${arnOf(name)}:*`,
            logGroupArn: arnOf(name),
          })),
      },
    }),
    DescribeLogStreams: (request) =>
      withGroup(request, (group, name) => {
        const streams = [...group.streams].map(([logStreamName, { creationTime }]) => {
          const events = group.events.filter((event) => event.logStreamName === logStreamName);
          return {
            logStreamName,
            creationTime,
            firstEventTimestamp: Math.min(...events.map((event) => event.timestamp)),
            lastEventTimestamp: Math.max(...events.map((event) => event.timestamp)),
            lastIngestionTime: Math.max(...events.map((event) => event.ingestionTime)),
            arn: `${arnOf(name)}:log-stream:${logStreamName}`,
          };
        });
        const ordered =
          request.orderBy === 'LastEventTime'
            ? streams.sort((a, b) => a.lastEventTimestamp - b.lastEventTimestamp)
            : streams.sort((a, b) => a.logStreamName.localeCompare(b.logStreamName));
        return {
          status: 200,
          body: {
            logStreams: (request.descending === true ? ordered.reverse() : ordered).filter(
              (stream) =>
                typeof request.logStreamNamePrefix !== 'string' ||
                stream.logStreamName.startsWith(request.logStreamNamePrefix),
            ),
          },
        };
      }),
    GetLogEvents: (request) =>
      withGroup(request, (group) => {
        if (typeof request.logStreamName !== 'string' || !group.streams.has(request.logStreamName)) {
          return failure('ResourceNotFoundException', 'The specified log stream does not exist.');
        }
        const events = group.events
          .filter((event) => event.logStreamName === request.logStreamName)
          .map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime }));
        // One page holds the whole stream: the tokens answer the same (empty) page after it.
        return { status: 200, body: { events, nextForwardToken: 'f/end', nextBackwardToken: 'b/start' } };
      }),
    FilterLogEvents: (request) =>
      withGroup(request, (group) => {
        const pattern = typeof request.filterPattern === 'string' ? request.filterPattern : '';
        let matching: LogEvent[];
        try {
          matching = group.events.filter(
            (event) =>
              (typeof request.startTime !== 'number' || event.timestamp >= request.startTime) &&
              (typeof request.endTime !== 'number' || event.timestamp <= request.endTime) &&
              (!Array.isArray(request.logStreamNames) || request.logStreamNames.includes(event.logStreamName)) &&
              matchesFilterPattern(pattern, event.message),
          );
        } catch (error) {
          return failure('InvalidParameterException', (error as Error).message);
        }
        const from = typeof request.nextToken === 'string' ? Number(request.nextToken) : 0;
        const limit = typeof request.limit === 'number' ? request.limit : DEFAULT_PAGE;
        const page = matching.slice(from, from + limit);
        return {
          status: 200,
          body: {
            events: page,
            searchedLogStreams: [...group.streams.keys()].map((logStreamName) => ({
              logStreamName,
              searchedCompletely: true,
            })),
            ...(from + limit < matching.length ? { nextToken: String(from + limit) } : {}),
          },
        };
      }),
  };
};

/** The stack's log groups by name, each with its retention, as CloudFormation would create them. */
export const createLocalLogGroups = ({
  region,
  groups,
}: {
  region: string;
  groups: readonly { readonly name: string; readonly retentionInDays?: number }[];
}): LocalLogGroups => {
  const byName = new Map<string, LogGroup>(
    groups.map(({ name, retentionInDays }) => [
      name,
      { creationTime: Date.now(), ...(retentionInDays ? { retentionInDays } : {}), events: [], streams: new Map() },
    ]),
  );
  const arnOf = (name: string) => `arn:aws:logs:${region}:${LOCAL_ACCOUNT_ID}:log-group:${name}`;
  let sequence = 0;
  const answers = logAnswers(byName, arnOf);

  return {
    put(logGroupName, logStreamName, message, timestamp) {
      const group = byName.get(logGroupName);
      if (!group) throw new Error(`The log group ${logGroupName} does not exist in the stack's template.`);
      if (!group.streams.has(logStreamName)) group.streams.set(logStreamName, { creationTime: Date.now() });
      sequence += 1;
      group.events.push({
        logStreamName,
        timestamp,
        message,
        ingestionTime: Date.now(),
        eventId: String(sequence).padStart(56, '0'),
      });
    },
    answer(target, body) {
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(body || '{}') as Record<string, unknown>;
      } catch {
        return failure('SerializationException', 'The request body is not JSON.');
      }
      const action = target.replace(/^Logs_20140328\./, '');
      const answer = answers[action];
      return answer
        ? answer(request)
        : failure(
            'UnknownOperationException',
            `The local CloudWatch Logs serves ${Object.keys(answers).join(', ')}, not ${action}.`,
          );
    },
  };
};
