import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
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
 * Runs the deployed functions' handlers (the `handler` of each function in serverless.yml) in
 * this process, loading each module on its first invocation. Payloads go through JSON both ways,
 * as they do on Lambda.
 */
export const inProcessLambdas = (
  functions: Readonly<Record<string, FunctionDefinition>>,
  repoRoot: string,
): LocalLambdas => {
  const byName = new Map(Object.values(functions).map((fn) => [fn.name, fn]));
  const loaded = new Map<string, Promise<Handler>>();
  const load = (fn: FunctionDefinition): Promise<Handler> => {
    let handler = loaded.get(fn.name);
    if (!handler) {
      const separator = fn.handler.lastIndexOf('.');
      const modulePath = join(repoRoot, fn.handler.slice(0, separator));
      const exportName = fn.handler.slice(separator + 1);
      handler = import(modulePath).then((module: Record<string, unknown>) => {
        const exported = module[exportName];
        if (typeof exported !== 'function') throw new Error(`${fn.handler} exports no handler function`);
        return exported as Handler;
      });
      loaded.set(fn.name, handler);
    }
    return handler;
  };

  return {
    async invoke(functionName, payload) {
      const fn = byName.get(functionName);
      if (!fn) throw new TaskError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
      const handler = await load(fn);
      const context = { functionName, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 30_000 };
      try {
        const result = await handler(JSON.parse(JSON.stringify(payload)), context);
        return result === undefined ? null : JSON.parse(JSON.stringify(result));
      } catch (error) {
        throw asLambdaError(error);
      }
    },
  };
};
