import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePortFree, freePorts, PortInUseError, startedResources, StartupError } from './ports';
import { REPO_ROOT } from './repo-root';
import { startLocalHttpApi, type LocalHttpApi } from './http-api/local-http-api';
import {
  LOCAL_STAGE,
  localAwsEnvironment,
  startDatabase,
  startWorkflowAndConsole,
  type LocalServices,
  type LocalServicesOptions,
} from './local-services';
import type { ScheduledFunctions } from './scheduled/scheduled-functions';
import type { LocalExecutions } from './step-functions/local-executions';
import { loadServiceDefinition, type ServiceDefinition } from './step-functions/service-definition';
import { paymentParams, startLocalPayments, type LocalPaymentProvider } from './payments/local-payments';
import { startStorefrontServer, storefrontOriginOf } from './storefront/storefront-server';

export interface LocalPlatformOptions extends Partial<LocalServicesOptions> {
  readonly httpPort?: number;
  readonly lambdaPort?: number;
  readonly storefrontPort?: number;
  /** Which provider the payment steps use: the sandbox (the local stage's own), or Stripe's API shape. */
  readonly payments?: LocalPaymentProvider;
  /** serverless-offline's output, line by line. */
  readonly log?: (line: string) => void;
}

/** The local services (which it shares with the tests that need no HTTP API), behind the HTTP API. */
export interface LocalPlatform extends Pick<
  LocalServices,
  | 'dynamoDbEndpoint'
  | 'stepFunctions'
  | 'executions'
  | 'restored'
  | 'alerts'
  | 'scheduled'
  | 'stopTakingRequests'
  | 'stop'
> {
  readonly apiUrl: string;
  readonly lambdaEndpoint: string;
  readonly stepFunctionsEndpoint: string;
  readonly snsEndpoint: string;
  /** The ops console: executions, the workflow graph of one, and the alerts. */
  readonly consoleUrl: string;
  /** The storefront: a shop's page on its own origin, calling the HTTP API with @order-platform/client. */
  readonly storefrontUrl: string;
  /** The Stripe test server the payment steps call, when started with `payments: 'stripe'`. */
  readonly stripeUrl?: string;
  readonly stateMachineArn: string;
  /** The CloudWatch Logs groups the template's event rules copy events into (on the SNS endpoint). */
  readonly eventLogGroups: readonly string[];
  /** Tests only: holds every execution before the Task state `stateName` until the returned release is called. */
  holdExecutionsBefore(stateName: string): () => void;
}

const DEFAULT_PORTS = {
  httpPort: 3000,
  lambdaPort: 3002,
  dynamoDbPort: 8000,
  stepFunctionsPort: 8083,
  snsPort: 8084,
  consolePort: 8085,
  storefrontPort: 8086,
};
/** What each port is for, and the `npm start` option that moves it (start-command.ts parses them). */
const PORT_ROLES: Readonly<Record<keyof typeof DEFAULT_PORTS, readonly [role: string, flag: string]>> = {
  httpPort: ['HTTP API', '--http-port'],
  lambdaPort: ['Lambda invoke API', '--lambda-port'],
  dynamoDbPort: ['DynamoDB', '--dynamodb-port'],
  stepFunctionsPort: ['Step Functions', '--step-functions-port'],
  snsPort: ['SNS stand-in', '--sns-port'],
  consolePort: ['ops console', '--console-port'],
  storefrontPort: ['storefront', '--storefront-port'],
};

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

/**
 * The platform on this machine: DynamoDB protocol (dynalite), a Step Functions endpoint, and the
 * HTTP API through serverless-offline running the same handlers that deploy. The handlers reach
 * the local services through the SDK's own AWS_ENDPOINT_URL_* variables: no local code paths.
 * serverless-offline and `sls print` each take seconds, so they run beside the rest.
 */
export const startLocalPlatform = async (options: LocalPlatformOptions = {}): Promise<LocalPlatform> => {
  const settings = { ...DEFAULT_PORTS, ...options };
  for (const role of Object.keys(PORT_ROLES) as (keyof typeof DEFAULT_PORTS)[]) {
    await ensurePortFree(settings[role], ...PORT_ROLES[role]);
  }
  const params = paymentParams(settings.payments);
  const service = loadServiceDefinition(LOCAL_STAGE, params).catch((error: Error) => {
    throw new StartupError(error.message);
  });
  service.catch(() => undefined);

  const resources = startedResources();
  let httpApi: LocalHttpApi | undefined;
  let executions: LocalExecutions | undefined;
  let scheduled: ScheduledFunctions | undefined;
  // The API first, so that no new order arrives while the rest stops; then the schedules (the
  // reconciler would start executions).
  const stopTakingRequests = async () => {
    if (httpApi) await httpApi.stop();
    await scheduled?.stop();
    executions?.refuseNewStarts();
  };
  const stop = async () => {
    await stopTakingRequests();
    await resources.stopAll();
  };
  try {
    // serverless-offline is the longest part of a start: it starts first, beside the database,
    // unless DynamoDB's endpoint is known only once it runs (port 0, or something in front of it).
    const database = startDatabase(settings, resources);
    database.catch(() => undefined);
    const callerEndpoint =
      options.interposeDynamoDb || settings.dynamoDbPort === 0
        ? (await database).callerEndpoint
        : `http://127.0.0.1:${settings.dynamoDbPort}`;
    const payments = await startLocalPayments(settings.payments, resources);
    httpApi = startLocalHttpApi({
      // The storefront's origin is in the local stage's allowedOrigins at its default port; a
      // moved storefront (--storefront-port, the tests' free ports) is allowed as well.
      allowedOrigins: [storefrontOriginOf(settings.storefrontPort)],
      stage: LOCAL_STAGE,
      params,
      httpPort: settings.httpPort,
      lambdaPort: settings.lambdaPort,
      service,
      log: options.log ?? (() => undefined),
      // It reaches Step Functions at the port that endpoint is about to listen on.
      environment: {
        ...localAwsEnvironment(callerEndpoint),
        ...payments.environment,
        AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${settings.stepFunctionsPort}`,
      },
    });
    const [started, storefront] = await Promise.all([
      database,
      startStorefrontServer({ port: settings.storefrontPort, apiUrl: httpApi.apiUrl }).then((server) =>
        resources.started(server, () => server.stop()),
      ),
    ]);
    const awsEnvironment = { ...localAwsEnvironment(started.callerEndpoint), ...payments.environment };

    const resolved = await service;
    assertBuildable(resolved);
    payments.seed(resolved);
    const running = await startWorkflowAndConsole(
      settings,
      { service: resolved, database: started, awsEnvironment },
      resources,
    );
    executions = running.executions;
    scheduled = running.scheduled;
    // The steps' modules load while serverless-offline starts, so that Ctrl-C finds them loaded.
    await Promise.all([httpApi.ready, running.workflow.loadSteps()]);

    return {
      apiUrl: httpApi.apiUrl,
      lambdaEndpoint: httpApi.lambdaEndpoint,
      dynamoDbEndpoint: started.endpoint,
      stepFunctionsEndpoint: running.stepFunctions.endpoint,
      snsEndpoint: running.topicsServer.endpoint,
      consoleUrl: running.console.endpoint,
      storefrontUrl: storefront.endpoint,
      ...(payments.stripeUrl ? { stripeUrl: payments.stripeUrl } : {}),
      stateMachineArn: running.workflow.stateMachineArn,
      eventLogGroups: running.eventLogGroups,
      holdExecutionsBefore: running.workflow.holdBefore,
      stepFunctions: running.stepFunctions,
      executions: running.executions,
      restored: running.restored,
      alerts: running.alerts,
      stopTakingRequests,
      scheduled: running.scheduled,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

const isPortTaken = (error: unknown) =>
  error instanceof PortInUseError || (error as { code?: string } | undefined)?.code === 'EADDRINUSE';

/**
 * The platform on ports the system says are free, for tests and benchmarks beside `npm start`.
 * Another process can take such a port before the platform binds it (serverless-offline needs
 * its ports named up front): then it starts again on others, up to `attempts` times.
 */
export const startLocalPlatformOnFreePorts = async (
  options: Omit<LocalPlatformOptions, keyof typeof DEFAULT_PORTS> = {},
  { attempts = 3, start = startLocalPlatform, findPorts = freePorts } = {},
): Promise<LocalPlatform> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start({ ...(await findPorts()), ...options });
    } catch (error) {
      if (attempt >= attempts || !isPortTaken(error)) throw error;
    }
  }
};
