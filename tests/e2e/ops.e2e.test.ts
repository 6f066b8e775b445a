import { validOrderRequest } from '@order-platform/domain/testing';
import { OPS_SCOPE, type ExecutionPage, type ExecutionReport } from '@order-platform/ops';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signLocalToken, writeStackFile } from '@order-platform/local-cloud';
import { COMPENSATED_AND_ALERTED, HAPPY_PATH, withBranchesInNameOrder } from '@order-platform/workflow/testing';
import { forgedTokens } from './forged-tokens';
import { eventually, startLocalStack, type LocalStack } from './local-stack';

// What ops see of an approved, a declined and a compensated order on the local stack, through the
// two ways in that also work on AWS: `npm run ops` (spawned, as a person runs it) and the ops API
// (over HTTP, with an ops token). Both read the local Step Functions endpoint through the SDK.
let stack: LocalStack;
const orders: Record<'approved' | 'declined' | 'compensated', string> = { approved: '', declined: '', compensated: '' };

// No carrier ships to Antarctica: BookShipment fails and the order is compensated.
const UNDELIVERABLE = validOrderRequest({ shippingAddress: { ...validOrderRequest().shippingAddress, country: 'AQ' } });
const COMPENSATION = ['DispatchFailed', ...COMPENSATED_AND_ALERTED];
const DECLINE_PATH = ['ConfirmPayment', 'IsPaymentAuthorized', 'OrderDeclined'];

beforeAll(async () => {
  stack = await startLocalStack();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const bodies = {
    approved: validOrderRequest(),
    declined: validOrderRequest({ payment: { token: 'tok_declined' } }),
    compensated: UNDELIVERABLE,
  };
  for (const [outcome, body] of Object.entries(bodies)) {
    const placed = await stack.placeOrder('shopper-1', body);
    if (placed.status !== 202) throw new Error(`The ${outcome} order was not accepted: ${JSON.stringify(placed.body)}`);
    orders[outcome as keyof typeof orders] = placed.body.orderId;
  }
  for (const orderId of Object.values(orders)) {
    await eventually(
      () => stack.describeExecution(orderId),
      (execution) => execution.status !== 'RUNNING',
      `execution ${orderId} closing`,
    );
  }
}, 120_000);

afterAll(() => stack?.stop());

const repoRoot = join(__dirname, '..', '..');
/** `npm run ops -- <args>` as a person runs it, against this test's stack. */
const ops = async (...args: string[]) => {
  const ports = [
    '--step-functions-port',
    new URL(stack.platform.stepFunctionsEndpoint).port,
    '--sns-port',
    new URL(stack.platform.snsEndpoint).port,
  ];
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', '-s', 'ops', '--', ...args, '--local', ...ports],
      {
        cwd: repoRoot,
        env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
};
/** The state column of `history`'s table, in order (branch states keep their └ marker). */
const statesListed = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => /^\s{0,2}\d+ {2}/.test(line))
    .map((line) => line.slice(5, 33).trim());

describe('npm run ops', () => {
  it('lists every execution with its order id, status, start and duration', async () => {
    const { code, stdout } = await ops('executions');

    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => Object.values(orders).some((id) => line.startsWith(id)));
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.startsWith(orders.compensated))).toMatch(
      /^\S+ {2}FAILED {5}\d{4}-\d{2}-\d{2} [\d:.]+ {2}\d+(\.\d)? m?s$/,
    );
    expect(rows.find((row) => row.startsWith(orders.approved))).toMatch(/ SUCCEEDED /);
    expect(stdout).toContain('3 executions:');
  });

  it('pages through the listing, filtered by status, and shows its progress', async () => {
    const { code, stdout, stderr } = await ops('executions', '--status', 'SUCCEEDED', '--page-size', '1');

    expect(code).toBe(0);
    expect(stdout).toContain(orders.approved);
    expect(stdout).toContain(orders.declined);
    expect(stdout).not.toContain(orders.compensated);
    expect(stderr).toContain('… 1 executions read, fetching page 2');
  });

  it('shows the approved order’s states in order, branches included, with no failure', async () => {
    const { code, stdout } = await ops('history', orders.approved);

    expect(code).toBe(0);
    expect(stdout).toContain(`Order ${orders.approved}: SUCCEEDED`);
    // Branch states are listed under their Parallel in the order they were entered.
    expect(withBranchesInNameOrder(statesListed(stdout).map((state) => state.replace('└ ', '')))).toEqual(HAPPY_PATH);
    expect(statesListed(stdout).filter((state) => state.startsWith('└ '))).toHaveLength(2);
    expect(stdout).not.toMatch(/FAILED|compensation/);
  });

  it('shows why the declined order stopped: what the payment step returned', async () => {
    const { stdout } = await ops('history', orders.declined);

    expect(statesListed(stdout)).toEqual(DECLINE_PATH);
    expect(stdout).toMatch(/returned: \{"outcome":"DECLINED","reason":"Card declined by the issuer"\}/);
    expect(stdout).not.toContain('Compensation:');
  });

  it('shows the compensated order’s failed state, its error and cause, and each compensation step', async () => {
    const { stdout } = await ops('history', orders.compensated);

    expect(stdout).toContain(`Order ${orders.compensated}: FAILED`);
    expect(stdout).toContain(
      'Failed at BookShipment: NoCarrierAvailable — No carrier serves AQ at service level STANDARD',
    );
    expect(stdout).toContain(`Compensation: ${COMPENSATION.join(' → ')}`);
    const voidLine = stdout.split('\n').find((line) => /^\s*\d+ {2}VoidOrRefundPayment /.test(line));
    expect(voidLine).toMatch(/ ok +compensation$/);
  });

  it('prints the alert the compensated order raised', async () => {
    const { code, stdout } = await ops('alerts');

    expect(code).toBe(0);
    expect(stdout).toContain(`"orderId": "${orders.compensated}"`);
    expect(stdout).toContain('1 alert.');
  });

  it('says in one line when an order has no execution, and exits 1', async () => {
    const { code, stdout, stderr } = await ops('history', 'no-such-order');

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('No workflow execution for order no-such-order.');
  });
});

describe('npm run ops, on a stack it finds by the file npm start writes', () => {
  let dataDir: string;
  beforeAll(() => {
    // What npm start writes once it listens; this test's stack runs on free, non-default ports.
    dataDir = mkdtempSync(join(tmpdir(), 'ops-stack-file-'));
    writeStackFile({ pid: process.pid, ...stack.platform }, dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const shell = (command: string) =>
    promisify(execFile)('bash', ['-o', 'pipefail', '-c', command], { cwd: repoRoot }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      ({ code, stdout, stderr }: { code: number; stdout: string; stderr: string }) => ({ code, stdout, stderr }),
    );

  it('needs no port flags: --local (here with --data-dir) reads where the stack listens', async () => {
    expect(new URL(stack.platform.stepFunctionsEndpoint).port).not.toBe('8083');

    const listed = await shell(`npm run -s ops -- executions --local --data-dir ${dataDir}`);
    const alerts = await shell(`npm run -s alerts -- --data-dir ${dataDir}`);

    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toContain('3 executions:');
    expect(alerts).toMatchObject({ code: 0, stderr: '' });
    expect(alerts.stdout).toContain(`"orderId": "${orders.compensated}"`);
  });

  it('ends quietly, exit code 0, when piped into head -1', async () => {
    // One execution a page: rows are still being written after head has read its line and gone.
    const piped = await shell(`npm run -s ops -- executions --local --data-dir ${dataDir} --page-size 1 | head -1`);

    expect(piped).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[^\n]+\n$/) });
    // Only the progress it had said before the pipe closed: no EPIPE, no stack trace.
    expect(piped.stderr.split('\n').filter(Boolean)).toEqual(
      piped.stderr.match(/^… \d+ executions read, fetching page \d+$/gm) ?? [],
    );
  });
});

describe('the ops API', () => {
  const opsToken = signLocalToken('ops-1', { scopes: [OPS_SCOPE] });

  it('answers an order’s execution with its status and full history', async () => {
    const approved = await stack.call('GET', `/ops/orders/${orders.approved}/execution`, { token: opsToken });
    const declined = await stack.call('GET', `/ops/orders/${orders.declined}/execution`, { token: opsToken });
    const compensated = await stack.call('GET', `/ops/orders/${orders.compensated}/execution`, { token: opsToken });

    expect([approved.status, declined.status, compensated.status]).toEqual([200, 200, 200]);
    const [happy, decline, failed] = [approved.body, declined.body, compensated.body] as ExecutionReport[];
    expect(happy?.status).toBe('SUCCEEDED');
    expect(happy?.states.map((state) => state.name).sort()).toEqual([...HAPPY_PATH].sort());
    expect(happy?.states.every((state) => state.outcome === 'succeeded' && state.enteredAt && state.exitedAt)).toBe(
      true,
    );
    expect(decline?.states.map((state) => state.name)).toEqual(DECLINE_PATH);
    expect(JSON.parse(decline?.states[0]?.result ?? '{}')).toMatchObject({ outcome: 'DECLINED' });
    expect(failed).toMatchObject({
      status: 'FAILED',
      failedState: { name: 'BookShipment', error: 'NoCarrierAvailable' },
      executionError: { error: 'NoCarrierAvailable' },
    });
    expect(failed?.compensation).toEqual(expect.arrayContaining(COMPENSATION));
    expect(failed?.states.find((state) => state.name === 'VoidOrRefundPayment')).toMatchObject({
      phase: 'compensation',
      outcome: 'succeeded',
      result: '"VOIDED"',
    });
  });

  it('lists executions by status', async () => {
    const failed = await stack.call('GET', '/ops/executions?status=FAILED', { token: opsToken });
    const all = await stack.call('GET', '/ops/executions?limit=2', { token: opsToken });

    expect(failed.status).toBe(200);
    expect((failed.body as ExecutionPage).executions.map((execution) => execution.orderId)).toEqual([
      orders.compensated,
    ]);
    expect((all.body as ExecutionPage).executions).toHaveLength(2);
    const next = await stack.call(
      'GET',
      `/ops/executions?limit=2&nextToken=${encodeURIComponent((all.body as ExecutionPage).nextToken ?? '')}`,
      { token: opsToken },
    );
    expect((next.body as ExecutionPage).executions).toHaveLength(1);
  });

  it('answers 403 to a customer token and 401 to none, on both routes', async () => {
    const customer = signLocalToken('shopper-1');
    for (const path of [`/ops/orders/${orders.approved}/execution`, '/ops/executions']) {
      expect((await stack.call('GET', path, { token: customer })).status).toBe(403);
      expect((await stack.call('GET', path)).status).toBe(401);
    }
  });

  it('cannot be read with a forged ops token: 401 as API Gateway answers, before any handler runs', async () => {
    for (const [forgery, token] of Object.entries(forgedTokens('ops-1', OPS_SCOPE))) {
      const { status, headers, body } = await stack.call('GET', '/ops/executions', { token });
      expect([forgery, status, body]).toEqual([forgery, 401, { message: 'Unauthorized' }]);
      expect(headers.get('www-authenticate')).toMatch(/^Bearer scope="order-platform\/ops" error="invalid_token"/);
    }
  });

  it('answers 400 for an unknown status and 404 for an order with no execution', async () => {
    expect((await stack.call('GET', '/ops/executions?status=DONE', { token: opsToken })).status).toBe(400);
    expect((await stack.call('GET', '/ops/orders/no-such-order/execution', { token: opsToken })).status).toBe(404);
  });
});
