import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Json, LocalLambdas } from './local-task-handlers';
import { TaskError } from './local-task-handlers';
import type { FunctionDefinition } from './service-definition';

/** What the thread answers to the message `id`: the handler's result, or the error it failed with. */
type ThreadAnswer =
  | { readonly id: number; readonly result: Json }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

/**
 * The deployed functions' handlers (in-process-lambdas.ts) in a worker thread of their own: their
 * SDK calls, JSON and logging run on the other core, beside the event loop that runs the
 * executions and answers the Step Functions API. Invocations keep their Lambda semantics (JSON
 * both ways, the function's timeout as `Sandbox.Timedout`, an error thrown under its own name):
 * the thread runs the same code; an error comes back as a {@link TaskError} of the same name and
 * cause. The thread's environment is a copy of `process.env` as it is when the thread starts (set
 * the functions' variables first): a copy taken here, so that it is the environment this code
 * sees, a test's included (jest gives each test file a process.env of its own). Its entry is plain JavaScript that registers tsx, so it starts the same under
 * tsx, jest and node.
 */
export const lambdasInOwnThread = (
  functions: Readonly<Record<string, FunctionDefinition>>,
  repoRoot: string,
  { timeoutMs }: { readonly timeoutMs?: number } = {},
): LocalLambdas & { preload(functionNames: readonly string[]): Promise<void>; close(): Promise<void> } => {
  const worker = new Worker(join(__dirname, 'lambdas-thread-entry.js'), {
    workerData: { functions, repoRoot, timeoutMs },
    env: { ...process.env },
  });
  // Whoever started it stops it (close); an idle thread keeps no process alive.
  worker.unref();
  const pending = new Map<number, { resolve(result: Json): void; reject(error: Error): void }>();
  let nextId = 0;
  let gone: Error | undefined;
  const failAll = (error: Error) => {
    gone ??= error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on('message', (answer: ThreadAnswer) => {
    const call = pending.get(answer.id);
    pending.delete(answer.id);
    if ('error' in answer) call?.reject(new TaskError(answer.error.name, answer.error.message));
    else call?.resolve(answer.result);
  });
  worker.on('error', failAll);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      failAll(new Error(`The Lambda thread exited (code ${code})`));
      resolve();
    }),
  );
  const ask = (message: object) =>
    new Promise<Json>((resolve, reject) => {
      if (gone) return reject(gone);
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      worker.postMessage({ id: nextId, ...message });
    });

  return {
    invoke: (functionName, payload) => ask({ functionName, payload }),
    preload: async (functionNames) => {
      await ask({ preload: functionNames });
    },
    close: async () => {
      await worker.terminate();
      await exited;
    },
  };
};
