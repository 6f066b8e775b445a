import { parseOpsArguments, UsageError } from './ops-cli';
import { executionsSummary, formatAlerts, formatDuration } from './ops-format';

describe('npm run ops arguments', () => {
  it('reads a listing of the local stack with its filters', () => {
    expect(parseOpsArguments(['executions', '--local', '--status', 'FAILED', '--since', '2h', '--json'])).toEqual({
      command: 'executions',
      target: { kind: 'local', stepFunctionsPort: 8083, snsPort: 8084 },
      status: 'FAILED',
      since: '2h',
      pageSize: 100,
      json: true,
    });
  });

  it('reads a deployed stage with its region, and the order of a history', () => {
    expect(parseOpsArguments(['history', 'order-1', '--stage', 'prod', '--region', 'eu-central-1'])).toMatchObject({
      command: 'history',
      orderId: 'order-1',
      target: { kind: 'stage', stage: 'prod', region: 'eu-central-1' },
    });
  });

  it.each([
    [[], 'Name a command.'],
    [['purge', '--local'], 'Unknown command purge.'],
    [['executions'], 'Give exactly one of --local or --stage <stage>.'],
    [['executions', '--local', '--stage', 'dev'], 'Give exactly one of --local or --stage <stage>.'],
    [['history', '--local'], 'history needs an order id.'],
    [['history', 'a', 'b', '--local'], 'Unexpected argument b.'],
    [['executions', 'a', '--local'], 'Unexpected argument a.'],
    [['executions', '--local', '--status', 'DONE'], '--status must be one of'],
    [['executions', '--local', '--since', 'yesterday'], '--since: Give a duration'],
    [['executions', '--local', '--since'], '--since needs a value.'],
    [['executions', '--local', '--page-size', '0'], '--page-size needs a whole number from 1 to 1000.'],
    [['executions', '--local', '--step-functions-port', 'x'], '--step-functions-port needs a whole number'],
    [['executions', '--local', '--verbose'], 'Unknown option --verbose.'],
    [['alerts', '--stage', 'prod'], 'alerts reads the local SNS stand-in only.'],
  ])('refuses %p: %s', (args, message) => {
    expect(() => parseOpsArguments(args)).toThrow(UsageError);
    expect(() => parseOpsArguments(args)).toThrow(message);
  });
});

describe('ops output', () => {
  it.each([
    [undefined, ''],
    [950, '950 ms'],
    [1234, '1.2 s'],
    [125_000, '2 min 5 s'],
  ])('shows %p ms as %p', (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });

  it('counts executions by status', () => {
    const row = (status: 'FAILED' | 'SUCCEEDED') => ({ orderId: 'o', executionArn: 'a', status, startedAt: '' });
    expect(executionsSummary([row('FAILED'), row('SUCCEEDED'), row('SUCCEEDED')])).toBe(
      '3 executions: 1 FAILED, 2 SUCCEEDED',
    );
    expect(executionsSummary([row('FAILED')])).toBe('1 execution: 1 FAILED');
    expect(executionsSummary([])).toBe('No executions.');
  });

  it('prints alerts with JSON bodies indented and other bodies as they are', () => {
    const printed = formatAlerts([
      { topicArn: 'arn:t', subject: 'Order failed', message: '{"orderId":"o-1"}', publishedAt: '2026-11-21T12:00:00Z' },
      { topicArn: 'arn:t', message: 'plain', publishedAt: '2026-11-21T12:00:01Z' },
    ]);
    expect(printed).toContain('Order failed\n{\n  "orderId": "o-1"\n}');
    expect(printed).toContain('(no subject)\nplain');
    expect(printed.endsWith('2 alerts.')).toBe(true);
    expect(formatAlerts([])).toBe('No alerts published.');
  });
});
