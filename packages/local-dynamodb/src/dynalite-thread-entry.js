// The worker thread of dynalite-thread.ts: serves dynalite until told to close, then exits.
const { parentPort, workerData } = require('node:worker_threads');
const { require: requireTypeScript } = require('tsx/cjs/api');

const { serveDynalite } = requireTypeScript('./dynalite-server.ts', module.filename);

serveDynalite(workerData).then(
  (server) => {
    parentPort.postMessage({ listening: server.endpoint });
    parentPort.once('message', () =>
      server.close().finally(() => {
        parentPort.postMessage({ closed: true });
        parentPort.close();
      }),
    );
  },
  (error) => {
    parentPort.postMessage({ failed: error.message, code: error.code });
    parentPort.close();
  },
);
