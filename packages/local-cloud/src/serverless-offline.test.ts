import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerlessOffline, stopProcess } from './serverless-offline';

// serverless-offline started as the local stack starts it, with a stand-in for the `sls` command:
// a script that records the arguments and environment it was given, then behaves as FAKE_SLS says
// (serve, report a bad configuration and hang, exit, stay silent, or ignore SIGTERM).

const FAKE_SLS = `#!/usr/bin/env node
const { writeFileSync } = require('node:fs');
writeFileSync(process.env.FAKE_SLS_RECORD, JSON.stringify({ pid: process.pid, args: process.argv.slice(2), env: process.env }));
const mode = process.env.FAKE_SLS;
const hang = () => setInterval(() => undefined, 1_000);
if (mode === 'ready') {
  console.log('Starting Offline at stage dev\\n\\nServer ready: http://localhost:3000 🚀');
  hang();
} else if (mode === 'fatal') {
  console.error('✖ Configuration error at functions.a: unknown property\\nfirst detail\\nsecond detail\\nthird detail');
  hang();
} else if (mode === 'exit') {
  console.log('Cannot start');
  process.exit(3);
} else if (mode === 'stubborn') {
  process.on('SIGTERM', () => undefined);
  console.log('Server ready: http://localhost:3000');
  hang();
} else {
  hang();
}
`;

let directory: string;
let sls: string;
let record: string;
const started: ChildProcess[] = [];

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'serverless-offline-'));
  sls = join(directory, 'sls');
  record = join(directory, 'record.json');
  writeFileSync(sls, FAKE_SLS);
  chmodSync(sls, 0o755);
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((child) => stopProcess(child, 100)));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const start = (mode: string, options: { params?: Record<string, string>; startTimeoutMs?: number } = {}) => {
  const lines: string[] = [];
  const offline = startServerlessOffline({
    stage: 'dev',
    httpPort: '/tmp/http.sock',
    lambdaPort: 3002,
    environment: { FAKE_SLS: mode, FAKE_SLS_RECORD: record, ORDERS_TABLE: 'orders-local' },
    log: (line) => lines.push(line),
    sls,
    ...options,
  });
  started.push(offline.child);
  return { ...offline, lines };
};

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Whether `pid` has ended (a zombie has: its parent is gone and it waits only to be reaped) within 2 s. */
const gone = async (pid: number) => {
  const ended = () => {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    return /\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  };
  for (const deadline = Date.now() + 2_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    if (ended()) return true;
  }
  return ended();
};

const recorded = () =>
  JSON.parse(readFileSync(record, 'utf8')) as { pid: number; args: string[]; env: Record<string, string> };

describe('startServerlessOffline', () => {
  it('serves the stage on the ports given, with its schedules off and the run’s parameters, and logs what it prints', async () => {
    const offline = start('ready', { params: { jwtIssuer: 'https://issuer.example.org/' } });

    await expect(offline.ready).resolves.toBeUndefined();

    expect(recorded().args).toEqual([
      'offline',
      'start',
      '--stage',
      'dev',
      '--httpPort',
      '/tmp/http.sock',
      '--lambdaPort',
      '3002',
      '--param=schedulesEnabled=false',
      '--param=jwtIssuer=https://issuer.example.org/',
    ]);
    expect(offline.lines).toEqual(['Starting Offline at stage dev', 'Server ready: http://localhost:3000 🚀']);
  });

  it('hands the handlers the environment given and none of the shell’s AWS variables', async () => {
    process.env.AWS_PROFILE = 'someone-elses-account';
    try {
      await start('ready').ready;
    } finally {
      delete process.env.AWS_PROFILE;
    }

    const { env } = recorded();
    expect(env).toMatchObject({ ORDERS_TABLE: 'orders-local', SLS_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' });
    expect(Object.keys(env).filter((name) => name.startsWith('AWS_'))).toEqual([]);
    expect(env.NODE_OPTIONS).toMatch(/--import=file:.*offline-request-headers\.mjs/);
  });

  it('stops, with the command it ran, when the process that started it goes away (its stdin closes)', async () => {
    const offline = start('ready');
    await offline.ready;

    offline.child.stdin?.end();

    await exited(offline.child);
    expect(offline.child.signalCode).toBe('SIGKILL');
    await expect(gone(recorded().pid)).resolves.toBe(true);
  });

  it('rejects with the first lines of a configuration it reports as bad, and stops it', async () => {
    const offline = start('fatal');

    await expect(offline.ready).rejects.toThrow(
      'serverless-offline failed to start: ✖ Configuration error at functions.a: unknown property first detail second detail',
    );
    await exited(offline.child);
  });

  it('rejects with its exit code and output when it exits before it serves', async () => {
    await expect(start('exit').ready).rejects.toThrow(
      'serverless-offline exited with code 3 before it was ready:\nCannot start',
    );
  });

  it('gives up, and stops it, when it has not served within the start timeout', async () => {
    const offline = start('silent', { startTimeoutMs: 300 });

    await expect(offline.ready).rejects.toThrow('serverless-offline was not ready after 0.3s:');
    await exited(offline.child);
  });
});

describe('stopProcess', () => {
  it('kills a process group that ignores SIGTERM once the grace period is over', async () => {
    const offline = start('stubborn');
    await offline.ready;

    await stopProcess(offline.child, 200);

    expect(offline.child.signalCode).toBe('SIGKILL');
    await expect(gone(recorded().pid)).resolves.toBe(true);
  });

  it('returns at once for a process that has already exited', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await exited(child);

    await expect(stopProcess(child)).resolves.toBeUndefined();
  });

  it('returns at once when the process has no group of its own to signal', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)']);
    try {
      await expect(stopProcess(child)).resolves.toBeUndefined();
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
  });
});
