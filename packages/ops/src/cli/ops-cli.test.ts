import { parseOpsArguments, UsageError } from './ops-cli';

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
