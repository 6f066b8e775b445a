import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { ExecutionNotFoundError, RequestValidationError } from '@order-platform/domain';
import { mockClient } from 'aws-sdk-client-mock';
import {
  buildExecutionReader,
  executionArnOf,
  orderWorkflowNameOf,
  resolveStateMachineArn,
  stateMachineArnOf,
  StateMachineNotFoundError,
} from './execution-reader';

const sfn = mockClient(SFNClient);
afterEach(() => sfn.reset());

const STATE_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:order-platform-dev-order-workflow';
const minute = (n: number) => new Date(Date.UTC(2026, 10, 21, 12, n));
const item = (name: string, started: number, stopped?: number) => ({
  name,
  executionArn: executionArnOf(STATE_MACHINE, name),
  stateMachineArn: STATE_MACHINE,
  status: stopped === undefined ? ('RUNNING' as const) : ('SUCCEEDED' as const),
  startDate: minute(started),
  ...(stopped === undefined ? {} : { stopDate: minute(stopped) }),
});

describe('the execution reader', () => {
  const reader = buildExecutionReader(new SFNClient({ region: 'eu-west-1' }), STATE_MACHINE);

  it('lists executions as order rows with duration, passing the status filter and page token on', async () => {
    sfn
      .on(ListExecutionsCommand)
      .resolves({ executions: [item('order-2', 5), item('order-1', 1, 3)], nextToken: 't2' });

    const page = await reader.listPage({ status: 'RUNNING', pageSize: 2, nextToken: 't1' });

    expect(sfn.commandCalls(ListExecutionsCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: STATE_MACHINE,
      statusFilter: 'RUNNING',
      maxResults: 2,
      nextToken: 't1',
    });
    expect(page).toEqual({
      executions: [
        {
          orderId: 'order-2',
          executionArn: executionArnOf(STATE_MACHINE, 'order-2'),
          status: 'RUNNING',
          startedAt: minute(5).toISOString(),
        },
        {
          orderId: 'order-1',
          executionArn: executionArnOf(STATE_MACHINE, 'order-1'),
          status: 'SUCCEEDED',
          startedAt: minute(1).toISOString(),
          stoppedAt: minute(3).toISOString(),
          durationMs: 120_000,
        },
      ],
      nextToken: 't2',
    });
  });

  it('refuses a page token Step Functions does not know as a bad request', async () => {
    sfn.on(ListExecutionsCommand).rejects(Object.assign(new Error('bad token'), { name: 'InvalidToken' }));

    await expect(reader.listPage({ nextToken: 'forged' })).rejects.toBeInstanceOf(RequestValidationError);
  });

  it('lets other listing errors through', async () => {
    sfn.on(ListExecutionsCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));

    await expect(reader.listPage()).rejects.toThrow('slow down');
  });

  it('pages through every execution', async () => {
    sfn
      .on(ListExecutionsCommand)
      .resolvesOnce({ executions: [item('c', 3, 4)], nextToken: 'next' })
      .resolvesOnce({ executions: [item('b', 2, 3), item('a', 1, 2)] });

    const pages = [];
    for await (const page of reader.listAll()) pages.push(page.executions.map((row) => row.orderId));

    expect(pages).toEqual([['c'], ['b', 'a']]);
    expect(sfn.commandCalls(ListExecutionsCommand)[1]?.args[0].input.nextToken).toBe('next');
  });

  it('stops paging at the first execution started before `since`', async () => {
    sfn
      .on(ListExecutionsCommand)
      .resolvesOnce({ executions: [item('c', 30, 31), item('b', 10, 11)], nextToken: 'more' })
      .resolvesOnce({ executions: [item('a', 1, 2)] });

    const rows = [];
    for await (const page of reader.listAll({ since: minute(20) })) rows.push(...page.executions);

    expect(rows.map((row) => row.orderId)).toEqual(['c']);
    expect(sfn.commandCalls(ListExecutionsCommand)).toHaveLength(1);
  });

  it('reports an order from its description and every page of its history', async () => {
    const executionArn = executionArnOf(STATE_MACHINE, 'order-1');
    sfn.on(DescribeExecutionCommand, { executionArn }).resolves({
      executionArn,
      name: 'order-1',
      status: 'FAILED',
      startDate: minute(1),
      stopDate: minute(2),
      error: 'Boom',
      cause: 'It broke',
    });
    sfn
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({
        events: [
          { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: minute(1) },
          {
            id: 2,
            previousEventId: 1,
            type: 'FailStateEntered',
            timestamp: minute(2),
            stateEnteredEventDetails: { name: 'Stop' },
          },
        ],
        nextToken: 'page-2',
      })
      .resolvesOnce({
        events: [
          {
            id: 3,
            previousEventId: 2,
            type: 'ExecutionFailed',
            timestamp: minute(2),
            executionFailedEventDetails: { error: 'Boom', cause: 'It broke' },
          },
        ],
      });

    const report = await reader.report('order-1');

    expect(report).toMatchObject({
      orderId: 'order-1',
      status: 'FAILED',
      durationMs: 60_000,
      failedState: { name: 'Stop', error: 'Boom', cause: 'It broke' },
    });
    expect(sfn.commandCalls(GetExecutionHistoryCommand)[1]?.args[0].input).toEqual({
      executionArn,
      maxResults: 1000,
      nextToken: 'page-2',
    });
  });

  it('answers ExecutionNotFoundError for an order with no execution, or an id no execution can have', async () => {
    sfn.on(DescribeExecutionCommand).rejects(Object.assign(new Error('nope'), { name: 'ExecutionDoesNotExist' }));

    await expect(reader.report('missing')).rejects.toBeInstanceOf(ExecutionNotFoundError);
    await expect(reader.report('x'.repeat(81))).rejects.toBeInstanceOf(ExecutionNotFoundError);
    await expect(reader.report('')).rejects.toBeInstanceOf(ExecutionNotFoundError);
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(1);
  });

  it('lets any other Step Functions error through', async () => {
    sfn.on(DescribeExecutionCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    await expect(reader.report('order-1')).rejects.toThrow('denied');
  });
});

describe('resolveStateMachineArn', () => {
  it('finds the stage’s state machine by name across pages', async () => {
    sfn
      .on(ListStateMachinesCommand)
      .resolvesOnce({ stateMachines: [], nextToken: 'n' })
      .resolvesOnce({
        stateMachines: [
          {
            name: orderWorkflowNameOf('dev'),
            stateMachineArn: STATE_MACHINE,
            type: 'STANDARD',
            creationDate: minute(0),
          },
        ],
      });

    await expect(resolveStateMachineArn(new SFNClient({}), orderWorkflowNameOf('dev'))).resolves.toBe(STATE_MACHINE);
  });

  it('says which state machine it could not find', async () => {
    sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });

    await expect(resolveStateMachineArn(new SFNClient({}), 'order-platform-qa-order-workflow')).rejects.toEqual(
      new StateMachineNotFoundError('order-platform-qa-order-workflow'),
    );
  });
});

describe('sparse Step Functions answers', () => {
  it('fills what a listing or description leaves out', async () => {
    const reader = buildExecutionReader(new SFNClient({ region: 'eu-west-1' }), STATE_MACHINE);
    sfn.on(ListExecutionsCommand).resolves({});
    sfn.on(DescribeExecutionCommand).resolves({});
    sfn.on(GetExecutionHistoryCommand).resolves({});

    await expect(reader.listPage()).resolves.toEqual({ executions: [] });
    sfn.on(ListExecutionsCommand).resolves({ executions: [{} as never] });
    await expect(reader.listPage()).resolves.toEqual({
      executions: [{ orderId: '', executionArn: '', status: 'RUNNING', startedAt: new Date(0).toISOString() }],
    });
    await expect(reader.report('order-9')).resolves.toMatchObject({
      orderId: 'order-9',
      status: 'RUNNING',
      states: [],
    });
  });
});

describe('a workflow given by its alias', () => {
  const ALIAS = `${STATE_MACHINE}:live`;

  it('names executions after the state machine, as Step Functions does whichever alias started them', () => {
    expect(executionArnOf(ALIAS, 'order-1')).toBe(
      'arn:aws:states:eu-west-1:123456789012:execution:order-platform-dev-order-workflow:order-1',
    );
    expect(executionArnOf(`${STATE_MACHINE}:7`, 'order-1')).toBe(executionArnOf(STATE_MACHINE, 'order-1'));
    expect(stateMachineArnOf(ALIAS)).toBe(STATE_MACHINE);
    expect(stateMachineArnOf(STATE_MACHINE)).toBe(STATE_MACHINE);
  });

  it('lists every execution of the state machine, not only those the alias started, and reports them by order', async () => {
    sfn.on(ListExecutionsCommand).resolves({ executions: [item('order-1', 1, 3)] });
    sfn.on(DescribeExecutionCommand).resolves({ ...item('order-1', 1, 3), input: '{}' });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    const reader = buildExecutionReader(new SFNClient({ region: 'eu-west-1' }), ALIAS);

    await reader.listPage();
    await reader.report('order-1');

    expect(sfn.commandCalls(ListExecutionsCommand)[0]?.args[0].input.stateMachineArn).toBe(STATE_MACHINE);
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]?.args[0].input.executionArn).toBe(
      executionArnOf(STATE_MACHINE, 'order-1'),
    );
  });
});
