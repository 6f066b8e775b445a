import { readableCause } from '@order-platform/domain';
import { validOrderRequest } from '@order-platform/domain/testing';
import { executionArnOf } from '@order-platform/ops';
import { parseArgs } from 'node:util';
import { LOCAL_AUDIENCE, signLocalToken } from '../identity/local-identity';
import type { LocalPlatform, LocalPlatformOptions } from '../local-platform';
import { StartupError } from '../ports';
import type { PublishedMessage } from '../step-functions/local-task-handlers';
import type { ExecutionRecord } from '../step-functions/local-executions';

// What `npm start` (scripts/start.ts) reads from its command line and says while it runs.

const PORT_OPTIONS = {
  'http-port': 'httpPort',
  'lambda-port': 'lambdaPort',
  'dynamodb-port': 'dynamoDbPort',
  'step-functions-port': 'stepFunctionsPort',
  'sns-port': 'snsPort',
  'console-port': 'consolePort',
} as const;
type PortOption = keyof typeof PORT_OPTIONS;

const OPTIONS = {
  persist: { type: 'boolean' },
  verbose: { type: 'boolean' },
  ...Object.fromEntries(Object.keys(PORT_OPTIONS).map((name) => [name, { type: 'string' }])),
} as Record<'persist' | 'verbose', { type: 'boolean' }> & Record<PortOption, { type: 'string' }>;

const OPTION_LIST = ['--persist', '--verbose', ...Object.keys(PORT_OPTIONS).map((name) => `--${name}`)].join(', ');

export interface StartArguments {
  readonly options: { -readonly [K in keyof LocalPlatformOptions]: LocalPlatformOptions[K] };
  /** Every line serverless-offline prints, not only its warnings and errors. */
  readonly verbose: boolean;
}

/** `npm start [-- --persist] [--verbose] [--http-port N] …`; a mistake is a StartupError saying which. */
export const parseStartArguments = (args: readonly string[]): StartArguments => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const option = /'(-?-?[^' ]+)/.exec(message)?.[1] ?? message;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new StartupError(`${option} needs a port number.`);
    throw new StartupError(`unknown option ${option} (options: ${OPTION_LIST}).`);
  }
  const { persist, verbose, ...ports } = parsed.values;
  const options: StartArguments['options'] = persist ? { persist: true } : {};
  for (const [name, value] of Object.entries(ports) as [PortOption, string][]) {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartupError(`--${name} needs a port number.`);
    options[PORT_OPTIONS[name]] = port;
  }
  return { options, verbose: verbose === true };
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

/** What `npm start` prints once everything listens: where each part is, and an order to place. */
export const readyBanner = (platform: LocalPlatform, { options }: StartArguments, readyMs: number): string => {
  const token = signLocalToken('demo-customer');
  // The ops CLI defaults to the default ports; say so when they moved.
  const portFlags = [
    options.stepFunctionsPort ? ` --step-functions-port ${options.stepFunctionsPort}` : '',
    options.snsPort ? ` --sns-port ${options.snsPort}` : '',
  ].join('');
  const aws = `AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --region eu-west-1`;
  return `
Order platform is running (stage "local", data ${options.persist ? 'kept in .local/dynamodb' : 'in memory'}; ready in ${(readyMs / 1000).toFixed(1)} s):
  HTTP API        ${platform.apiUrl}          GET /catalog, POST /orders, GET /orders, GET /orders/{id}
  Step Functions  ${platform.stepFunctionsEndpoint}   runs step-functions/order-workflow.asl.yml
  DynamoDB        ${platform.dynamoDbEndpoint}
  SNS stand-in    ${platform.snsEndpoint}/messages   (alerts; or npm run alerts)
  Ops console     ${platform.consoleUrl}          executions as they run, the workflow path of each, alerts
  OpenAPI         docs/openapi.json

Place an order (token for "demo-customer", audience ${LOCAL_AUDIENCE}; more with \`npm run token -- <customerId>\`):

curl -i -X POST ${platform.apiUrl}/orders \\
  -H 'Authorization: Bearer ${token}' \\
  -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\
  -d '${JSON.stringify(validOrderRequest())}'

Watch its execution (ops' view; the same commands take --stage <stage> for a deployed stage):

npm run ops -- executions --local${portFlags}
npm run ops -- history <orderId> --local${portFlags}
open ${platform.consoleUrl}   or the ops API with \`npm run token -- <id> --ops\` (GET /ops/executions)

or with the AWS CLI:
${aws} stepfunctions list-executions --endpoint-url ${platform.stepFunctionsEndpoint} \\
  --state-machine-arn ${platform.stateMachineArn}
${aws} stepfunctions get-execution-history --endpoint-url ${platform.stepFunctionsEndpoint} \\
  --execution-arn ${executionArnOf(platform.stateMachineArn, '<orderId>')}

Press Ctrl-C to stop.`;
};
