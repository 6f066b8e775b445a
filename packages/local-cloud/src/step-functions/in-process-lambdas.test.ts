import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REPO_ROOT } from '../repo-root';
import { inProcessLambdas } from './in-process-lambdas';

const FIXTURES = 'packages/local-cloud/src/step-functions/fixtures/failing-handlers';

describe('in-process Lambdas', () => {
  it('loads the named functions’ modules when asked, before any invocation, and ignores other names', async () => {
    const lambdas = inProcessLambdas(
      {
        throws: { name: 'fixture-throws', handler: `${FIXTURES}.throwsStepError`, timeout: 25 },
        missing: { name: 'fixture-missing', handler: `${FIXTURES}.noSuchExport`, timeout: 25 },
      },
      REPO_ROOT,
    );

    await expect(lambdas.preload(['fixture-throws', 'not-a-function-here'])).resolves.toBeUndefined();
    // Loading is where a handler that is not exported shows up: preloading finds it first.
    await expect(lambdas.preload(['fixture-missing'])).rejects.toThrow(
      `${FIXTURES}.noSuchExport exports no handler function`,
    );
  });
});

describe('a step that runs past its timeout', () => {
  let received = 0;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      received += 1;
      request.resume();
      request.on('end', () => response.end('{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (received = 0));

  const lambdas = inProcessLambdas(
    { writesLate: { name: 'fixture-writes-late', handler: `${FIXTURES}.writesLate`, timeout: 25 } },
    REPO_ROOT,
    { timeoutMs: () => 100 },
  );

  it('sends nothing after its timeout, as a Lambda stopped at its timeout sends nothing', async () => {
    await expect(lambdas.invoke('fixture-writes-late', { url, afterMs: 200 })).rejects.toMatchObject({
      name: 'Sandbox.Timedout',
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(received).toBe(0);
  });

  it('sends what it sends before its timeout', async () => {
    await expect(lambdas.invoke('fixture-writes-late', { url, afterMs: 0 })).resolves.toEqual({ status: 200 });
    expect(received).toBe(1);
  });
});
