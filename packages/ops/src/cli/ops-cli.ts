import { SFNClient } from '@aws-sdk/client-sfn';
import { parseArgs } from 'node:util';
import { ExecutionNotFoundError, RequestValidationError } from '@order-platform/domain';
import {
  buildExecutionReader,
  EXECUTION_STATUSES,
  orderWorkflowNameOf,
  parseSince,
  resolveStateMachineArn,
  StateMachineNotFoundError,
  type ExecutionStatus,
  type ExecutionSummary,
} from '../index';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import {
  executionRow,
  executionsHeader,
  executionsSummary,
  formatAlerts,
  formatHistory,
  type AlertMessage,
} from './ops-format';

export { exitQuietlyOnBrokenPipe } from './broken-pipe';

export const USAGE = `Usage: npm run ops -- <command> (--local | --stage <stage>) [options]

Commands:
  executions [--status ${EXECUTION_STATUSES.join('|')}] [--since 15m|2h|7d|<ISO date>]
                          the workflow's executions, newest first: order id, status, start, duration
  history <orderId>       the order's execution: states in order with entered/exited times,
                          retries, the failed state with its error and cause, the compensation
  alerts                  the alerts the local stack published (--local only)

Where:
  --local                 the stack \`npm start\` runs: found in .local/stack.json (or --data-dir <dir>),
                          else on the default ports; --step-functions-port, --sns-port override
  --stage <stage>         a deployed stage, with your AWS credentials (--region, default eu-west-1)

Options:
  --json                  print what was read as JSON instead of a table
  --page-size <n>         executions asked of Step Functions per page (1–1000, default 100)`;

/** A mistake in how the CLI was called: usage is printed and the exit code is 2. */
export class UsageError extends Error {}

type Command = 'executions' | 'history' | 'alerts';

export interface OpsArguments {
  readonly command: Command;
  readonly orderId?: string;
  readonly target:
    | { readonly kind: 'local'; readonly stepFunctionsPort: number; readonly snsPort: number }
    | {
        readonly kind: 'stage';
        readonly stage: string;
        readonly region: string;
      };
  readonly status?: ExecutionStatus;
  readonly since?: string;
  readonly pageSize: number;
  readonly json: boolean;
}

const OPTIONS = {
  local: { type: 'boolean' },
  json: { type: 'boolean' },
  stage: { type: 'string' },
  region: { type: 'string' },
  status: { type: 'string' },
  since: { type: 'string' },
  'page-size': { type: 'string' },
  'step-functions-port': { type: 'string' },
  'sns-port': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** Where a running `npm start` listens, as it wrote it under its data directory. */
export interface FoundLocalStack {
  readonly stepFunctionsEndpoint: string;
  readonly snsEndpoint: string;
}

/** Finds the stack `npm start` runs with this data directory (undefined: its default); injected by the entry point. */
export type FindLocalStack = (dataDir: string | undefined) => FoundLocalStack | undefined;

const DEFAULT_LOCAL_PORTS = { stepFunctionsPort: 8083, snsPort: 8084 };

/** node:util's parseArgs, its refusals said in the CLI's words. */
const parsedArguments = (args: readonly string[]) => {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const option = /'(-[^' ]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Unknown option ${option}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${option} needs a value.`);
    throw error;
  }
};

/** The command, and the order id `history` takes. */
const commandOf = (positional: readonly string[]): { command: Command; orderId?: string } => {
  const [command, orderId, ...extra] = positional;
  if (command !== 'executions' && command !== 'history' && command !== 'alerts') {
    throw new UsageError(command ? `Unknown command ${command}.` : 'Name a command.');
  }
  if (command === 'history' && !orderId) throw new UsageError('history needs an order id.');
  if ((command !== 'history' && orderId !== undefined) || extra.length > 0) {
    throw new UsageError(`Unexpected argument ${command === 'history' ? extra[0] : orderId}.`);
  }
  return { command, ...(orderId === undefined ? {} : { orderId }) };
};

/** A whole number from 1 to `max`, or the fallback when the option is not given. */
const integerOption = (values: ReadonlyMap<string, string>, flag: string, fallback: number, max: number) => {
  const value = values.get(flag);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new UsageError(`${flag} needs a whole number from 1 to ${max}.`);
  }
  return number;
};

/** The ports of the stack `npm start` wrote down, else the defaults. */
const localPortsOf = (found: FoundLocalStack | undefined) =>
  found
    ? {
        stepFunctionsPort: Number(new URL(found.stepFunctionsEndpoint).port),
        snsPort: Number(new URL(found.snsEndpoint).port),
      }
    : DEFAULT_LOCAL_PORTS;

const targetOf = (
  local: boolean,
  values: ReadonlyMap<string, string>,
  findLocalStack: FindLocalStack,
): OpsArguments['target'] => {
  const stage = values.get('--stage');
  if (local === (stage !== undefined)) throw new UsageError('Give exactly one of --local or --stage <stage>.');
  if (stage !== undefined) {
    if (values.has('--data-dir')) throw new UsageError('--data-dir goes with --local only.');
    return { kind: 'stage', stage, region: values.get('--region') ?? process.env.AWS_REGION ?? 'eu-west-1' };
  }
  // A flag given wins over what the running stack wrote down.
  const found = localPortsOf(findLocalStack(values.get('--data-dir')));
  return {
    kind: 'local',
    stepFunctionsPort: integerOption(values, '--step-functions-port', found.stepFunctionsPort, 65535),
    snsPort: integerOption(values, '--sns-port', found.snsPort, 65535),
  };
};

const statusOf = (value: string | undefined): ExecutionStatus | undefined => {
  if (value !== undefined && !(EXECUTION_STATUSES as readonly string[]).includes(value)) {
    throw new UsageError(`--status must be one of ${EXECUTION_STATUSES.join(', ')}.`);
  }
  return value as ExecutionStatus | undefined;
};

const sinceOf = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  try {
    parseSince(value);
  } catch (error) {
    if (error instanceof RequestValidationError) throw new UsageError(`--since: ${error.errors[0]?.message}.`);
    throw error;
  }
  return value;
};

export const parseOpsArguments = (
  args: readonly string[],
  { findLocalStack = () => undefined }: { findLocalStack?: FindLocalStack } = {},
): OpsArguments => {
  const { values: options, positionals } = parsedArguments(args);
  const values = new Map(
    Object.entries(options)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [`--${name}`, value]),
  );
  const command = commandOf(positionals);
  const target = targetOf(options.local === true, values, findLocalStack);
  if (command.command === 'alerts' && target.kind !== 'local') {
    throw new UsageError(
      'alerts reads the local SNS stand-in only. On AWS, subscribe to the alert topic (stack output AlertTopicArn).',
    );
  }
  const status = statusOf(values.get('--status'));
  const since = sinceOf(values.get('--since'));
  return {
    ...command,
    target,
    ...(status === undefined ? {} : { status }),
    ...(since === undefined ? {} : { since }),
    pageSize: integerOption(values, '--page-size', 100, 1000),
    json: options.json === true,
  };
};

export interface OpsOutput {
  /** The result: tables or JSON. */
  readonly out: (text: string) => void;
  /** Progress and errors, kept out of the result so it can be piped. */
  readonly progress: (text: string) => void;
}

// The local endpoint ignores the region; the SDK needs one to sign with.
const LOCAL_STACK_REGION = 'eu-west-1';

/**
 * One code path for AWS and the local stack: the SDK's Step Functions client, found by the stage's
 * state machine name. Only the endpoint and the credentials differ.
 */
export const runOps = async (
  { command, orderId, target, status, since, pageSize, json }: OpsArguments,
  output: OpsOutput,
) => {
  if (command === 'alerts') {
    const url = `http://127.0.0.1:${target.kind === 'local' ? target.snsPort : 8084}/messages`;
    const response = await fetch(url).catch(() => {
      throw new OpsError(`Nothing answers at ${url}: is npm start running?`);
    });
    const { messages } = (await response.json()) as { messages: AlertMessage[] };
    output.out(json ? JSON.stringify(messages, null, 2) : formatAlerts(messages));
    return;
  }

  const stage = target.kind === 'local' ? 'local' : target.stage;
  const endpoint = target.kind === 'local' ? `http://127.0.0.1:${target.stepFunctionsPort}` : undefined;
  const client = new SFNClient(
    endpoint
      ? { endpoint, region: LOCAL_STACK_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }
      : { region: target.kind === 'stage' ? target.region : LOCAL_STACK_REGION },
  );
  try {
    const stateMachineArn = await resolveStateMachineArn(client, orderWorkflowNameOf(stage));
    const reader = buildExecutionReader(client, stateMachineArn);
    if (command === 'history') {
      const report = await reader.report(orderId as string);
      output.out(json ? JSON.stringify(report, null, 2) : formatHistory(report));
      return;
    }
    await listExecutions(reader, { status, since, pageSize }, json, output);
  } catch (error) {
    throw explain(error, stage, endpoint);
  } finally {
    client.destroy();
  }
};

const listExecutions = async (
  reader: ReturnType<typeof buildExecutionReader>,
  { status, since, pageSize }: { status?: ExecutionStatus; since?: string; pageSize: number },
  json: boolean,
  output: OpsOutput,
) => {
  const all: ExecutionSummary[] = [];
  let pages = 0;
  if (!json) output.out(executionsHeader());
  for await (const page of reader.listAll({
    ...(status ? { status } : {}),
    ...(since ? { since: parseSince(since) } : {}),
    pageSize,
  })) {
    pages += 1;
    all.push(...page.executions);
    if (!json) for (const execution of page.executions) output.out(executionRow(execution));
    // A long listing says how far it got, page by page, on the progress stream.
    if (page.nextToken) output.progress(`… ${all.length} executions read, fetching page ${pages + 1}`);
  }
  output.out(json ? JSON.stringify(all, null, 2) : executionsSummary(all));
};

/** A failure the CLI explains in one line (exit code 1). */
export class OpsError extends Error {}

const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET']);

const explain = (error: unknown, stage: string, endpoint: string | undefined): unknown => {
  if (error instanceof ExecutionNotFoundError) return new OpsError(error.message);
  if (error instanceof StateMachineNotFoundError) {
    return new OpsError(`${error.message} Is stage "${stage}" deployed there?`);
  }
  if (!(error instanceof Error)) return error;
  const { name, message, code, $metadata } = error as Error & { code?: string; $metadata?: unknown };
  if ((code && NETWORK_ERROR_CODES.has(code)) || /fetch failed|socket hang up/.test(message)) {
    return new OpsError(
      endpoint ? `Nothing answers at ${endpoint}: is npm start running?` : `Cannot reach Step Functions: ${message}`,
    );
  }
  if (name === 'CredentialsProviderError') return new OpsError(`No AWS credentials for stage "${stage}": ${message}`);
  // Step Functions answered with an error of its own (access denied, throttled, …).
  if ($metadata) return new OpsError(`Step Functions refused: ${name}: ${message}`);
  return error;
};
