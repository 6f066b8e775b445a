import { readableCause } from '@order-platform/domain';
import { validOrderRequest } from '@order-platform/domain/testing';
import { executionArnOf } from '@order-platform/ops';
import {
  LOCAL_AUDIENCE,
  signLocalToken,
  startLocalPlatform,
  StartupError,
  type LocalPlatformOptions,
  UnsupportedDefinitionError,
} from '@order-platform/local-cloud';

// npm start [-- --persist] [--verbose] [--http-port N] [--dynamodb-port N] [--step-functions-port N]
//                       [--sns-port N] [--lambda-port N] [--console-port N]
// The platform on this machine: no Docker, no Java, no AWS account.

// The machines run Node 20 on purpose (Lambda runs nodejs24.x); the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const PORT_FLAGS = {
  '--http-port': 'httpPort',
  '--lambda-port': 'lambdaPort',
  '--dynamodb-port': 'dynamoDbPort',
  '--step-functions-port': 'stepFunctionsPort',
  '--sns-port': 'snsPort',
  '--console-port': 'consolePort',
} as const;

const parseArguments = (args: readonly string[]) => {
  const options: { -readonly [K in keyof LocalPlatformOptions]: LocalPlatformOptions[K] } = {};
  let verbose = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--persist') options.persist = true;
    else if (arg === '--verbose') verbose = true;
    else if (arg in PORT_FLAGS) {
      const port = Number(args[(i += 1)]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartupError(`${arg} needs a port number.`);
      options[PORT_FLAGS[arg as keyof typeof PORT_FLAGS]] = port;
    } else {
      throw new StartupError(
        `unknown option ${arg} (options: --persist, --verbose, ${Object.keys(PORT_FLAGS).join(', ')}).`,
      );
    }
  }
  return { options, verbose };
};

const main = async () => {
  const { options, verbose } = parseArguments(process.argv.slice(2));
  const startedAt = process.hrtime.bigint();
  console.log('Starting the order platform locally…');
  const platform = await startLocalPlatform({
    ...options,
    log: (line) => {
      if (verbose || /error|warn/i.test(line)) console.log(`  [api] ${line}`);
    },
    onExecutionClosed: (execution) => {
      const took = (execution.stopDate?.getTime() ?? Date.now()) - execution.startDate.getTime();
      const why = execution.error ? ` ${execution.error}: ${readableCause(execution.cause ?? '')}` : '';
      console.log(`  [step-functions] ${execution.name} ${execution.status} in ${took} ms${why}`);
    },
    onAlert: (message) =>
      console.log(`  [sns] ${message.topicArn.split(':').pop()}: ${message.subject ?? message.message}`),
  });
  const readyMs = Number(process.hrtime.bigint() - startedAt) / 1e6;

  const token = signLocalToken('demo-customer');
  const order = JSON.stringify(validOrderRequest());
  // The ops CLI defaults to the default ports; say so when they moved.
  const portFlags = [
    options.stepFunctionsPort ? ` --step-functions-port ${options.stepFunctionsPort}` : '',
    options.snsPort ? ` --sns-port ${options.snsPort}` : '',
  ].join('');
  const aws = `AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --region eu-west-1`;
  console.log(`
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
  -d '${order}'

Watch its execution (ops' view; the same commands take --stage <stage> for a deployed stage):

npm run ops -- executions --local${portFlags}
npm run ops -- history <orderId> --local${portFlags}
open ${platform.consoleUrl}   or the ops API with \`npm run token -- <id> --ops\` (GET /ops/executions)

or with the AWS CLI:
${aws} stepfunctions list-executions --endpoint-url ${platform.stepFunctionsEndpoint} \\
  --state-machine-arn ${platform.stateMachineArn}
${aws} stepfunctions get-execution-history --endpoint-url ${platform.stepFunctionsEndpoint} \\
  --execution-arn ${executionArnOf(platform.stateMachineArn, '<orderId>')}

Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    const running = platform.executions.runningCount;
    await platform.stop();
    console.log(running > 0 ? `Stopped (running executions aborted: ${running}).` : 'Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

main().catch((error: Error) => {
  const expected = error instanceof StartupError || error instanceof UnsupportedDefinitionError;
  console.error(expected ? `Cannot start: ${error.message}` : (error.stack ?? error.message));
  process.exit(1);
});
