import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { createDocumentClient, putProducts } from '@order-platform/persistence';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables, tableNamesFor } from '@order-platform/persistence/tables';
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SAMPLED_REQUESTS, WARMUP_REQUESTS, type WarmRequest, type WorkerMessage } from '../warm-overhead';

// Measures warm overhead per request (the goal and the verdict are ../warm-overhead.ts's): a local
// DynamoDB and a StartExecution endpoint here, the handlers and their floors in WORKER, a process
// of its own whose stdout goes nowhere.

/** The worker this module forks, by path: it runs under tsx beside this file. */
export const WORKER = join(__dirname, 'warm-overhead-worker.ts');

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
    await createTables(dynamodb.client, {
      OrdersTable: tables.OrdersTable,
      CatalogTable: tables.CatalogTable,
      StockTable: tables.StockTable,
    });
    await putProducts(createDocumentClient(dynamodb.client), tables, DEMO_CATALOG);
    const stepFunctionsEndpoint = await listen(stepFunctions);
    const worker = fork(
      WORKER,
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
          STOCK_TABLE: tables.StockTable,
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
