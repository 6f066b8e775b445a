import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  SFNServiceException,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildExecutionReport } from '../execution-report';
import { executionArnOf } from '../execution-reader';
import { historyFixture } from '../fixtures/history-fixture';
import { OpsError, parseOpsArguments, runOps } from './ops-cli';
import { formatHistory } from './ops-format';

// runOps against the Step Functions API as the SDK sees it (aws-sdk-client-mock) and the SNS
// stand-in's /messages over real HTTP. tests/e2e/ops.e2e.test.ts runs it against the local stack.

const sfn = mockClient(SFNClient);
afterEach(() => sfn.reset());

const STATE_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:order-platform-dev-order-workflow';
const run = async (args: string[]) => {
  const out: string[] = [];
  const progress: string[] = [];
  await runOps(parseOpsArguments(args), { out: (text) => out.push(text), progress: (text) => progress.push(text) });
  return { out, progress };
};
const execution = (name: string, minute: number) => ({
  name,
  executionArn: executionArnOf(STATE_MACHINE, name),
  stateMachineArn: STATE_MACHINE,
  status: 'SUCCEEDED' as const,
  startDate: new Date(Date.UTC(2026, 10, 21, 12, minute)),
  stopDate: new Date(Date.UTC(2026, 10, 21, 12, minute, 2)),
});
const onStage = () =>
  sfn.on(ListStateMachinesCommand).resolves({
    stateMachines: [
      {
        name: 'order-platform-dev-order-workflow',
        stateMachineArn: STATE_MACHINE,
        type: 'STANDARD',
        creationDate: new Date(),
      },
    ],
  });

describe('npm run ops -- executions', () => {
  it('finds the stage’s workflow and prints every page of executions, saying on the side how far it got', async () => {
    onStage();
    sfn
      .on(ListExecutionsCommand)
      .resolvesOnce({ executions: [execution('order-2', 2)], nextToken: 'page-2' })
      .resolvesOnce({ executions: [execution('order-1', 1)] });

    const { out, progress } = await run(['executions', '--stage', 'dev', '--status', 'SUCCEEDED', '--page-size', '1']);

    expect(out[0]).toMatch(/^ORDER ID/);
    expect(out.slice(1, 3)).toEqual([
      expect.stringMatching(/^order-2 +SUCCEEDED +2026-11-21 12:02:00.000 +2.0 s$/),
      expect.stringMatching(/^order-1 +SUCCEEDED/),
    ]);
    expect(out.at(-1)).toBe('2 executions: 2 SUCCEEDED');
    expect(progress).toEqual(['… 1 executions read, fetching page 2']);
    expect(sfn.commandCalls(ListExecutionsCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: STATE_MACHINE, statusFilter: 'SUCCEEDED', maxResults: 1 },
      { stateMachineArn: STATE_MACHINE, statusFilter: 'SUCCEEDED', maxResults: 1, nextToken: 'page-2' },
    ]);
  });

  it('prints them as one JSON array with --json', async () => {
    onStage();
    sfn.on(ListExecutionsCommand).resolves({ executions: [execution('order-1', 1)] });

    const { out } = await run(['executions', '--stage', 'dev', '--since', '2026-11-01T00:00:00Z', '--json']);

    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] as string)).toEqual([
      expect.objectContaining({ orderId: 'order-1', status: 'SUCCEEDED' }),
    ]);
  });
});

describe('npm run ops -- history', () => {
  it('prints the order’s execution as ops read it, or as JSON', async () => {
    const { execution: stored, events } = historyFixture('outofstock');
    const described = { ...stored, executionArn: executionArnOf(STATE_MACHINE, stored.name) };
    onStage();
    sfn.on(DescribeExecutionCommand, { executionArn: described.executionArn }).resolves(described);
    sfn.on(GetExecutionHistoryCommand, { executionArn: described.executionArn }).resolves({ events });
    const report = buildExecutionReport(described, events);

    expect((await run(['history', stored.name, '--stage', 'dev'])).out).toEqual([formatHistory(report)]);
    expect(JSON.parse((await run(['history', stored.name, '--stage', 'dev', '--json'])).out[0] as string)).toEqual(
      JSON.parse(JSON.stringify(report)),
    );
  });
});

describe('npm run ops -- alerts', () => {
  let server: Server;
  let port: number;
  const messages = [{ topicArn: 'arn:t', subject: 'Order failed', message: '{"orderId":"o-1"}', publishedAt: 'now' }];
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(request.url === '/messages' ? { messages } : {}));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  it('prints what the local SNS stand-in published, or its JSON', async () => {
    expect((await run(['alerts', '--local', '--sns-port', String(port)])).out[0]).toContain('Order failed\n{');
    expect(
      JSON.parse((await run(['alerts', '--local', '--sns-port', String(port), '--json'])).out[0] as string),
    ).toEqual(messages);
  });

  it('says npm start is not running when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));

    await expect(run(['alerts', '--local', '--sns-port', String(freePort)])).rejects.toThrow(
      new OpsError(`Nothing answers at http://127.0.0.1:${freePort}/messages: is npm start running?`),
    );
  });
});

describe('what ops are told when reading fails', () => {
  const failure = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, ...extra });

  it.each([
    [
      ['executions', '--local'],
      failure('Error', { code: 'ECONNREFUSED' }),
      'Nothing answers at http://127.0.0.1:8083: is npm start running?',
    ],
    [['executions', '--stage', 'dev'], new Error('fetch failed'), 'Cannot reach Step Functions: fetch failed'],
    [
      ['executions', '--stage', 'dev'],
      failure('CredentialsProviderError'),
      'No AWS credentials for stage "dev": CredentialsProviderError happened',
    ],
    [
      ['executions', '--stage', 'dev'],
      new SFNServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: {},
        message: 'not allowed',
      }),
      'Step Functions refused: AccessDeniedException: not allowed',
    ],
  ])('%p failing with %p: %p', async (args, error, told) => {
    sfn.on(ListStateMachinesCommand).rejects(error);
    await expect(run(args)).rejects.toThrow(new OpsError(told));
  });

  it('names a stage whose workflow is not deployed, and an order with no execution', async () => {
    sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
    await expect(run(['executions', '--stage', 'qa'])).rejects.toThrow(/Is stage "qa" deployed there\?/);

    onStage();
    sfn.on(DescribeExecutionCommand).rejects(failure('ExecutionDoesNotExist'));
    await expect(run(['history', 'order-9', '--stage', 'dev'])).rejects.toThrow(OpsError);
  });

  it('lets an error it cannot explain through as it is', async () => {
    const surprise = new TypeError('surprise');
    sfn.on(ListStateMachinesCommand).rejects(surprise);
    await expect(run(['executions', '--stage', 'dev'])).rejects.toBe(surprise);
  });
});
