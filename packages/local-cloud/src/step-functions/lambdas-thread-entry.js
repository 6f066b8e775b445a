// The worker thread of lambdas-thread.ts: the deployed functions' handlers (in-process-lambdas.ts),
// invoked by message. tsx is registered for the thread's require, which loads the handlers'
// TypeScript modules (an ES module among their dependencies too: Node >= 20.19 requires those).
const { parentPort, workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();

const { inProcessLambdas } = require('./in-process-lambdas.ts');

const lambdas = inProcessLambdas(workerData.functions, workerData.repoRoot, {
  timeoutMs: workerData.timeoutMs === undefined ? undefined : () => workerData.timeoutMs,
  // tsx's import() hooks do not reach a worker thread; its require hook does.
  importModule: async (path) => require(path),
});

const answer = (id, work) =>
  work.then(
    (result) => parentPort.postMessage({ id, result }),
    (error) => parentPort.postMessage({ id, error: { name: error.name, message: error.message } }),
  );

parentPort.on('message', ({ id, preload, functionName, payload }) =>
  answer(id, preload ? lambdas.preload(preload).then(() => null) : lambdas.invoke(functionName, payload)),
);
