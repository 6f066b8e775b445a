import { build, type Metafile } from 'esbuild';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { REPO_ROOT } from '@order-platform/local-cloud';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createDocumentClient, putProducts } from '@order-platform/persistence';
import { createTables, tableNamesFor } from '@order-platform/persistence/tables';
import {
  PEER_IMPORT_RUNS,
  PEER_SAMPLED_REQUESTS,
  PEER_WARMUP_REQUESTS,
  type PeerComparison,
  type PeerRun,
} from '../peer';
import { shuffled } from '../stats';
import { importOnce } from './cold-import';
import type { PeerWarmResult } from './peer-warm-worker';

// Measures ours against the peer (the goal and the verdict are ../peer.ts's): builds the peer's
// bundles with serverless.yml's esbuild options but the AWS SDK external and no credentials
// alias, imports all four in fresh processes, then runs them warm in one worker.

const PEER_SOURCES = { createOrder: 'create-order.ts', getOrder: 'get-order.ts' } as const;
const FUNCTIONS = ['createOrder', 'getOrder'] as const;
const ROUTES = { createOrder: 'POST /orders', getOrder: 'GET /orders/{orderId}' } as const;
const WORKER = join(__dirname, 'peer-warm-worker.ts');
/** Where Lambda's Node.js runtime finds the SDK it provides is on NODE_PATH; here, the repository's. */
const RUNTIME_NODE_PATH = join(REPO_ROOT, 'node_modules');

const HANDLER_ENVIRONMENT = {
  ORDERS_TABLE: 'order-platform-bench-orders',
  CATALOG_TABLE: 'order-platform-bench-catalog',
  STOCK_TABLE: 'order-platform-bench-stock',
  ORDER_WORKFLOW_ALIAS_ARN:
    'arn:aws:states:us-east-1:000000000000:stateMachine:order-platform-bench-order-workflow:live',
  SERVICE_NAME: 'order-platform',
  STAGE: 'bench',
  NODE_PATH: RUNTIME_NODE_PATH,
};

/** The peer as reference projects bundle it: our esbuild options, minus the alias and plugins, SDK external. */
const buildPeer = async (workDir: string) => {
  const state = JSON.parse(readFileSync(join(workDir, 'package', 'serverless-state.json'), 'utf8')) as {
    service: { custom: { esbuild: Record<string, unknown> } };
  };
  const { exclude: _exclude, alias: _alias, plugins: _plugins, ...options } = state.service.custom.esbuild;
  return Object.fromEntries(
    await Promise.all(
      FUNCTIONS.map(async (name) => {
        const outfile = join(workDir, 'peer', `${name}.js`);
        const result = await build({
          ...options,
          entryPoints: [join(__dirname, '..', 'peer', PEER_SOURCES[name])],
          external: ['@aws-sdk/*'],
          absWorkingDir: REPO_ROOT,
          outfile,
          metafile: true,
          logLevel: 'silent',
        });
        const output = Object.values(result.metafile.outputs)[0] as Metafile['outputs'][string];
        return [name, { file: outfile, bytes: output.bytes }] as const;
      }),
    ),
  ) as Record<(typeof FUNCTIONS)[number], { file: string; bytes: number }>;
};

const coldImports = async (files: readonly string[], log: (line: string) => void) => {
  const samples = new Map<string, number[]>(files.map((file) => [file, []]));
  for (let round = 1; round <= PEER_IMPORT_RUNS; round += 1) {
    for (const file of shuffled(files)) samples.get(file)?.push(await importOnce(file, HANDLER_ENVIRONMENT));
    if (round % 5 === 0) log(`peer: cold imports, round ${round} of ${PEER_IMPORT_RUNS}`);
  }
  return samples;
};

const startExecutionEndpoint = async () => {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(
        JSON.stringify({
          executionArn: 'arn:aws:states:us-east-1:000000000000:execution:bench:order',
          startDate: Date.now() / 1000,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const warmRuns = async (bundles: Record<'ours' | 'peer', Record<(typeof FUNCTIONS)[number], string>>) => {
  const tables = tableNamesFor('order-platform-bench');
  const dynamodb = await startLocalDynamoDb();
  const stepFunctions = await startExecutionEndpoint();
  try {
    await createTables(dynamodb.client, {
      OrdersTable: tables.OrdersTable,
      CatalogTable: tables.CatalogTable,
      StockTable: tables.StockTable,
    });
    await putProducts(createDocumentClient(dynamodb.client), tables, DEMO_CATALOG);
    const worker = fork(
      WORKER,
      [JSON.stringify(bundles), String(PEER_WARMUP_REQUESTS), String(PEER_SAMPLED_REQUESTS)],
      {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        env: {
          PATH: process.env.PATH ?? '',
          ...HANDLER_ENVIRONMENT,
          ORDERS_TABLE: tables.OrdersTable,
          CATALOG_TABLE: tables.CatalogTable,
          STOCK_TABLE: tables.StockTable,
          AWS_REGION: LOCAL_REGION,
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
          AWS_ENDPOINT_URL_SFN: stepFunctions.endpoint,
          AWS_LAMBDA_FUNCTION_NAME: 'bench',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          POWERTOOLS_TRACE_ENABLED: 'false',
        },
      },
    );
    return await new Promise<PeerWarmResult[]>((resolve, reject) => {
      worker.once('message', (results: PeerWarmResult[]) => resolve(results));
      worker.once('exit', (code) => reject(new Error(`the peer warm worker exited with ${code}`)));
    });
  } finally {
    stepFunctions.server.close();
    await dynamodb.stop();
  }
};

/** `oursBundles`: the deployed bundles measure/cold-import.ts unpacked, by function name. */
export const measurePeer = async (
  workDir: string,
  oursBundles: Record<(typeof FUNCTIONS)[number], string>,
  log: (line: string) => void,
): Promise<PeerRun> => {
  const loadBefore = loadavg()[0] as number;
  log('peer: building createOrder and getOrder the usual way…');
  const peer = await buildPeer(workDir);
  const files = FUNCTIONS.flatMap((name) => [oursBundles[name], peer[name].file]);
  const imports = await coldImports(files, log);
  log('peer: warm requests, ours and the peer’s interleaved…');
  const warm = await warmRuns({
    ours: oursBundles,
    peer: { createOrder: peer.createOrder.file, getOrder: peer.getOrder.file },
  });
  const comparisons: PeerComparison[] = FUNCTIONS.map((name) => {
    const figures = warm.find((result) => result.functionName === name) as PeerWarmResult;
    return {
      functionName: name,
      route: ROUTES[name],
      ours: {
        bytes: readFileSync(oursBundles[name]).byteLength,
        importMs: imports.get(oursBundles[name]) ?? [],
        ...figures.ours,
      },
      peer: { bytes: peer[name].bytes, importMs: imports.get(peer[name].file) ?? [], ...figures.peer },
    };
  });
  return { comparisons, load: [loadBefore, loadavg()[0] as number] };
};
