import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { buildExecutionReader } from '@order-platform/ops';
import { createDocumentClient, LIVE_ORDERS_INDEX, markLiveOrders, putProducts } from '@order-platform/persistence';
import { createTables, tableNamesFor, type TableNames } from '@order-platform/persistence/tables';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startConsoleServer, type ConsoleServer } from './console/console-server';
import { createLocalEventBuses, type LocalEventBuses, type PutEvent } from './events/local-event-buses';
import { eventBusesOf } from './events/local-event-bridge';
import { eventRulesOf, logGroupsOf } from './events/event-rules';
import { createLocalLogGroups } from './logs/local-log-groups';
import { startedResources } from './ports';
import { REPO_ROOT } from './repo-root';
import { startScheduledFunctions, type ScheduledFunctions, type ScheduledRun } from './scheduled/scheduled-functions';
import { inProcessLambdas } from './step-functions/in-process-lambdas';
import type { PublishedMessage } from './step-functions/local-task-handlers';
import { createExecutionStore } from './step-functions/execution-store';
import {
  createLocalExecutions,
  type ExecutionRecord,
  type LocalExecutions,
  type RestoredExecutions,
} from './step-functions/local-executions';
import { createLocalWorkflow, type LocalWorkflow } from './step-functions/local-workflow';
import { recordingTopics } from './step-functions/recording-topics';
import type { ServiceDefinition } from './step-functions/service-definition';
import { startStepFunctionsServer, type StepFunctionsServer } from './step-functions/step-functions-server';
import { startTopicsServer, type TopicsServer } from './step-functions/topics-server';

export const LOCAL_STAGE = 'local';

/** Table names of the local stage, as serverless.yml names them (`${service}-${stage}-…`). */
export const LOCAL_TABLES: TableNames = tableNamesFor(`order-platform-${LOCAL_STAGE}`);

export interface InterposedEndpoint {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  readonly dynamoDbPort: number;
  readonly stepFunctionsPort: number;
  readonly snsPort: number;
  readonly consolePort: number;
  /**
   * Keep the data between runs, under `dataDir`: DynamoDB's tables in `dynamodb/`, the Step
   * Functions executions and their histories in `step-functions/` (running ones are resumed).
   */
  readonly persist?: boolean;
  /** Where `persist` keeps the data: `<repo>/.local` unless given (tests use a temporary directory). */
  readonly dataDir?: string;
  readonly onExecutionClosed?: (execution: ExecutionRecord) => void;
  readonly onAlert?: (message: PublishedMessage) => void;
  /** Each event put on the local EventBridge (the order events). */
  readonly onEvent?: (event: PutEvent) => void;
  /** Each run of a function on its schedule (the reconciler): what it answered, or its error. */
  readonly onScheduledRun?: (run: ScheduledRun) => void;
  /**
   * Puts an endpoint between DynamoDB and everything that calls it (the handlers, the workflow's
   * integrations), e.g. the benchmark's request recorder. Seeding the catalog goes around it.
   */
  readonly interposeDynamoDb?: (endpoint: string) => Promise<InterposedEndpoint>;
}

/** The AWS services of the local stack, without the HTTP API (serverless-offline). */
export interface LocalServices {
  readonly dynamoDbEndpoint: string;
  /** What every handler gets to find these services: the SDK's own endpoint variables. */
  readonly awsEnvironment: Readonly<Record<string, string>>;
  readonly workflow: LocalWorkflow;
  readonly stepFunctions: StepFunctionsServer;
  readonly executions: LocalExecutions;
  /** What a `persist` start found on disk (none without `persist`). */
  readonly restored: RestoredExecutions;
  /** The SNS stand-in's endpoint, which is EventBridge's too. */
  readonly topicsServer: TopicsServer;
  /** The stage's EventBridge buses and what was put on them. */
  readonly eventBuses: LocalEventBuses;
  readonly console: ConsoleServer;
  /** The functions serverless.yml runs on a schedule (the reconciler), run here on their rates. */
  readonly scheduled: ScheduledFunctions;
  /** Every message the workflow published to SNS, oldest first. */
  readonly alerts: readonly PublishedMessage[];
  /** The first step of a stop: StartExecution answers ServiceUnavailable; running executions go on. */
  stopTakingRequests(): Promise<void>;
  /** Aborts what still runs (with `persist`, left RUNNING on disk), lets its handlers settle, stops all. */
  stop(): Promise<void>;
}

export type Resources = ReturnType<typeof startedResources>;

/** dynalite with the stage's tables and, once, the demo catalog; and the endpoint callers use. */
/** Where `--persist` keeps the data of the local stack unless told otherwise. */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.local');

/**
 * How many executions advance at once on this machine (execution-slots.ts): enough to keep the
 * steps' thread busy while some wait on DynamoDB, few enough that a step runs in a fraction of
 * its timeout when every slot is taken.
 */
export const MAX_ADVANCING_EXECUTIONS = 32;

/** Where a persisted part of the local stack keeps its data, or undefined when nothing is persisted. */
const persistedPath = ({ persist = false, dataDir = DEFAULT_DATA_DIR }: LocalServicesOptions, part: string) =>
  persist ? join(dataDir, part) : undefined;

export const startDatabase = async (options: LocalServicesOptions, resources: Resources) => {
  const { dynamoDbPort, interposeDynamoDb } = options;
  const path = persistedPath(options, 'dynamodb');
  if (path) mkdirSync(path, { recursive: true });
  const dynamodb = resources.started(await startLocalDynamoDb({ port: dynamoDbPort, path, ownThread: true }), (db) =>
    db.stop(),
  );
  const added = await createTables(dynamodb.client, LOCAL_TABLES);
  const documentClient = createDocumentClient(dynamodb.client);
  // Orders kept from before the index of live orders existed join it, so the reconciler sees them.
  if (added[LOCAL_TABLES.OrdersTable]?.includes(LIVE_ORDERS_INDEX)) {
    await markLiveOrders(documentClient, LOCAL_TABLES.OrdersTable);
  }
  const { Count = 0 } = await documentClient.send(
    new ScanCommand({ TableName: LOCAL_TABLES.CatalogTable, Select: 'COUNT' }),
  );
  // Seed once: a persisted catalog keeps the stock its orders have used.
  if (Count === 0) await putProducts(documentClient, LOCAL_TABLES, DEMO_CATALOG);

  const interposed =
    interposeDynamoDb && resources.started(await interposeDynamoDb(dynamodb.endpoint), (i) => i.stop());
  if (!interposed)
    return { endpoint: dynamodb.endpoint, callerEndpoint: dynamodb.endpoint, callerClient: dynamodb.client };
  const callerClient = resources.started(
    new DynamoDBClient({ endpoint: interposed.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    (client) => client.destroy(),
  );
  return { endpoint: dynamodb.endpoint, callerEndpoint: interposed.endpoint, callerClient };
};

/** The handlers, on Lambda and here, find the local services through the SDK's endpoint variables. */
export const localAwsEnvironment = (dynamoDbEndpoint: string) => ({
  AWS_REGION: LOCAL_REGION,
  AWS_DEFAULT_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: dynamoDbEndpoint,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/** The SNS stand-in, the workflow, its executions and the Step Functions endpoint serving them. */
export const startWorkflowServices = async (
  options: LocalServicesOptions,
  {
    service,
    dynamodb,
    awsEnvironment,
  }: { service: ServiceDefinition; dynamodb: DynamoDBClient; awsEnvironment: Record<string, string> },
  resources: Resources,
) => {
  const topics = recordingTopics(options.onAlert);
  const rules = eventRulesOf(service.resources, service.region);
  // The log groups a rule delivers to: what EventBridge would write, CloudWatch Logs serves.
  const delivered = new Set(rules.flatMap((rule) => rule.targets.flatMap(({ logGroupName }) => logGroupName ?? [])));
  const logGroups = createLocalLogGroups({
    region: service.region,
    groups: logGroupsOf(service.resources).filter(({ name }) => delivered.has(name)),
  });
  const eventBuses = createLocalEventBuses({
    region: service.region,
    buses: eventBusesOf(service),
    rules,
    deliverToLog: logGroups.put,
    onEvent: options.onEvent,
  });
  const topicsServer = resources.started(
    await startTopicsServer({ port: options.snsPort, published: topics.published, topics, eventBuses, logGroups }),
    (server) => server.stop(),
  );
  // The step handlers find EventBridge, like SNS, through the SDK's variable.
  awsEnvironment.AWS_ENDPOINT_URL_EVENTBRIDGE = topicsServer.endpoint;
  const workflow = resources.started(
    await createLocalWorkflow({
      stage: LOCAL_STAGE,
      service,
      dynamodb,
      topics,
      environment: awsEnvironment,
      // The steps' work leaves the event loop that runs the executions and answers the HTTP API's front.
      stepsInOwnThread: true,
      maxAdvancingExecutions: MAX_ADVANCING_EXECUTIONS,
    }),
    (started) => started.close(),
  );
  const storePath = persistedPath(options, 'step-functions');
  const executions = resources.started(
    createLocalExecutions({
      workflow,
      region: service.region,
      onClosed: options.onExecutionClosed,
      ...(storePath ? { store: createExecutionStore(storePath) } : {}),
    }),
    (started) => started.abortAll(),
  );
  const stepFunctions = resources.started(
    await startStepFunctionsServer({ port: options.stepFunctionsPort, workflow, executions }),
    (server) => server.stop(),
  );
  const restored = executions.resumeRunning();
  return {
    topics,
    topicsServer,
    eventBuses,
    eventLogGroups: [...delivered],
    workflow,
    executions,
    restored,
    stepFunctions,
  };
};

/** The ops console, reading executions as the ops CLI does on AWS: the SDK, pointed at the endpoint. */
export const startConsole = async (
  port: number,
  {
    endpoint,
    region,
    workflow,
    alerts,
    events,
  }: {
    endpoint: string;
    region: string;
    workflow: LocalWorkflow;
    alerts: readonly PublishedMessage[];
    events: readonly PutEvent[];
  },
  resources: Resources,
) => {
  const client = resources.started(new SFNClient({ endpoint, region, credentials: LOCAL_CREDENTIALS }), (sfn) =>
    sfn.destroy(),
  );
  return resources.started(
    await startConsoleServer({
      port,
      reader: buildExecutionReader(client, workflow.stateMachineArn),
      definition: workflow.definition,
      alerts,
      events,
    }),
    (server) => server.stop(),
  );
};

/**
 * The functions with a schedule, run in this process like the workflow's steps. Their SDK clients
 * find Step Functions and SNS through the endpoint variables, as the handlers find DynamoDB.
 */
export const startSchedules = (
  options: LocalServicesOptions,
  {
    service,
    stepFunctionsEndpoint,
    snsEndpoint,
  }: { service: ServiceDefinition; stepFunctionsEndpoint: string; snsEndpoint: string },
  resources: Resources,
) => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_SFN: stepFunctionsEndpoint, AWS_ENDPOINT_URL_SNS: snsEndpoint });
  return resources.started(
    startScheduledFunctions({
      functions: service.functions,
      lambdas: inProcessLambdas(service.functions, REPO_ROOT),
      region: service.region,
      onRun: options.onScheduledRun,
    }),
    (scheduled) => scheduled.stop(),
  );
};

/** What runs on the database once the service is resolved: the workflow's services and the console. */
export const startWorkflowAndConsole = async (
  options: LocalServicesOptions,
  {
    service,
    database,
    awsEnvironment,
  }: { service: ServiceDefinition; database: { callerClient: DynamoDBClient }; awsEnvironment: Record<string, string> },
  resources: Resources,
) => {
  const workflowServices = await startWorkflowServices(
    options,
    { service, dynamodb: database.callerClient, awsEnvironment },
    resources,
  );
  const console = await startConsole(
    options.consolePort,
    {
      endpoint: workflowServices.stepFunctions.endpoint,
      region: service.region,
      workflow: workflowServices.workflow,
      alerts: workflowServices.topics.published,
      events: workflowServices.eventBuses.events,
    },
    resources,
  );
  const scheduled = startSchedules(
    options,
    {
      service,
      stepFunctionsEndpoint: workflowServices.stepFunctions.endpoint,
      snsEndpoint: workflowServices.topicsServer.endpoint,
    },
    resources,
  );
  return { ...workflowServices, console, scheduled, alerts: workflowServices.topics.published };
};

/**
 * DynamoDB protocol (dynalite), the SNS stand-in, the workflow and its Step Functions endpoint,
 * and the ops console, for the stage's resolved service: the local stack without its HTTP API.
 * Stopping stops them in reverse.
 */
export const startLocalServices = async (
  options: LocalServicesOptions,
  service: Promise<ServiceDefinition>,
): Promise<LocalServices> => {
  const resources = startedResources();
  try {
    const database = await startDatabase(options, resources);
    const awsEnvironment = localAwsEnvironment(database.callerEndpoint);
    const running = await startWorkflowAndConsole(
      options,
      { service: await service, database, awsEnvironment },
      resources,
    );
    return {
      dynamoDbEndpoint: database.endpoint,
      awsEnvironment,
      ...running,
      stopTakingRequests: async () => {
        await running.scheduled.stop();
        running.executions.refuseNewStarts();
      },
      stop: resources.stopAll,
    };
  } catch (error) {
    await resources.stopAll();
    throw error;
  }
};
