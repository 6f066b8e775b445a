import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      // A process that dies without a last line must still wake whoever waits for one.
      for (const waiter of waiters.splice(0)) waiter();
      resolve(code);
    }),
  );
  /** Waits for a line of output; fails naming the pattern and showing the output if none comes in time. */
  const printed = async (pattern: RegExp, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `npm start exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`npm start printed no ${pattern} within ${timeoutMs / 1000} s:\n${output}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  return {
    get output() {
      return output;
    },
    printed,
    exited,
    /** The process (tsx) that leads its process group. */
    pid: child.pid as number,
    interrupt: () => process.kill(-(child.pid as number), 'SIGINT'),
    /** SIGKILL to the whole group, as a crash or `kill -9 -<pgid>` would. */
    kill: () => process.kill(-(child.pid as number), 'SIGKILL'),
    /**
     * After a test: Ctrl-C, then Ctrl-C again (abort now) once a repeat no longer counts as the
     * same press, so that serverless-offline is stopped too; SIGKILL to the group if even that
     * has not ended it in 30 s, so a stuck stop can never hold the test run.
     */
    async cleanUp() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      this.interrupt();
      const again = setTimeout(() => child.exitCode === null && this.interrupt(), 1_500);
      const last = setTimeout(() => child.exitCode === null && this.kill(), 30_000);
      await exited;
      clearTimeout(again);
      clearTimeout(last);
    },
  };
};

export const portFlags = (ports: Awaited<ReturnType<typeof freePorts>>) => [
  ...['--http-port', String(ports.httpPort), '--lambda-port', String(ports.lambdaPort)],
  ...['--dynamodb-port', String(ports.dynamoDbPort), '--step-functions-port', String(ports.stepFunctionsPort)],
  ...['--sns-port', String(ports.snsPort), '--console-port', String(ports.consolePort)],
  ...['--storefront-port', String(ports.storefrontPort)],
];

/** Whether nothing listens on the port (on 127.0.0.1). */
export const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

const commandLineOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined; // Gone meanwhile.
  }
};

/** The processes descended from `pid` now, with their command lines (Linux: read from /proc). */
export const descendantsOf = (pid: number): { pid: number; command: string }[] => {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // The parent is the 4th field of /proc/<pid>/stat, after the command in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const found: { pid: number; command: string }[] = [];
  const visit = (parent: number) => {
    for (const [child, itsParent] of parents) {
      if (itsParent !== parent) continue;
      const command = commandLineOf(child);
      if (command === undefined) continue;
      found.push({ pid: child, command });
      visit(child);
    }
  };
  visit(pid);
  return found;
};

/** Whether the process still exists. */
export const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
