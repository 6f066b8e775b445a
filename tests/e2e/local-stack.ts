import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  paginateListExecutions,
  SFNClient,
  type ExecutionListItem,
} from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { validOrderRequest } from '@order-platform/domain/testing';
import { executionArnOf } from '@order-platform/ops';
import { createDocumentClient } from '@order-platform/persistence';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@order-platform/local-dynamodb';
import {
  signLocalToken,
  LOCAL_TABLES,
  startLocalPlatformOnFreePorts,
  type LocalPlatform,
} from '@order-platform/local-cloud';

/** Reads until `done` holds, every 50 ms, for up to 30 s; then fails saying what did not happen. */
export const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 30 s: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export interface CallOptions {
  readonly customerId?: string;
  readonly token?: string;
  /** A string or bytes go as they are (bytes get no Content-Type of fetch's own); anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * The local stack as `npm start` runs it, on free ports, with clients that reach it the way a
 * shop frontend (HTTP + JWT) and an operator (the AWS SDK against the Step Functions endpoint) do.
 */
export const startLocalStack = async (options: Parameters<typeof startLocalPlatformOnFreePorts>[0] = {}) => {
  const platform: LocalPlatform = await startLocalPlatformOnFreePorts(options);
  const sfn = new SFNClient({
    endpoint: platform.stepFunctionsEndpoint,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const documentClient = createDocumentClient(
    new DynamoDBClient({ endpoint: platform.dynamoDbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );

  const call = async (method: string, path: string, { customerId, token, body, headers = {} }: CallOptions = {}) => {
    const bearer = token ?? (customerId ? signLocalToken(customerId) : undefined);
    const response = await fetch(`${platform.apiUrl}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: typeof body === 'string' || body === undefined || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };

  /** Every execution of the order workflow, through ListExecutions (all pages). */
  const listExecutions = async (): Promise<ExecutionListItem[]> => {
    const executions: ExecutionListItem[] = [];
    for await (const page of paginateListExecutions({ client: sfn }, { stateMachineArn: platform.stateMachineArn })) {
      executions.push(...(page.executions ?? []));
    }
    return executions;
  };

  const executionArnOfOrder = (orderId: string) => executionArnOf(platform.stateMachineArn, orderId);

  return {
    platform,
    sfn,
    call,
    placeOrder: (customerId: string, body: unknown = validOrderRequest(), headers: Record<string, string> = {}) =>
      call('POST', '/orders', { customerId, body, headers }),
    listExecutions,
    executionArnOf: executionArnOfOrder,
    describeExecution: (orderId: string) =>
      sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOfOrder(orderId) })),
    orderCount: async () =>
      (await documentClient.send(new ScanCommand({ TableName: LOCAL_TABLES.OrdersTable, Select: 'COUNT' }))).Count ?? 0,
    stop: async () => {
      sfn.destroy();
      await platform.stop();
    },
  };
};

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;
