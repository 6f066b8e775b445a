import { DEMO_CATALOG } from '@order-platform/domain';
import { createDocumentClient, putProducts } from '@order-platform/persistence';
import {
  createTables,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startLocalDynamoDb,
  tableNamesFor,
  type LocalDynamoDb,
  type TableNames,
} from '@order-platform/persistence/local';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { buildExecutionReader } from '@order-platform/ops';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startConsoleServer, type ConsoleServer } from './console/console-server';
import type { PublishedMessage } from './step-functions/local-task-handlers';
import { createLocalExecutions, type ExecutionRecord, type LocalExecutions } from './step-functions/local-executions';
import { createLocalWorkflow } from './step-functions/local-workflow';
import { recordingTopics } from './step-functions/recording-topics';
import { loadServiceDefinition, type ServiceDefinition } from './step-functions/service-definition';
import { startStepFunctionsServer, type StepFunctionsServer } from './step-functions/step-functions-server';
import { startTopicsServer, type TopicsServer } from './step-functions/topics-server';

export const REPO_ROOT = join(__dirname, '..', '..');
const LOCAL_STAGE = 'local';

/** Table names of the local stage, as serverless.yml names them (`${service}-${stage}-…`). */
export const LOCAL_TABLES: TableNames = tableNamesFor(`order-platform-${LOCAL_STAGE}`);

export interface LocalPlatformOptions {
  readonly httpPort?: number;
  readonly lambdaPort?: number;
  readonly dynamoDbPort?: number;
  readonly stepFunctionsPort?: number;
  readonly snsPort?: number;
  readonly consolePort?: number;
  /** Keep DynamoDB data under .local/dynamodb between runs. */
  readonly persist?: boolean;
  /** serverless-offline's output, line by line. */
  readonly log?: (line: string) => void;
  readonly onExecutionClosed?: (execution: ExecutionRecord) => void;
  readonly onAlert?: (message: PublishedMessage) => void;
  /**
   * Puts an endpoint between DynamoDB and everything that calls it (the handlers, the workflow's
   * integrations), e.g. the benchmark's request recorder. Seeding the catalog goes around it.
   */
  readonly interposeDynamoDb?: (endpoint: string) => Promise<InterposedEndpoint>;
}

export interface InterposedEndpoint {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface LocalPlatform {
  readonly apiUrl: string;
  readonly dynamoDbEndpoint: string;
  readonly stepFunctionsEndpoint: string;
  readonly snsEndpoint: string;
  /** The ops console: executions, the workflow graph of one, and the alerts. */
  readonly consoleUrl: string;
  readonly stateMachineArn: string;
  readonly stepFunctions: StepFunctionsServer;
  readonly executions: LocalExecutions;
  /** Every message the workflow published to SNS, oldest first. */
  readonly alerts: readonly PublishedMessage[];
  stop(): Promise<void>;
}

/** A reason the local stack cannot start, said in one line. */
export class StartupError extends Error {}

export class PortInUseError extends StartupError {
  constructor(port: number, role: string) {
    super(`port ${port} (${role}) is already in use: stop what is using it, or choose another port.`);
  }
}

/**
 * Every function's handler module must be on disk: serverless-offline bundles it and the local
 * workflow imports it. (That the dependencies are installed, `npm start` checks before tsx runs.)
 */
export const assertBuildable = (service: ServiceDefinition) => {
  for (const [key, fn] of Object.entries(service.functions)) {
    const modulePath = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
    if (!['.ts', '.js', '.mjs', '.cjs'].some((extension) => existsSync(join(REPO_ROOT, `${modulePath}${extension}`)))) {
      throw new StartupError(
        `function ${key} has no handler module: ${modulePath}.ts is missing (see serverless.yml).`,
      );
    }
  }
};

const ensurePortFree = (port: number, role: string) =>
  new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new PortInUseError(port, role)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** A free port for every service the platform listens on: for tests and benchmarks beside `npm start`. */
export const freePorts = async () => ({
  httpPort: await freePort(),
  lambdaPort: await freePort(),
  dynamoDbPort: await freePort(),
  stepFunctionsPort: await freePort(),
  snsPort: await freePort(),
  consolePort: await freePort(),
});

/**
 * The platform on this machine: DynamoDB protocol (dynalite), a Step Functions endpoint, and the
 * HTTP API through serverless-offline running the same handlers that deploy. The handlers reach
 * the local services through the SDK's own AWS_ENDPOINT_URL_* variables: no local code paths.
 */
export const startLocalPlatform = async ({
  httpPort = 3000,
  lambdaPort = 3002,
  dynamoDbPort = 8000,
  stepFunctionsPort = 8083,
  snsPort = 8084,
  consolePort = 8085,
  persist = false,
  log = () => undefined,
  onExecutionClosed,
  onAlert,
  interposeDynamoDb,
}: LocalPlatformOptions = {}): Promise<LocalPlatform> => {
  await ensurePortFree(httpPort, 'HTTP API');
  await ensurePortFree(lambdaPort, 'Lambda invoke API');
  await ensurePortFree(dynamoDbPort, 'DynamoDB');
  await ensurePortFree(stepFunctionsPort, 'Step Functions');
  await ensurePortFree(snsPort, 'SNS stand-in');
  await ensurePortFree(consolePort, 'ops console');
  // `sls print` takes seconds: it runs while DynamoDB and serverless-offline start.
  const service = loadServiceDefinition(LOCAL_STAGE).catch((error: Error) => {
    throw new StartupError(error.message);
  });
  service.catch(() => undefined);

  const running: {
    dynamodb?: LocalDynamoDb;
    interposed?: InterposedEndpoint;
    callerClient?: DynamoDBClient;
    offline?: ChildProcess;
    topicsServer?: TopicsServer;
    executions?: LocalExecutions;
    stepFunctions?: StepFunctionsServer;
    console?: ConsoleServer;
    consoleClient?: SFNClient;
  } = {};
  // The API first, so no new order arrives; the console before the endpoint it reads; then the
  // executions; then the services they use.
  const stop = async () => {
    const steps = [
      () => running.offline && stopProcess(running.offline),
      () => running.console?.stop(),
      () => running.consoleClient?.destroy(),
      () => running.executions?.abortAll(),
      () => running.stepFunctions?.stop(),
      () => running.topicsServer?.stop(),
      () => running.callerClient?.destroy(),
      () => running.interposed?.stop(),
      () => running.dynamodb?.stop(),
    ];
    for (const step of steps) await Promise.resolve(step()).catch(() => undefined);
  };

  try {
    let dataPath: string | undefined;
    if (persist) {
      dataPath = join(REPO_ROOT, '.local', 'dynamodb');
      mkdirSync(dataPath, { recursive: true });
    }
    const dynamodb = (running.dynamodb = await startLocalDynamoDb({ port: dynamoDbPort, path: dataPath }));
    await createTables(dynamodb.client, LOCAL_TABLES);
    const documentClient = createDocumentClient(dynamodb.client);
    const { Count = 0 } = await documentClient.send(
      new ScanCommand({ TableName: LOCAL_TABLES.CatalogTable, Select: 'COUNT' }),
    );
    // Seed once: a persisted catalog keeps the stock its orders have used.
    if (Count === 0) await putProducts(documentClient, LOCAL_TABLES.CatalogTable, DEMO_CATALOG);

    const interposed = (running.interposed = await interposeDynamoDb?.(dynamodb.endpoint));
    const callerEndpoint = interposed?.endpoint ?? dynamodb.endpoint;
    const callerClient = interposed
      ? (running.callerClient = new DynamoDBClient({
          endpoint: callerEndpoint,
          region: LOCAL_REGION,
          credentials: LOCAL_CREDENTIALS,
        }))
      : dynamodb.client;

    // The handlers, on Lambda and here, find the local services through the SDK's endpoint variables.
    const awsEnvironment = {
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: callerEndpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };

    // serverless-offline resolves the service and bundles for seconds: it starts now, beside the
    // workflow, and reaches Step Functions at the port that endpoint is about to listen on.
    const offline = startServerlessOffline({
      httpPort,
      lambdaPort,
      log,
      environment: { ...awsEnvironment, AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${stepFunctionsPort}` },
    });
    running.offline = offline.child;
    offline.ready.catch(() => undefined);

    const resolvedService = await service;
    assertBuildable(resolvedService);
    const topics = recordingTopics(onAlert);
    const topicsServer = (running.topicsServer = await startTopicsServer({
      port: snsPort,
      published: topics.published,
    }));
    const workflow = await createLocalWorkflow({
      stage: LOCAL_STAGE,
      dynamodb: callerClient,
      topics,
      environment: awsEnvironment,
    });
    const executions = (running.executions = createLocalExecutions({
      workflow,
      region: resolvedService.region,
      onClosed: onExecutionClosed,
    }));
    const stepFunctions = (running.stepFunctions = await startStepFunctionsServer({
      port: stepFunctionsPort,
      workflow,
      executions,
    }));
    // The console reads executions as the ops CLI does on AWS: the SDK, pointed at this endpoint.
    const consoleClient = (running.consoleClient = new SFNClient({
      endpoint: stepFunctions.endpoint,
      region: resolvedService.region,
      credentials: LOCAL_CREDENTIALS,
    }));
    const consoleServer = (running.console = await startConsoleServer({
      port: consolePort,
      reader: buildExecutionReader(consoleClient, workflow.stateMachineArn),
      definition: workflow.definition,
      alerts: topics.published,
    }));
    await offline.ready;

    return {
      apiUrl: `http://127.0.0.1:${httpPort}`,
      dynamoDbEndpoint: dynamodb.endpoint,
      stepFunctionsEndpoint: stepFunctions.endpoint,
      snsEndpoint: topicsServer.endpoint,
      consoleUrl: consoleServer.endpoint,
      stateMachineArn: workflow.stateMachineArn,
      stepFunctions,
      executions,
      alerts: topics.published,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

const READY = /Server ready: http/;
// serverless-offline reports a bad configuration and then keeps running without serving.
const FATAL_BEFORE_READY = /^\s*(?:✖|Error:)\s*\S/m;
const OFFLINE_START_TIMEOUT_MS = 90_000;

const startServerlessOffline = ({
  httpPort,
  lambdaPort,
  environment,
  log,
}: {
  httpPort: number;
  lambdaPort: number;
  environment: Record<string, string>;
  log: (line: string) => void;
}): { child: ChildProcess; ready: Promise<void> } => {
  // Only what the handlers need, plus AWS_* which serverless-offline hands to them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  const child = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'sls'),
    ['offline', 'start', '--stage', LOCAL_STAGE, '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)],
    {
      cwd: REPO_ROOT,
      env: { ...inherited, ...environment, SLS_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    const output: string[] = [];
    const timer = setTimeout(() => {
      void stopProcess(child);
      reject(
        new Error(`serverless-offline was not ready after ${OFFLINE_START_TIMEOUT_MS / 1000}s:\n${output.join('')}`),
      );
    }, OFFLINE_START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (READY.test(text)) {
        clearTimeout(timer);
        resolve();
      } else if (FATAL_BEFORE_READY.test(text)) {
        clearTimeout(timer);
        void stopProcess(child);
        reject(new Error(`serverless-offline failed to start: ${text.trim().split('\n').slice(0, 3).join(' ')}`));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serverless-offline exited with code ${code} before it was ready:\n${output.join('')}`));
    });
  });
  return { child, ready };
};

const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const forceKill = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      clearTimeout(forceKill);
      resolve();
    }
  });
