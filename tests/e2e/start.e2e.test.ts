import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { freePort, REPO_ROOT } from '@order-platform/local-cloud';

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
  ])('names the port in use (%s), in one line, and exits 1', (flag, role) => {
    const { status, stderr } = npmStart(flag, String(busyPort));
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `Cannot start: port ${busyPort} (${role}) is already in use: stop what is using it, or choose another port.`,
    ]);
  });

  it('names an unknown option, in one line', () => {
    const { status, stderr } = npmStart('--persistent');
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Cannot start: unknown option --persistent/)]);
  });
});
