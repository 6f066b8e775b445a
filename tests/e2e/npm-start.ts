import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type freePorts, REPO_ROOT } from '@order-platform/local-cloud';

// `npm start` as a user runs it, for the tests that stop it, kill it and start it again: the
// entry point itself (tsx scripts/start.ts), in a process group of its own as in a terminal.
// A restart on the same data: the same `--persist --data-dir <dir>` flags, new ports.

/**
 * `npm start` running in a process group of its own, as in a terminal: `interrupt()` is Ctrl-C
 * (SIGINT to the whole group), `printed(pattern)` waits for a line of its output.
 */
export const runningNpmStart = (...args: string[]) => {
  const child: ChildProcess = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(REPO_ROOT, 'scripts', 'start.ts'), ...args],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = async (pattern: RegExp) => {
    while (!pattern.test(output)) {
      if (child.exitCode !== null) throw new Error(`npm start exited before printing ${pattern}:\n${output}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return {
    get output() {
      return output;
    },
    printed,
    exited,
    interrupt: () => process.kill(-(child.pid as number), 'SIGINT'),
    /** SIGKILL to the whole group, as a crash or `kill -9 -<pgid>` would. */
    kill: () => process.kill(-(child.pid as number), 'SIGKILL'),
    /** After a failed test: Ctrl-C, then Ctrl-C again (abort now), so that serverless-offline is stopped too. */
    async cleanUp() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      this.interrupt();
      setTimeout(() => child.exitCode === null && this.interrupt(), 1_000).unref();
      await exited;
    },
  };
};

export const portFlags = (ports: Awaited<ReturnType<typeof freePorts>>) => [
  ...['--http-port', String(ports.httpPort), '--lambda-port', String(ports.lambdaPort)],
  ...['--dynamodb-port', String(ports.dynamoDbPort), '--step-functions-port', String(ports.stepFunctionsPort)],
  ...['--sns-port', String(ports.snsPort), '--console-port', String(ports.consolePort)],
];

/** Whether nothing listens on the port (on 127.0.0.1). */
export const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
