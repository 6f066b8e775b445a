import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** What the thread says: listening at an endpoint, could not start, or closed. */
export type ThreadMessage =
  { readonly listening: string } | { readonly failed: string; readonly code?: string } | { readonly closed: true };

/**
 * dynalite (serveDynalite) in a worker thread: its request parsing, validation and LevelDB work
 * run on the other core, beside the event loop of the caller. The thread's entry is plain
 * JavaScript that compiles this package's TypeScript with tsx, so it starts the same under tsx,
 * jest and node.
 */
export const serveInOwnThread = async ({ port, path }: { port: number; path?: string }) => {
  const worker = new Worker(join(__dirname, 'dynalite-thread-entry.js'), { workerData: { port, path } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: ThreadMessage) => {
      if ('listening' in message) return resolve(message.listening);
      if ('failed' in message) return reject(Object.assign(new Error(message.failed), { code: message.code }));
      return reject(new Error('dynalite thread closed before it listened'));
    });
  }).catch(async (error: Error) => {
    await exited;
    throw error;
  });
  return {
    endpoint,
    close: async () => {
      worker.postMessage('close');
      await exited;
    },
  };
};
