import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readCached, writeCached } from '../cache/input-digest';
import { serviceInputsKey } from '../cache/service-inputs';
import { REPO_ROOT } from '../repo-root';

export interface FunctionDefinition {
  /** `services/<svc>/functions/<fn>/handler.handler`: module path and export, as deployed. */
  readonly handler: string;
  /** The deployed function name (`<service>-<stage>-<key>`). */
  readonly name: string;
  readonly environment?: Readonly<Record<string, string>>;
  /** Seconds Lambda lets it run: its own `timeout`, else the provider's, else the framework's 6. */
  readonly timeout: number;
  /**
   * Its `httpApi` events: `METHOD /path` (or `*`), or the method, path and authorizer; and its
   * `schedule` events: a rate or cron expression, or the rates and whether the rule is enabled.
   */
  readonly events?: readonly {
    readonly httpApi?:
      | string
      | {
          readonly method: string;
          readonly path: string;
          readonly authorizer?: { readonly name: string; readonly scopes?: readonly string[] };
        };
    readonly schedule?: string | { readonly rate?: string | readonly string[]; readonly enabled?: boolean };
  }[];
  /** The expressions of its enabled `schedule` events (`rate(5 minutes)`, `cron(...)`), if any. */
  readonly schedules?: readonly string[];
}

/** The expressions of the enabled `schedule` events (a disabled one is a rule in state DISABLED). */
const schedulesOf = (events: FunctionDefinition['events'] = []): string[] =>
  events.flatMap(({ schedule }) => {
    if (schedule === undefined) return [];
    if (typeof schedule === 'string') return [schedule];
    return schedule.enabled === false ? [] : [schedule.rate ?? []].flat();
  });

/** `provider.httpApi`: the API's JWT authorizers and its CORS configuration. */
export interface HttpApiDefinition {
  readonly authorizers?: Readonly<
    Record<
      string,
      {
        readonly type?: string;
        readonly identitySource?: string;
        readonly issuerUrl?: string;
        readonly audience?: string | readonly string[];
      }
    >
  >;
  readonly cors?:
    | boolean
    | {
        readonly allowedOrigins?: readonly string[];
        readonly allowedHeaders?: readonly string[];
        readonly allowedMethods?: readonly string[];
        readonly exposedResponseHeaders?: readonly string[];
        readonly maxAge?: number;
        readonly allowCredentials?: boolean;
      };
}

interface CloudFormationResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** serverless.yml with every variable and file resolved for one stage, as `sls print` shows it. */
export interface ServiceDefinition {
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly functions: Readonly<Record<string, FunctionDefinition>>;
  readonly httpApi: HttpApiDefinition;
  readonly stateMachines: Readonly<
    Record<string, { readonly id: string; readonly name: string; readonly definition: unknown }>
  >;
  readonly resources: Readonly<Record<string, CloudFormationResource>>;
}

const FRAMEWORK_DEFAULT_TIMEOUT_SECONDS = 6;

/** `--param=name=value` for each stage parameter given, as `sls` takes them. */
export const paramArguments = (params: Readonly<Record<string, string>>): string[] =>
  Object.entries(params).map(([name, value]) => `--param=${name}=${value}`);
const cache = new Map<string, Promise<ServiceDefinition>>();

/** Where `sls print`'s output is kept between starts, beside the digest of its inputs. */
export const SERVICE_CACHE_DIR = join(REPO_ROOT, '.local', 'cache');

const installedFrameworkVersion = () =>
  (
    JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'serverless', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/**
 * `sls print`'s JSON for these arguments, from the cache while none of its inputs changed
 * (service-inputs.ts says which they are), else from `sls print`, then kept. Without the cache
 * it takes seconds of CPU on every start, beside serverless-offline's own.
 */
export const printService = async (
  args: readonly string[],
  {
    cacheDir = SERVICE_CACHE_DIR,
    serviceDir = REPO_ROOT,
    frameworkVersion = installedFrameworkVersion,
    print = runSlsPrint,
  }: {
    cacheDir?: string;
    serviceDir?: string;
    frameworkVersion?: () => string;
    print?: (args: readonly string[]) => Promise<string>;
  } = {},
): Promise<string> => {
  const key = serviceInputsKey(serviceDir, args, frameworkVersion());
  const file = join(cacheDir, `sls-print-${args.join('-').replace(/[^\w.-]+/g, '_')}.json`);
  const cached = readCached<string>(file, key);
  if (cached !== undefined) return cached;
  const printed = await print(args);
  // Only a whole JSON answer is kept: an error printed on stdout must not outlive its cause.
  JSON.parse(printed);
  writeCached(file, key, printed);
  return printed;
};

const runSlsPrint = async (args: readonly string[]) =>
  (
    await promisify(execFile)(join(REPO_ROOT, 'node_modules', '.bin', 'sls'), ['print', ...args], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' },
    })
  ).stdout;

/**
 * Reads the service as Serverless resolves it for `stage` (params, `${file()}`, `${self:}`), so
 * the local stack runs exactly what `sls deploy --stage <stage>` would deploy. `sls print` takes
 * ~2 s; its output is cached between starts (printService) and kept for the life of the process.
 */
export const loadServiceDefinition = (
  stage = 'local',
  /** Stage parameters set as `--param=name=value` would (e.g. `paymentProvider: stripe`). */
  params: Readonly<Record<string, string>> = {},
): Promise<ServiceDefinition> => {
  const key = `${stage} ${JSON.stringify(params)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = printService(['--stage', stage, '--format', 'json', ...paramArguments(params)]).then(
    (stdout) => {
      const config = JSON.parse(stdout) as {
        service: string;
        provider: {
          stage: string;
          region: string;
          timeout?: number;
          httpApi?: HttpApiDefinition;
          environment?: Record<string, string>;
        };
        functions: Record<string, Omit<FunctionDefinition, 'timeout' | 'schedules'> & { timeout?: number }>;
        stepFunctions: { stateMachines: ServiceDefinition['stateMachines'] };
        resources: { Resources: ServiceDefinition['resources'] };
      };
      return {
        service: config.service,
        stage: config.provider.stage,
        region: config.provider.region,
        functions: Object.fromEntries(
          Object.entries(config.functions).map(([key, fn]) => [
            key,
            {
              ...fn,
              // As Lambda gets it: the provider's environment, and the function's own over it.
              environment: { ...config.provider.environment, ...fn.environment },
              timeout: fn.timeout ?? config.provider.timeout ?? FRAMEWORK_DEFAULT_TIMEOUT_SECONDS,
              schedules: schedulesOf(fn.events),
            },
          ]),
        ),
        httpApi: config.provider.httpApi ?? {},
        stateMachines: config.stepFunctions.stateMachines,
        resources: config.resources.Resources,
      };
    },
    (error: Error & { stderr?: string; stdout?: string }) => {
      // Serverless prints `Error:` on a line of its own, the reason on the lines after it.
      const lines = `${error.stderr ?? ''}\n${error.stdout ?? ''}`.split('\n').map((line) => line.trim());
      const afterError = lines.slice(lines.findIndex((line) => /^(✖\s*)?Error:?$/.test(line)) + 1).find(Boolean);
      const reason = afterError ?? lines.find((line) => /error/i.test(line)) ?? error.message;
      throw new Error(`serverless.yml does not resolve for stage "${stage}" (sls print): ${reason}`);
    },
  );
  cache.set(key, loading);
  return loading;
};
