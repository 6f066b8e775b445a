import { readableCause } from '@order-platform/domain';
import { validOrderRequest } from '@order-platform/domain/testing';
import { executionArnOf } from '@order-platform/ops';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_AUDIENCE, signLocalToken } from '../identity/local-identity';
import type { LocalPlatform, LocalPlatformOptions } from '../local-platform';
import { StartupError } from '../ports';
import type { PublishedMessage } from '../step-functions/local-task-handlers';
import type { ExecutionRecord, RestoredExecutions } from '../step-functions/local-executions';
import { DEFAULT_DATA_DIR } from '../local-services';
import { LOCAL_PAYMENT_PROVIDERS, type LocalPaymentProvider } from '../payments/local-payments';
import { REPO_ROOT } from '../repo-root';

// What `npm start` (scripts/start.ts) reads from its command line and says while it runs.

const PORT_OPTIONS = {
  'http-port': 'httpPort',
  'lambda-port': 'lambdaPort',
  'dynamodb-port': 'dynamoDbPort',
  'step-functions-port': 'stepFunctionsPort',
  'sns-port': 'snsPort',
  'console-port': 'consolePort',
  'storefront-port': 'storefrontPort',
} as const;
type PortOption = keyof typeof PORT_OPTIONS;

const OPTIONS = {
  persist: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'data-dir': { type: 'string' },
  'grace-seconds': { type: 'string' },
  payments: { type: 'string' },
  ...Object.fromEntries(Object.keys(PORT_OPTIONS).map((name) => [name, { type: 'string' }])),
} as Record<'persist' | 'verbose', { type: 'boolean' }> &
  Record<'data-dir' | 'grace-seconds' | 'payments' | PortOption, { type: 'string' }>;

const OPTION_LIST = [
  '--persist',
  '--data-dir',
  '--grace-seconds',
  '--verbose',
  '--payments',
  ...Object.keys(PORT_OPTIONS).map((name) => `--${name}`),
].join(', ');

/** What the value of each option that takes one must be, for the message that refuses it. */
const VALUE_NEEDED: Readonly<Record<string, string>> = {
  '--data-dir': 'a directory',
  '--grace-seconds': 'a number of seconds (0 or more)',
  '--payments': LOCAL_PAYMENT_PROVIDERS.join(' or '),
};

/** How long Ctrl-C waits for running executions unless told: a happy-path order takes about a second. */
export const DEFAULT_GRACE_SECONDS = 10;

export interface StartArguments {
  readonly options: { -readonly [K in keyof LocalPlatformOptions]: LocalPlatformOptions[K] };
  /** Every line serverless-offline prints, not only its warnings and errors. */
  readonly verbose: boolean;
  /** How long Ctrl-C (SIGINT, SIGTERM) lets running executions finish before it aborts them. */
  readonly graceSeconds: number;
}

const parsedArgs = (args: readonly string[]) => {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const option = /'(-?-?[^' ]+)/.exec(message)?.[1] ?? message;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const needed = Object.entries(VALUE_NEEDED).find(([name]) => option.startsWith(name))?.[1] ?? 'a port number';
      throw new StartupError(`${option} needs ${needed}.`);
    }
    throw new StartupError(`unknown option ${option} (options: ${OPTION_LIST}).`);
  }
};

/**
 * `npm start [-- --persist] [--data-dir DIR] [--grace-seconds N] [--payments sandbox|stripe] [--verbose] [--http-port N] …`;
 * a mistake is a StartupError saying which.
 */
export const parseStartArguments = (
  args: readonly string[],
  // npm runs scripts from the repository's root; a relative --data-dir means where it was typed.
  { cwd = process.env.INIT_CWD ?? process.cwd() }: { cwd?: string } = {},
): StartArguments => {
  const { persist, verbose, 'data-dir': dataDir, 'grace-seconds': grace, payments, ...ports } = parsedArgs(args);
  const options: StartArguments['options'] = persist ? { persist: true } : {};
  if (payments !== undefined) {
    if (!(LOCAL_PAYMENT_PROVIDERS as readonly string[]).includes(payments)) {
      throw new StartupError(`--payments needs ${VALUE_NEEDED['--payments']}.`);
    }
    options.payments = payments as LocalPaymentProvider;
  }
  if (dataDir !== undefined) {
    if (dataDir.trim() === '') throw new StartupError(`--data-dir needs ${VALUE_NEEDED['--data-dir']}.`);
    options.dataDir = resolve(cwd, dataDir);
  }
  for (const [name, value] of Object.entries(ports) as [PortOption, string][]) {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartupError(`--${name} needs a port number.`);
    options[PORT_OPTIONS[name]] = port;
  }
  const graceSeconds = grace === undefined || grace.trim() === '' ? Number.NaN : Number(grace);
  if (grace !== undefined && !(Number.isFinite(graceSeconds) && graceSeconds >= 0)) {
    throw new StartupError(`--grace-seconds needs ${VALUE_NEEDED['--grace-seconds']}.`);
  }
  return {
    options,
    verbose: verbose === true,
    graceSeconds: grace === undefined ? DEFAULT_GRACE_SECONDS : graceSeconds,
  };
};

/** One line per closed execution: which order, how it ended, how long it took, and why it failed. */
export const closedExecutionLine = (
  execution: Pick<ExecutionRecord, 'name' | 'status' | 'startDate' | 'stopDate' | 'error' | 'cause'>,
): string => {
  const took = (execution.stopDate?.getTime() ?? Date.now()) - execution.startDate.getTime();
  const why = execution.error ? ` ${execution.error}: ${readableCause(execution.cause ?? '')}` : '';
  return `  [step-functions] ${execution.name} ${execution.status} in ${took} ms${why}`;
};

export const alertLine = (message: PublishedMessage): string =>
  `  [sns] ${message.topicArn.split(':').pop()}: ${message.subject ?? message.message}`;

/** The data directory as a user typed it: relative to the repository when inside it. */
const shownDataDir = (dataDir = DEFAULT_DATA_DIR) => {
  const inRepo = relative(REPO_ROOT, dataDir);
  return inRepo && !inRepo.startsWith('..') && !isAbsolute(inRepo) ? inRepo : dataDir;
};

const executionsCount = (count: number) => `${count} execution${count === 1 ? '' : 's'}`;

/** What a `--persist` start found on disk: the executions it resumed, and the files it skipped. */
export const restoredLines = ({ resumed, closed, problems }: RestoredExecutions): string[] => [
  ...(resumed + closed > 0
    ? [
        `  [step-functions] from disk: ${executionsCount(closed)} closed, ${executionsCount(resumed)} running resumed (each re-driven from its start).`,
      ]
    : []),
  ...problems.map((problem) => `  [step-functions] skipped ${problem}`),
];

/** What Ctrl-C says first: what it waits for, and for how long. */
export const stoppingLine = (signal: string, running: number, graceSeconds: number): string =>
  running === 0
    ? `\n${signal}: no longer taking requests; stopping…`
    : `\n${signal}: no longer taking requests; waiting up to ${graceSeconds} s for ${executionsCount(running)} still running (Ctrl-C again to stop them now)…`;

/** What Ctrl-C says last: the executions it had to abort, and where they went. */
export const stoppedLine = (
  left: readonly Pick<ExecutionRecord, 'name'>[],
  { persist = false, dataDir }: Pick<LocalPlatformOptions, 'persist' | 'dataDir'>,
): string => {
  if (left.length === 0) return 'Stopped: no execution was left running.';
  const names = left.map((execution) => execution.name).join(', ');
  const where = persist
    ? `kept RUNNING in ${shownDataDir(dataDir)}/step-functions; the next --persist start resumes them`
    : 'aborted (in memory: gone; start with --persist to keep them)';
  return `Stopped: ${executionsCount(left.length)} did not finish in time, ${where}: ${names}`;
};

/** Which provider takes the payments: the sandbox, or Stripe's API shape on the Stripe test server. */
const paymentsLine = ({ stripeUrl }: Pick<LocalPlatform, 'stripeUrl'>) =>
  stripeUrl
    ? `  Payments        ${stripeUrl}   Stripe test server: PaymentIntents held, then captured (pm_card_visa, pm_card_chargeDeclined, …); its key from the local Secrets Manager\n`
    : `  Payments        sandbox provider (tok_visa, tok_declined, …); \`--payments stripe\` for Stripe's API\n`;

/** What `npm start` prints once everything listens: where each part is, and an order to place. */
/** What the banner says of the running stack: where each part listens. */
export type BannerFacts = Pick<
  LocalPlatform,
  | 'apiUrl'
  | 'stepFunctionsEndpoint'
  | 'dynamoDbEndpoint'
  | 'snsEndpoint'
  | 'consoleUrl'
  | 'storefrontUrl'
  | 'stripeUrl'
  | 'stateMachineArn'
  | 'eventLogGroups'
>;

export const readyBanner = (platform: BannerFacts, { options }: StartArguments, readyMs: number): string => {
  const token = signLocalToken('demo-customer');
  // The ops CLI finds moved ports in the stack file under the data directory; only a data
  // directory other than the default needs saying.
  const portFlags = options.dataDir === undefined ? '' : ` --data-dir ${shownDataDir(options.dataDir)}`;
  const aws = `AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --region eu-west-1`;
  return `
Order platform is running (stage "local", data ${options.persist ? `kept in ${shownDataDir(options.dataDir)} (dynamodb, step-functions)` : 'in memory'}; ready in ${(readyMs / 1000).toFixed(1)} s):
  HTTP API        ${platform.apiUrl}          GET /catalog, POST /orders, GET /orders, GET /orders/{id}, POST /orders/{id}/cancel
  Step Functions  ${platform.stepFunctionsEndpoint}   runs step-functions/order-workflow.asl.yml
  DynamoDB        ${platform.dynamoDbEndpoint}
  SNS stand-in    ${platform.snsEndpoint}/messages   (alerts; or npm run alerts)
  EventBridge     ${platform.snsEndpoint}            order events, and CloudWatch Logs with them (aws events, aws logs)
  Ops console     ${platform.consoleUrl}          executions as they run, the workflow path of each, alerts
  Storefront      ${platform.storefrontUrl}          a shop on its own origin: catalog, cart, checkout with sandbox cards, order status
${paymentsLine(platform)}  OpenAPI         docs/openapi.json

Place an order (token for "demo-customer", audience ${LOCAL_AUDIENCE}; more with \`npm run token -- alice\`, any customer id):

curl -i -X POST ${platform.apiUrl}/orders \\
  -H 'Authorization: Bearer ${token}' \\
  -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\
  -d '${JSON.stringify(validOrderRequest())}'

Watch its execution, with ORDER_ID set to the orderId it answered (ops' view; the same commands take --stage dev, or any deployed stage):

npm run ops -- executions --local${portFlags}
npm run ops -- history $ORDER_ID --local${portFlags}
open ${platform.consoleUrl}   or the ops API with a token from \`npm run token -- ops-1 --ops\` (GET /ops/executions)

or with the AWS CLI:
${aws} stepfunctions list-executions --endpoint-url ${platform.stepFunctionsEndpoint} \\
  --state-machine-arn ${platform.stateMachineArn}
${aws} stepfunctions get-execution-history --endpoint-url ${platform.stepFunctionsEndpoint} \\
  --execution-arn ${executionArnOf(platform.stateMachineArn, '$ORDER_ID')}
${platform.eventLogGroups
  .map(
    (group) => `${aws} logs filter-log-events --endpoint-url ${platform.snsEndpoint} \\
  --log-group-name ${group} --filter-pattern "{ \\$.detail.orderId = \\"$ORDER_ID\\" }"   # its events
`,
  )
  .join('')}
Press Ctrl-C to stop.`;
};
