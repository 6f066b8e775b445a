import { freePort, REPO_ROOT } from '@order-platform/local-cloud';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { START_ROUNDS, type StartTimeFigures } from '../start-time';
import { startNpmStart, stop } from './local-stack';
import { machineLoad } from './machine-load';

// Measures `npm start` against serverless-offline's own start (the definitions are
// ../start-time.ts's), interleaved: offline, npm start, offline, npm start, …

const POLL_MS = 50;
const START_TIMEOUT_MS = 180_000;

/** `sls offline start` in this repository, as a project runs it: timed to its first HTTP answer. */
const offlineOwnStart = async (): Promise<number> => {
  const httpPort = await freePort();
  const lambdaPort = await freePort();
  const startedAt = performance.now();
  const child = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'sls'),
    ['offline', 'start', '--stage', 'local', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)]
      // As npm start runs it: schedules are the local stack's, not serverless-offline's.
      .concat('--param=schedulesEnabled=false'),
    {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ORDER_PLATFORM_BUNDLE_CACHE: 'off', SLS_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`sls offline start exited before it answered:\n${output}`);
      if (performance.now() - startedAt > START_TIMEOUT_MS)
        throw new Error(`sls offline start never answered:\n${output}`);
      const answered = await fetch(`http://127.0.0.1:${httpPort}/catalog`).then(
        () => true,
        () => false,
      );
      if (answered) return performance.now() - startedAt;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    if (!gone) {
      process.kill(-(child.pid as number), 'SIGINT');
      const killer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  }
};

const timedNpmStart = async () => {
  const { child, readyMs } = await startNpmStart();
  await stop(child);
  return readyMs;
};

/** What npm start keeps between starts, removed: the next start is the first after a change. */
const emptyStartCaches = () => {
  rmSync(join(REPO_ROOT, '.local', 'cache'), { recursive: true, force: true });
  rmSync(join(REPO_ROOT, '.esbuild', 'offline-bundles.json'), { force: true });
};

export const measureStartTime = async (log: (line: string) => void): Promise<StartTimeFigures> => {
  emptyStartCaches();
  const afterChange = await timedNpmStart();
  log(`npm start after a change (caches emptied): ${(afterChange / 1000).toFixed(2)} s`);
  const loadBefore = machineLoad();
  const offline: number[] = [];
  const npmStart: number[] = [];
  for (let round = 1; round <= START_ROUNDS; round += 1) {
    offline.push(await offlineOwnStart());
    npmStart.push(await timedNpmStart());
    log(
      `start round ${round}: serverless-offline ${((offline.at(-1) as number) / 1000).toFixed(2)} s, npm start ${((npmStart.at(-1) as number) / 1000).toFixed(2)} s`,
    );
  }
  return { npmStart, offline, afterChange, loadBefore, loadAfter: machineLoad() };
};
