import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { validOrderRequest } from '@order-platform/domain/testing';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executionArnOf } from '@order-platform/ops';
import {
  freePort,
  freePorts,
  readStackFile,
  REPO_ROOT,
  signLocalToken,
  stackFilePath,
} from '@order-platform/local-cloud';
import { descendantsOf, isFree, isRunning, portFlags, runningNpmStart } from './npm-start';

// `npm start` refusing to start says why in one line, and leaves nothing running: the entry point itself, spawned.
const npmStart = (...args: string[]) =>
  spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'scripts', 'start.ts'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm start, when it cannot start', () => {
  let busy: Server;
  let busyPort: number;

  beforeAll(async () => {
    busyPort = await freePort();
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(busyPort, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it.each([
    ['--step-functions-port', 'Step Functions'],
    ['--console-port', 'ops console'],
    ['--storefront-port', 'storefront'],
  ])('names the port in use (%s), in one line, and exits 1', (flag, role) => {
    const { status, stderr } = npmStart(flag, String(busyPort));
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `Cannot start: port ${busyPort} (${role}) is already in use: stop what is using it, or choose another port with ${flag} <port>.`,
    ]);
  });

  it('names an unknown option, in one line', () => {
    const { status, stderr } = npmStart('--persistent');
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Cannot start: unknown option --persistent/)]);
  });
});

describe('npm start, stopped by Ctrl-C or killed', () => {
  let dataDir: string;
  const started: ReturnType<typeof runningNpmStart>[] = [];
  const npmStartInBackground = (...args: string[]) => {
    const command = runningNpmStart(...args);
    started.push(command);
    return command;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  });
  afterAll(async () => {
    for (const command of started) await command.cleanUp();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops taking orders, lets a running execution finish within --grace-seconds, exits 0; a --persist restart finds it closed', async () => {
    // Prepare: an order whose payment fails twice before it is approved, so that its execution
    // waits its retries' backoff when Ctrl-C comes.
    const flags = ['--persist', '--data-dir', dataDir, '--grace-seconds', '120'];
    const ports = await freePorts();
    const first = npmStartInBackground(...flags, ...portFlags(ports));
    await first.printed(/Press Ctrl-C to stop\./);
    // Where it listens, written down for npm run ops / alerts / token.
    expect(readStackFile(dataDir)).toMatchObject({
      apiUrl: `http://127.0.0.1:${ports.httpPort}`,
      stepFunctionsEndpoint: `http://127.0.0.1:${ports.stepFunctionsPort}`,
      snsEndpoint: `http://127.0.0.1:${ports.snsPort}`,
    });
    const placed = await fetch(`http://127.0.0.1:${ports.httpPort}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signLocalToken('alice')}`, 'content-type': 'application/json' },
      body: JSON.stringify(validOrderRequest({ payment: { token: 'tok_flaky' } })),
    });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };

    // Act
    first.interrupt();

    // Assess: it waited for the execution, which closed on its own, and aborted nothing.
    expect(await first.exited).toBe(0);
    const afterInterrupt = first.output.slice(first.output.indexOf('SIGINT:'));
    expect(afterInterrupt).toMatch(
      /^SIGINT: no longer taking requests; waiting up to 120 s for 1 execution still running \(Ctrl-C again to stop them now\)…\n/,
    );
    expect(afterInterrupt).toMatch(new RegExp(`\\[step-functions\\] ${orderId} SUCCEEDED in \\d+ ms\\n`));
    expect(afterInterrupt).toMatch(/\nStopped: no execution was left running\.\n$/);
    expect(existsSync(stackFilePath(dataDir))).toBe(false);

    // A restart on the same data finds the execution closed, as it ended.
    const morePorts = await freePorts();
    const second = npmStartInBackground(...flags, ...portFlags(morePorts));
    await second.printed(/Press Ctrl-C to stop\./);
    expect(second.output).toContain(
      '[step-functions] from disk: 1 execution closed, 0 executions running resumed (each re-driven from its start).',
    );
    expect(second.output).toContain(`data kept in ${dataDir} (dynamodb, step-functions)`);
    const sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${morePorts.stepFunctionsPort}`,
      region: 'eu-west-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const stateMachineArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:order-platform-local-order-workflow';
    const described = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, orderId) }),
    );
    sfn.destroy();
    expect(described.status).toBe('SUCCEEDED');
    second.interrupt();
    expect(await second.exited).toBe(0);
    expect(second.output).toMatch(
      /SIGINT: no longer taking requests; stopping…\nStopped: no execution was left running\.\n$/,
    );
  }, 240_000);

  it('leaves no serverless-offline running when its process group is killed, and a --persist restart resumes the execution that was running', async () => {
    // Prepare: a second data directory, an order whose execution waits its retries' backoff.
    const crashDir = mkdtempSync(join(tmpdir(), 'npm-start-crash-'));
    const flags = ['--persist', '--data-dir', crashDir];
    const ports = await freePorts();
    const first = npmStartInBackground(...flags, ...portFlags(ports));
    await first.printed(/Press Ctrl-C to stop\./);
    const placed = await fetch(`http://127.0.0.1:${ports.httpPort}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signLocalToken('bob')}`, 'content-type': 'application/json' },
      body: JSON.stringify(validOrderRequest({ payment: { token: 'tok_flaky' } })),
    });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };

    // serverless-offline runs in a process group of its own, below npm start.
    const offline = descendantsOf(first.pid).filter(({ command }) => command.includes('offline start'));
    expect(offline).not.toEqual([]);

    // Act: kill -9 the whole group, as soon as the order is answered.
    first.kill();
    await first.exited;

    // Assess: serverless-offline went too (within 30 s, after which it would never go: it would
    // hold on); the restart resumes the execution to its end.
    const deadline = Date.now() + 30_000;
    while (offline.some(({ pid }) => isRunning(pid)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(offline.filter(({ pid }) => isRunning(pid))).toEqual([]);
    expect(await isFree(ports.httpPort)).toBe(true);
    // Killed, it could not remove its stack file; the file no longer counts: its process is gone.
    expect(existsSync(stackFilePath(crashDir))).toBe(true);
    expect(readStackFile(crashDir)).toBeUndefined();

    const morePorts = await freePorts();
    const second = npmStartInBackground(...flags, ...portFlags(morePorts));
    await second.printed(/Press Ctrl-C to stop\./);
    expect(second.output).toContain('[step-functions] from disk: 0 executions closed, 1 execution running resumed');
    await second.printed(new RegExp(`\\[step-functions\\] ${orderId} SUCCEEDED in \\d+ ms\\n`));
    second.interrupt();
    expect(await second.exited).toBe(0);
    rmSync(crashDir, { recursive: true, force: true });
  }, 240_000);
});
