import { validOrderRequest } from '@order-platform/domain/testing';
import { LOCAL_AUDIENCE, signLocalToken } from './local-identity';
import { PortInUseError, startLocalPlatform } from './local/local-platform';

// npm start [-- --persist]: the platform on this machine, no Docker, no AWS account.

// The machines run Node 20 on purpose (Lambda runs nodejs24.x); the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const persist = process.argv.includes('--persist');
const verbose = process.argv.includes('--verbose');

const main = async () => {
  console.log('Starting the order platform locally…');
  const platform = await startLocalPlatform({
    persist,
    log: (line) => {
      if (verbose || /error|warn/i.test(line)) console.log(`  [api] ${line}`);
    },
    onExecutionStarted: (execution) => console.log(`  [step-functions] StartExecution ${execution.name}`),
  });

  const token = signLocalToken('demo-customer');
  const order = JSON.stringify(validOrderRequest());
  console.log(`
Order platform is running (stage "local", data ${persist ? 'kept in .local/dynamodb' : 'in memory'}):
  HTTP API        ${platform.apiUrl}          (GET /catalog, POST /orders, GET /orders, GET /orders/{id})
  DynamoDB        ${platform.dynamoDbEndpoint}
  Step Functions  ${platform.stepFunctionsEndpoint}   (records StartExecution; executions do not run locally yet)
  OpenAPI         docs/openapi.json

Place an order (token for "demo-customer", audience ${LOCAL_AUDIENCE}; more with \`npm run token -- <customerId>\`):

curl -i -X POST ${platform.apiUrl}/orders \\
  -H 'Authorization: Bearer ${token}' \\
  -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\
  -d '${order}'

Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await platform.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

main().catch((error: Error) => {
  console.error(error instanceof PortInUseError ? `Cannot start: ${error.message}` : (error.stack ?? error.message));
  process.exit(1);
});
