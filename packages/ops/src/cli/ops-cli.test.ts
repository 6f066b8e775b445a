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
    [['executions', '--stage', 'prod', '--data-dir', 'x'], '--data-dir goes with --local only.'],
  ])('refuses %p: %s', (args, message) => {
    expect(() => parseOpsArguments(args)).toThrow(UsageError);
    expect(() => parseOpsArguments(args)).toThrow(message);
  });

  describe('the local stack, where npm start wrote down its ports', () => {
    const moved = { stepFunctionsEndpoint: 'http://127.0.0.1:9183', snsEndpoint: 'http://127.0.0.1:9184' };

    it('uses the ports the running stack wrote down, asked with the --data-dir given (none: the default)', () => {
      const findLocalStack = jest.fn(() => moved);
      expect(parseOpsArguments(['alerts', '--local'], { findLocalStack }).target).toEqual({
        kind: 'local',
        stepFunctionsPort: 9183,
        snsPort: 9184,
      });
      expect(findLocalStack).toHaveBeenLastCalledWith(undefined);
      parseOpsArguments(['alerts', '--local', '--data-dir', '/tmp/elsewhere'], { findLocalStack });
      expect(findLocalStack).toHaveBeenLastCalledWith('/tmp/elsewhere');
    });

    it('lets a port flag win over what the stack wrote down', () => {
      const args = ['executions', '--local', '--step-functions-port', '7001'];
      expect(parseOpsArguments(args, { findLocalStack: () => moved }).target).toEqual({
        kind: 'local',
        stepFunctionsPort: 7001,
        snsPort: 9184,
      });
    });

    it('falls back to the default ports when no running stack wrote any down', () => {
      expect(parseOpsArguments(['executions', '--local'], { findLocalStack: () => undefined }).target).toEqual({
        kind: 'local',
        stepFunctionsPort: 8083,
        snsPort: 8084,
      });
    });

    it('does not look for a local stack when a stage is named', () => {
      const findLocalStack = jest.fn(() => moved);
      parseOpsArguments(['executions', '--stage', 'prod'], { findLocalStack });
      expect(findLocalStack).not.toHaveBeenCalled();
    });
  });
});
