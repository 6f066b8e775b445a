import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './repo-root';
import { paramArguments } from './step-functions/service-definition';

/** Gives handlers a request's headers as API Gateway would (see the module). */
const REQUEST_HEADERS_AS_SENT = pathToFileURL(join(__dirname, 'http-api', 'offline-request-headers.mjs')).href;

const READY = /Server ready: http/;
// serverless-offline reports a bad configuration and then keeps running without serving.
const FATAL_BEFORE_READY = /^\s*(?:✖|Error:)\s*\S/m;
const OFFLINE_START_TIMEOUT_MS = 90_000;
const SLS = join(REPO_ROOT, 'node_modules', '.bin', 'sls');

export interface ServerlessOffline {
  readonly child: ChildProcess;
  /** Resolves once it serves; rejects with what it printed when it cannot. */
  readonly ready: Promise<void>;
}

/**
 * Runs the command its arguments name, and kills its own process group (itself and the command)
 * when its stdin closes: when the launcher has exited, however it exited. serverless-offline runs
 * in a process group of its own, so a SIGKILL of `npm start`'s group left it running, holding the
 * API's port, and the next start could not begin. A SIGTERM to the group (stopProcess) reaches the
 * command, which exits, and this with it.
 */
const TIED_TO_PARENT = `
const { spawn } = require('node:child_process');
const [command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stopAll = () => {
  try { process.kill(-process.pid, 'SIGKILL'); } catch { process.exit(1); }
};
process.stdin.on('end', stopAll).on('close', stopAll).on('error', stopAll).resume();
process.on('SIGTERM', () => undefined).on('SIGINT', () => undefined);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

/**
 * The HTTP API of `stage` through serverless-offline, in a process group of its own: the bundled
 * handlers and the JWT authorizer as serverless.yml configures them. `httpPort` and `lambdaPort`
 * may be Unix socket paths (hapi listens on a path). It inherits no AWS_* variable but
 * `environment`'s, which it hands to the handlers. It stops when this process does, also when
 * this process is killed (TIED_TO_PARENT).
 */
export const startServerlessOffline = ({
  stage,
  httpPort,
  lambdaPort,
  environment,
  params = {},
  log,
  sls = SLS,
  startTimeoutMs = OFFLINE_START_TIMEOUT_MS,
}: {
  stage: string;
  httpPort: number | string;
  lambdaPort: number | string;
  environment: Record<string, string>;
  /** Stage parameters set for this run (`--param`), as the local workflow resolves the service with them. */
  params?: Readonly<Record<string, string>>;
  log: (line: string) => void;
  /** The Serverless Framework's command (tests pass a stand-in). */
  sls?: string;
  /** How long it may take to serve before it is stopped and `ready` rejects. */
  startTimeoutMs?: number;
}): ServerlessOffline => {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  const child = spawn(
    process.execPath,
    [
      '-e',
      TIED_TO_PARENT,
      sls,
      ...['offline', 'start', '--stage', stage, '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)],
      // The local stack runs the functions' schedules in its own process (src/scheduled), where
      // their results are seen: serverless-offline would run them a second time.
      '--param=schedulesEnabled=false',
      ...paramArguments(params),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...inherited,
        ...environment,
        NODE_OPTIONS: [inherited.NODE_OPTIONS, `--import=${REQUEST_HEADERS_AS_SENT}`].filter(Boolean).join(' '),
        SLS_TELEMETRY_DISABLED: '1',
        FORCE_COLOR: '0',
      },
      detached: true,
      // Its stdin is the tie: it closes when this process exits, however it exits.
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  return { child, ready: readiness(child, log, startTimeoutMs) };
};

const readiness = (child: ChildProcess, log: (line: string) => void, startTimeoutMs: number) =>
  new Promise<void>((resolve, reject) => {
    const output: string[] = [];
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stopProcess(child);
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`serverless-offline was not ready after ${startTimeoutMs / 1000}s:\n${output.join('')}`)),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (READY.test(text)) {
        clearTimeout(timer);
        resolve();
      } else if (FATAL_BEFORE_READY.test(text)) {
        fail(new Error(`serverless-offline failed to start: ${text.trim().split('\n').slice(0, 3).join(' ')}`));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serverless-offline exited with code ${code} before it was ready:\n${output.join('')}`));
    });
  });

/** Stops the process group politely, then firmly after `graceMs` (5 s). */
export const stopProcess = (child: ChildProcess, graceMs = 5_000) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const forceKill = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      clearTimeout(forceKill);
      resolve();
    }
  });
