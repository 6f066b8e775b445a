import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inSandbox } from './frozen-after-timeout';
import type { LocalLambdas } from './local-task-handlers';
import { TaskError } from './local-task-handlers';
import type { FunctionDefinition } from './service-definition';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * The environment every function is configured with, merged: in one process they share it, which
 * holds as long as no two functions give one variable different values (checked here).
 */
export const mergedFunctionEnvironment = (functions: Readonly<Record<string, FunctionDefinition>>) => {
  const merged: Record<string, string> = {};
  for (const [key, { environment = {} }] of Object.entries(functions)) {
    for (const [name, value] of Object.entries(environment)) {
      if (merged[name] !== undefined && merged[name] !== value) {
        throw new Error(
          `Function ${key} sets ${name}=${value}, another sets ${merged[name]}: cannot run them in one process`,
        );
      }
      merged[name] = value;
    }
  }
  return merged;
};

/** What the Lambda runtime reports for an error a handler throws: Step Functions' Error and Cause. */
const asLambdaError = (error: unknown): TaskError => {
  const thrown = error instanceof Error ? error : new Error(String(error));
  return new TaskError(
    thrown.name,
    JSON.stringify({ errorType: thrown.name, errorMessage: thrown.message, trace: thrown.stack?.split('\n') ?? [] }),
  );
};

/**
 * What Lambda reports for a function that runs past its timeout: the runtime's `Sandbox.Timedout`
 * (recorded against AWS), which reaches the workflow before the task's own TimeoutSeconds
 * (States.Timeout) when the function's timeout is the shorter, as it is for every step here.
 */
const timedOut = (requestId: string, timeoutMs: number): TaskError =>
  new TaskError(
    'Sandbox.Timedout',
    JSON.stringify({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
    }),
  );

const functionNotFound = (functionName: string): TaskError =>
  new TaskError(
    'Lambda.ResourceNotFoundException',
    `Function not found: ${functionName} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
  );

/**
 * Runs the deployed functions' handlers (the `handler` of each function in serverless.yml) in
 * this process, loading each module on its first invocation. Payloads go through JSON both ways,
 * as they do on Lambda, and each invocation is held to its function's timeout (`timeoutMs`
 * overrides it, for tests). A handler that times out is reported at once; in this process it
 * cannot be stopped, so it runs on unobserved, but every HTTP request it makes from then on is
 * refused (frozen-after-timeout.ts): like a Lambda stopped at its timeout, it may have made its
 * calls before, never after.
 */
export const inProcessLambdas = (
  functions: Readonly<Record<string, FunctionDefinition>>,
  repoRoot: string,
  {
    timeoutMs = (fn: FunctionDefinition) => fn.timeout * 1000,
    importModule = (path: string): Promise<Record<string, unknown>> => import(path),
  } = {},
): LocalLambdas & { preload(functionNames: readonly string[]): Promise<void> } => {
  const byName = new Map(Object.values(functions).map((fn) => [fn.name, fn]));
  const loaded = new Map<string, Promise<Handler>>();
  const load = (fn: FunctionDefinition): Promise<Handler> => {
    let handler = loaded.get(fn.name);
    if (!handler) {
      const separator = fn.handler.lastIndexOf('.');
      const modulePath = join(repoRoot, fn.handler.slice(0, separator));
      const exportName = fn.handler.slice(separator + 1);
      handler = importModule(modulePath).then((module) => {
        const exported = module[exportName];
        if (typeof exported !== 'function') throw new Error(`${fn.handler} exports no handler function`);
        return exported as Handler;
      });
      loaded.set(fn.name, handler);
    }
    return handler;
  };

  return {
    /** Loads these functions' modules now rather than on their first invocation. */
    async preload(functionNames) {
      await Promise.all(functionNames.map((name) => byName.get(name)).flatMap((fn) => (fn ? [load(fn)] : [])));
    },

    async invoke(functionName, payload) {
      const fn = byName.get(functionName);
      if (!fn) throw functionNotFound(functionName);
      const handler = await load(fn);
      const requestId = randomUUID();
      const limitMs = timeoutMs(fn);
      const deadline = Date.now() + limitMs;
      const context = {
        functionName,
        awsRequestId: requestId,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
      const sandbox = inSandbox(() => handler(JSON.parse(JSON.stringify(payload)), context));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          sandbox.freeze();
          reject(timedOut(requestId, limitMs));
        }, limitMs);
      });
      try {
        const invocation = sandbox.result.catch((error: unknown) => {
          throw asLambdaError(error);
        });
        const result = await Promise.race([invocation, timeout]);
        return result === undefined ? null : JSON.parse(JSON.stringify(result));
      } finally {
        clearTimeout(timer);
      }
    },
  };
};
