import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { createDocumentClient, putProducts } from '@order-platform/persistence';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables, tableNamesFor } from '@order-platform/persistence/tables';
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ms, percentile, ratio } from './stats';
import type { WarmRequest, WorkerMessage } from './warm-overhead-worker';

// Warm overhead per request: the deployed GET /orders/{orderId} and POST /orders bundles invoked
// in-process (a worker process) against a local DynamoDB, each request interleaved with its floor,
// the same DynamoDB requests sent straight through the SDK. StartExecution goes to a local
// endpoint that answers at once, for the handler and its floor alike.

export const WARMUP_REQUESTS = 300;
export const SAMPLED_REQUESTS = 2_000;
export const MAX_WARM_RATIO = 1.3;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** Step Functions' StartExecution, answered at once: the workflow is not what this measures. */
const startExecutionEndpoint = () =>
  createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(
        JSON.stringify({
          executionArn: 'arn:aws:states:eu-west-1:000000000000:execution:bench:order',
          startDate: Date.now() / 1000,
        }),
      );
    });
  });

export const measureWarmOverhead = async (bundles: { getOrder: string; createOrder: string }) => {
  const tables = tableNamesFor('order-platform-bench');
  // The operations DynamoDB receives, so each side's requests can be compared.
  const operations: string[] = [];
  const dynamodb = await startLocalDynamoDb({ onRequest: (operation) => operations.push(operation) });
  const stepFunctions = startExecutionEndpoint();
  try {
    await createTables(dynamodb.client, { OrdersTable: tables.OrdersTable, CatalogTable: tables.CatalogTable });
    await putProducts(createDocumentClient(dynamodb.client), tables.CatalogTable, DEMO_CATALOG);
    const stepFunctionsEndpoint = await listen(stepFunctions);
    const worker = fork(
      join(__dirname, 'warm-overhead-worker.ts'),
      [bundles.getOrder, bundles.createOrder, String(WARMUP_REQUESTS), String(SAMPLED_REQUESTS)],
      {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: LOCAL_REGION,
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
          AWS_ENDPOINT_URL_SFN: stepFunctionsEndpoint,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          ORDERS_TABLE: tables.OrdersTable,
          CATALOG_TABLE: tables.CatalogTable,
          ORDER_WORKFLOW_ALIAS_ARN:
            'arn:aws:states:us-east-1:000000000000:stateMachine:order-platform-bench-order-workflow:live',
          SERVICE_NAME: 'order-platform',
          STAGE: 'bench',
        },
      },
    );
    let marked = 0;
    const requests = await new Promise<WarmRequest[]>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'calls-since-mark') {
          worker.send(operations.slice(marked));
          marked = operations.length;
        } else resolve(message.requests);
      });
      worker.once('exit', (code) => reject(new Error(`the warm-overhead worker exited with ${code}`)));
    });
    return requests;
  } finally {
    stepFunctions.close();
    await dynamodb.stop();
  }
};

export const warmOverheadSection = (requests: readonly WarmRequest[]) => {
  const rows = requests.map((request) => {
    const figures = [50, 99].map((p) => {
      const handler = percentile(request.handlerMs, p);
      const floor = percentile(request.floorMs, p);
      return { p, handler, floor, ratio: handler / floor };
    });
    const sameCalls = request.handlerCalls.join() === request.floorCalls.join();
    const met = sameCalls && figures.every((figure) => figure.ratio <= MAX_WARM_RATIO);
    return {
      met,
      line: `| \`${request.route}\` | ${figures.map((f) => `${ms(f.handler, 2)} / ${ms(f.floor, 2)} = ${ratio(f.ratio)}`).join(' | ')} | ${request.handlerCalls.join(' → ')}${sameCalls ? '' : ` (floor: ${request.floorCalls.join(' → ')})`} | ${met ? 'met' : '**missed**'} |`,
    };
  });
  return {
    goal: `warm \`GET /orders/{orderId}\` and \`POST /orders\` ≤ ${MAX_WARM_RATIO}× the raw DynamoDB calls, p50 and p99`,
    met: rows.every((row) => row.met),
    markdown: `## Warm overhead per request

The deployed \`getOrder\` and \`createOrder\` bundles, invoked in-process (a worker process whose
stdout, where they log a JSON line per request, goes nowhere) against dynalite, after
${WARMUP_REQUESTS} warm-up requests each. Every sampled request is paired with its floor, in a random order
within the pair: the same DynamoDB requests sent straight through the SDK's document client
(and, for \`POST /orders\`, the same StartExecution; a local endpoint answers it at once for both).
${SAMPLED_REQUESTS.toLocaleString('en')} pairs per route. The DynamoDB operations column is what DynamoDB
received for one request of each side. Goal: at most ${MAX_WARM_RATIO}× the floor at p50 and at p99.

| route | p50: handler / floor | p99: handler / floor | DynamoDB operations per request (handler and floor) | goal |
| --- | --- | --- | --- | --- |
${rows.map((row) => row.line).join('\n')}
`,
  };
};
