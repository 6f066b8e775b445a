import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { withoutExecutionData, type HistoryEvent } from './execution-history';
import { StepFunctionsError, type ExecutionRecord, type LocalExecutions } from './local-executions';
import type { LocalWorkflow } from './local-workflow';
import { listenOnLoopback } from '@order-platform/loopback-guard';
import { EXECUTION_STATUSES } from '@order-platform/ops/report';
import type { ExecutionStatus } from './run-local-execution';

export interface StepFunctionsServer {
  readonly endpoint: string;
  /** Every StartExecution call received, duplicates included. */
  readonly startCalls: number;
  /** Answers the next `count` StartExecution calls with a 500, as an outage would (tests). */
  failNextStarts(count: number): void;
  stop(): Promise<void>;
}

type Request = Record<string, unknown>;
type Operation = (request: Request) => unknown;

// AWS's JSON protocol sends timestamps as epoch seconds.
const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

const stringField = (request: Request, field: string, { required = false } = {}) => {
  const value = request[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new StepFunctionsError(
      'ValidationException',
      `Value at '${field}' failed to satisfy constraint: required string`,
    );
  }
  return value;
};

/** maxResults (1–1000, default 100; 0 means the default) and an opaque nextToken, as AWS pages. */
const page = <T>(items: readonly T[], request: Request) => {
  const maxResults = request.maxResults === undefined || request.maxResults === 0 ? 100 : Number(request.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    throw new StepFunctionsError('ValidationException', 'maxResults must be between 1 and 1000');
  }
  let offset = 0;
  if (request.nextToken !== undefined) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(String(request.nextToken), 'base64url').toString('utf8'));
    if (!decoded) throw new StepFunctionsError('InvalidToken', 'Invalid Token');
    offset = Number(decoded[1]);
  }
  const end = offset + maxResults;
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64url') } : {}),
  };
};

const executionSummary = (execution: ExecutionRecord) => ({
  executionArn: execution.executionArn,
  stateMachineArn: execution.stateMachineArn,
  ...(execution.stateMachineAliasArn ? { stateMachineAliasArn: execution.stateMachineAliasArn } : {}),
  name: execution.name,
  status: execution.status,
  startDate: epochSeconds(execution.startDate),
  ...(execution.stopDate && execution.status !== 'RUNNING' ? { stopDate: epochSeconds(execution.stopDate) } : {}),
});

const historyEvent = (event: HistoryEvent) => ({ ...event, timestamp: epochSeconds(event.timestamp) });

/** The operations the endpoint serves, on the one workflow and its executions. */
const operationsFor = (workflow: LocalWorkflow, executions: LocalExecutions): Record<string, Operation> => {
  const stateMachineMustExist = (request: Request) => {
    const arn = stringField(request, 'stateMachineArn', { required: true });
    if (arn !== workflow.stateMachineArn) {
      throw new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    }
  };

  /** The state machine or one of its aliases, which all answer for the one local version; the alias, if named. */
  const aliasNamedIn = (request: Request): string | undefined => {
    const arn = stringField(request, 'stateMachineArn', { required: true }) as string;
    if (workflow.aliasArns.includes(arn)) return arn;
    stateMachineMustExist(request);
    return undefined;
  };

  return {
    ListStateMachines: (request) => {
      const { items, nextToken } = page([workflow], request);
      return {
        stateMachines: items.map((machine) => ({
          stateMachineArn: machine.stateMachineArn,
          name: machine.stateMachineName,
          type: 'STANDARD',
          creationDate: epochSeconds(executions.createdAt),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    DescribeStateMachine: (request) => {
      stateMachineMustExist(request);
      return {
        stateMachineArn: workflow.stateMachineArn,
        name: workflow.stateMachineName,
        status: 'ACTIVE',
        definition: JSON.stringify(workflow.definition),
        roleArn: executions.roleArn,
        type: 'STANDARD',
        creationDate: epochSeconds(executions.createdAt),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
      };
    },
    StartExecution: (request) => {
      const aliasArn = aliasNamedIn(request);
      const { execution } = executions.start({
        name: stringField(request, 'name'),
        input: request.input === undefined ? undefined : String(request.input),
        ...(aliasArn === undefined ? {} : { aliasArn }),
      });
      return { executionArn: execution.executionArn, startDate: epochSeconds(execution.startDate) };
    },
    DescribeExecution: (request) => {
      const execution = executions.describe(stringField(request, 'executionArn', { required: true }) as string);
      return {
        ...executionSummary(execution),
        input: execution.input,
        inputDetails: { included: true },
        ...(execution.output === undefined ? {} : { output: execution.output, outputDetails: { included: true } }),
        ...(execution.error === undefined ? {} : { error: execution.error }),
        ...(execution.cause === undefined ? {} : { cause: execution.cause }),
      };
    },
    ListExecutions: (request) => {
      const aliasArn = aliasNamedIn(request);
      const statusFilter = request.statusFilter as ExecutionStatus | undefined;
      if (statusFilter !== undefined && !EXECUTION_STATUSES.includes(statusFilter)) {
        throw new StepFunctionsError(
          'ValidationException',
          `statusFilter must be one of ${EXECUTION_STATUSES.join(', ')}`,
        );
      }
      const { items, nextToken } = page(executions.list(statusFilter, aliasArn), request);
      return { executions: items.map(executionSummary), ...(nextToken ? { nextToken } : {}) };
    },
    GetExecutionHistory: (request) => {
      const execution = executions.describe(stringField(request, 'executionArn', { required: true }) as string);
      const includeData = request.includeExecutionData !== false;
      const events = [...execution.history.events].map((event) => (includeData ? event : withoutExecutionData(event)));
      const { items, nextToken } = page(request.reverseOrder === true ? events.reverse() : events, request);
      return { events: items.map(historyEvent), ...(nextToken ? { nextToken } : {}) };
    },
    StopExecution: (request) => {
      const stopDate = executions.stop(stringField(request, 'executionArn', { required: true }) as string, {
        error: stringField(request, 'error'),
        cause: stringField(request, 'cause'),
      });
      return { stopDate: epochSeconds(stopDate) };
    },
  };
};

/**
 * A Step Functions endpoint on this machine (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.*`)
 * for the one local state machine, so the AWS SDK and the AWS CLI work against it with
 * `--endpoint-url`. It serves what the platform and its operators use: ListStateMachines,
 * DescribeStateMachine, StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory and
 * StopExecution. Credentials and signatures are not checked.
 */
export const startStepFunctionsServer = async ({
  port = 0,
  workflow,
  executions,
}: {
  port?: number;
  workflow: LocalWorkflow;
  executions: LocalExecutions;
}): Promise<StepFunctionsServer> => {
  let startCalls = 0;
  let failuresToInject = 0;

  const operations = operationsFor(workflow, executions);

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(body));
  };

  const handle = (target: string, body: string, response: ServerResponse) => {
    const operationName = target.replace(/^AWSStepFunctions\./, '');
    const operation = operations[operationName];
    if (!target.startsWith('AWSStepFunctions.') || !operation) {
      const served = Object.keys(operations).join(', ');
      return reply(response, 400, {
        __type: 'UnknownOperationException',
        message: `${operationName || 'This operation'} is not served by the local Step Functions; it serves ${served}`,
      });
    }
    if (operationName === 'StartExecution') {
      startCalls += 1;
      if (failuresToInject > 0) {
        failuresToInject -= 1;
        return reply(response, 500, { __type: 'ServiceUnavailable', message: 'Injected outage' });
      }
    }
    let request: Request;
    try {
      request = JSON.parse(body || '{}') as Request;
    } catch {
      return reply(response, 400, { __type: 'SerializationException', message: 'The request body is not JSON' });
    }
    try {
      return reply(response, 200, operation(request));
    } catch (error) {
      if (error instanceof StepFunctionsError)
        return reply(response, error.statusCode, { __type: error.type, message: error.message });
      return reply(response, 500, { __type: 'InternalFailure', message: (error as Error).message });
    }
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      handle(String(request.headers['x-amz-target'] ?? ''), Buffer.concat(chunks).toString('utf8'), response),
    );
  });
  const { endpoint, stop } = await listenOnLoopback(server, port, 'none');
  return {
    endpoint,
    get startCalls() {
      return startCalls;
    },
    failNextStarts(count) {
      failuresToInject = count;
    },
    stop,
  };
};
