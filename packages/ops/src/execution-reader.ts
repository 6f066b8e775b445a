import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { ExecutionNotFoundError, RequestValidationError } from '@order-platform/domain';
import {
  buildExecutionReport,
  type ExecutionPage,
  type ExecutionReport,
  type ExecutionStatus,
  type ExecutionSummary,
} from './execution-report';

export interface ListExecutionsQuery {
  readonly status?: ExecutionStatus;
  /** Only executions started at or after this instant. */
  readonly since?: Date;
  /** Page size asked of Step Functions (1–1000). */
  readonly pageSize?: number;
  readonly nextToken?: string;
}

export class StateMachineNotFoundError extends Error {
  constructor(readonly stateMachineName: string) {
    super(`No state machine named ${stateMachineName} in this account and region.`);
    this.name = 'StateMachineNotFoundError';
  }
}

/** The port the ops CLI, the ops API and the local console read executions through. */
export interface ExecutionReader {
  /** One page, newest first, as Step Functions pages it. */
  listPage(query?: ListExecutionsQuery): Promise<ExecutionPage>;
  /** Every matching execution, page by page, newest first; stops at the first one before `since`. */
  listAll(query?: Omit<ListExecutionsQuery, 'nextToken'>): AsyncGenerator<ExecutionPage>;
  report(orderId: string): Promise<ExecutionReport>;
}

/**
 * The state machine an ARN names, without the version or alias that may qualify it
 * (`arn:aws:states:<region>:<account>:stateMachine:<name>[:<version or alias>]`).
 */
export const stateMachineArnOf = (arn: string): string => arn.split(':').slice(0, 7).join(':');

/**
 * Standard workflows name executions `arn:…:execution:<state machine name>:<execution name>`,
 * whichever version or alias started them.
 */
export const executionArnOf = (stateMachineArn: string, executionName: string): string =>
  `${stateMachineArnOf(stateMachineArn).replace(':stateMachine:', ':execution:')}:${executionName}`;

/** The state machine `serverless.yml` deploys for a stage. */
export const orderWorkflowNameOf = (stage: string, service = 'order-platform'): string =>
  `${service}-${stage}-order-workflow`;

/** Finds a state machine's ARN by name (ListStateMachines needs no account id, unlike building one). */
export const resolveStateMachineArn = async (client: SFNClient, name: string): Promise<string> => {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ maxResults: 1000, nextToken }));
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  throw new StateMachineNotFoundError(name);
};

const MAX_ORDER_ID_LENGTH = 80; // Step Functions' limit on execution names.

const durationBetween = (start: Date, end: Date | undefined) =>
  end === undefined ? undefined : Math.max(0, end.getTime() - start.getTime());

/** What listing needs of the reader: the ops API's list-executions. */
export type ExecutionListing = Pick<ExecutionReader, 'listPage' | 'listAll'>;

/**
 * The listing half of the reader, apart so that a Lambda that only lists does not bundle the
 * report's history reading (buildExecutionReport).
 */
export const buildExecutionListing = (client: SFNClient, workflowArn: string): ExecutionListing => {
  // An alias's or a version's ARN lists only the executions started through it: ops read them all.
  const stateMachineArn = stateMachineArnOf(workflowArn);
  const listPage = async ({ status, since, pageSize = 100, nextToken }: ListExecutionsQuery = {}) => {
    const page = await client
      .send(new ListExecutionsCommand({ stateMachineArn, statusFilter: status, maxResults: pageSize, nextToken }))
      .catch((error: Error) => {
        if (error.name === 'InvalidToken') {
          throw new RequestValidationError([{ path: '/nextToken', message: 'Not a token this listing gave' }]);
        }
        throw error;
      });
    const all = (page.executions ?? []).map((item): ExecutionSummary & { started: Date } => {
      const started = item.startDate ?? new Date(0);
      const durationMs = durationBetween(started, item.stopDate);
      return {
        started,
        orderId: item.name ?? '',
        executionArn: item.executionArn ?? '',
        status: (item.status ?? 'RUNNING') as ExecutionStatus,
        startedAt: started.toISOString(),
        ...(item.stopDate ? { stoppedAt: item.stopDate.toISOString() } : {}),
        ...(durationMs === undefined ? {} : { durationMs }),
      };
    });
    const recent = since ? all.filter(({ started }) => started >= since) : all;
    // Newest first: once one execution is older than `since`, every later page is too.
    const reachedSince = recent.length < all.length;
    return {
      executions: recent.map(({ started: _started, ...summary }) => summary),
      ...(page.nextToken && !reachedSince ? { nextToken: page.nextToken } : {}),
    };
  };

  return {
    listPage,
    async *listAll(query = {}) {
      let nextToken: string | undefined;
      do {
        const page: ExecutionPage = await listPage({ ...query, nextToken });
        yield page;
        nextToken = page.nextToken;
      } while (nextToken);
    },
  };
};

export const buildExecutionReader = (client: SFNClient, stateMachineArn: string): ExecutionReader => ({
  ...buildExecutionListing(client, stateMachineArn),
  async report(orderId) {
    if (orderId.length === 0 || orderId.length > MAX_ORDER_ID_LENGTH) throw new ExecutionNotFoundError(orderId);
    const executionArn = executionArnOf(stateMachineArn, orderId);
    const description = await client.send(new DescribeExecutionCommand({ executionArn })).catch((error: Error) => {
      if (error.name === 'ExecutionDoesNotExist' || error.name === 'InvalidArn') {
        throw new ExecutionNotFoundError(orderId);
      }
      throw error;
    });
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return buildExecutionReport(
      {
        executionArn,
        name: description.name ?? orderId,
        status: (description.status ?? 'RUNNING') as ExecutionStatus,
        startDate: description.startDate ?? new Date(0),
        ...(description.stopDate ? { stopDate: description.stopDate } : {}),
        ...(description.error ? { error: description.error } : {}),
        ...(description.cause ? { cause: description.cause } : {}),
      },
      events,
    );
  },
});
