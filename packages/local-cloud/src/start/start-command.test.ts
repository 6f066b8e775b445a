import { validOrderRequest } from '@order-platform/domain/testing';
import { StartupError } from '../ports';
import {
  alertLine,
  type BannerFacts,
  closedExecutionLine,
  parseStartArguments,
  readyBanner,
  restoredLines,
  stoppedLine,
  stoppingLine,
} from './start-command';

describe('npm start arguments', () => {
  it('reads the defaults, --persist, --verbose and every moved port', () => {
    expect(parseStartArguments([])).toEqual({ options: {}, verbose: false, graceSeconds: 10 });
    expect(
      parseStartArguments([
        '--persist',
        '--verbose',
        '--http-port',
        '4000',
        '--lambda-port=4002',
        '--dynamodb-port',
        '9000',
        '--step-functions-port',
        '9083',
        '--sns-port',
        '9084',
        '--console-port',
        '9085',
        '--storefront-port',
        '9086',
      ]),
    ).toEqual({
      options: {
        persist: true,
        httpPort: 4000,
        lambdaPort: 4002,
        dynamoDbPort: 9000,
        stepFunctionsPort: 9083,
        snsPort: 9084,
        consolePort: 9085,
        storefrontPort: 9086,
      },
      verbose: true,
      graceSeconds: 10,
    });
  });

  it('reads --data-dir as an absolute path and --grace-seconds as seconds, 0 included', () => {
    expect(parseStartArguments(['--persist', '--data-dir', '/tmp/stack-1', '--grace-seconds', '2.5'])).toEqual({
      options: { persist: true, dataDir: '/tmp/stack-1' },
      verbose: false,
      graceSeconds: 2.5,
    });
    expect(parseStartArguments(['--data-dir=relative/dir', '--grace-seconds=0'], { cwd: '/home/me/shop' })).toEqual({
      options: { dataDir: '/home/me/shop/relative/dir' },
      verbose: false,
      graceSeconds: 0,
    });
  });

  it('reads --payments: the sandbox, or Stripe', () => {
    expect(parseStartArguments(['--payments', 'stripe']).options).toEqual({ payments: 'stripe' });
    expect(parseStartArguments(['--payments=sandbox']).options).toEqual({ payments: 'sandbox' });
  });

  it.each([
    [['--persistent'], /^unknown option --persistent \(options: --persist, --data-dir, --grace-seconds, --verbose, /],
    [['--grace-seconds'], /^--grace-seconds needs a number of seconds \(0 or more\)\.$/],
    [['--grace-seconds', '-1'], /^--grace-seconds needs a number of seconds \(0 or more\)\.$/],
    [['--grace-seconds', 'soon'], /^--grace-seconds needs a number of seconds \(0 or more\)\.$/],
    [['--grace-seconds', ''], /^--grace-seconds needs a number of seconds \(0 or more\)\.$/],
    [['--data-dir'], /^--data-dir needs a directory\.$/],
    [['--data-dir', ' '], /^--data-dir needs a directory\.$/],
    [['extra'], /^unknown option extra /],
    [['--http-port'], /^--http-port needs a port number\.$/],
    [['--http-port', 'x'], /^--http-port needs a port number\.$/],
    [['--sns-port', '70000'], /^--sns-port needs a port number\.$/],
    [['--payments', 'paypal'], /^--payments needs sandbox or stripe\.$/],
    [['--payments'], /^--payments needs sandbox or stripe\.$/],
  ])('refuses %p, saying why', (args, reason) => {
    expect(() => parseStartArguments(args)).toThrow(StartupError);
    expect(() => parseStartArguments(args)).toThrow(reason);
  });
});

describe('what npm start says', () => {
  const platform = {
    apiUrl: 'http://127.0.0.1:3000',
    stepFunctionsEndpoint: 'http://127.0.0.1:8083',
    dynamoDbEndpoint: 'http://127.0.0.1:8000',
    snsEndpoint: 'http://127.0.0.1:8084',
    consoleUrl: 'http://127.0.0.1:8085',
    storefrontUrl: 'http://127.0.0.1:8086',
    stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:order-platform-local-order-workflow',
    eventLogGroups: ['/aws/events/order-platform-local-orders'],
  } satisfies BannerFacts;

  it('names where each part listens and gives an order to place, with a token and the ops commands', () => {
    const banner = readyBanner(platform, { options: {}, verbose: false, graceSeconds: 10 }, 2345);

    expect(banner).toContain('data in memory; ready in 2.3 s');
    expect(banner).toContain('curl -i -X POST http://127.0.0.1:3000/orders');
    expect(banner).toMatch(/-H 'Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+'/);
    expect(banner).toContain(`-d '${JSON.stringify(validOrderRequest())}'`);
    expect(banner).toContain('npm run ops -- executions --local\n');
    expect(banner).toContain(
      '--execution-arn arn:aws:states:eu-west-1:000000000000:execution:order-platform-local-order-workflow:$ORDER_ID',
    );
    // Pasted into a shell, a <placeholder> is a redirection from a file of that name.
    expect(banner).toContain('npm run ops -- history $ORDER_ID --local\n');
    expect(banner).not.toMatch(/<\w+>/);
    expect(banner).toContain(
      'logs filter-log-events --endpoint-url http://127.0.0.1:8084 \\\n' +
        '  --log-group-name /aws/events/order-platform-local-orders --filter-pattern "{ \\$.detail.orderId = \\"$ORDER_ID\\" }"',
    );
    expect(banner).toContain('POST /orders/{id}/cancel');
    expect(banner).toMatch(/Storefront {6}http:\/\/127\.0\.0\.1:8086 /);
    expect(banner).toContain('Payments        sandbox provider (tok_visa, tok_declined, …); `--payments stripe`');
  });

  it('needs no moved port on the ops commands (they read the stack file), only a --data-dir moved, and says where data is kept', () => {
    const banner = readyBanner(
      platform,
      { options: { persist: true, stepFunctionsPort: 9083, snsPort: 9084 }, verbose: false, graceSeconds: 10 },
      100,
    );

    expect(banner).toContain('data kept in .local (dynamodb, step-functions)');
    expect(
      readyBanner(
        platform,
        { options: { persist: true, dataDir: '/tmp/stack-1' }, verbose: false, graceSeconds: 1 },
        1,
      ),
    ).toContain('data kept in /tmp/stack-1 (dynamodb, step-functions)');
    expect(banner).toContain('npm run ops -- executions --local\n');
    expect(
      readyBanner(platform, { options: { dataDir: '/tmp/stack-1' }, verbose: false, graceSeconds: 1 }, 1),
    ).toContain('npm run ops -- history $ORDER_ID --local --data-dir /tmp/stack-1\n');
  });

  it('says when the payments go through the Stripe test server, and where it listens', () => {
    const banner = readyBanner(
      { ...platform, stripeUrl: 'http://127.0.0.1:41999' },
      { options: { payments: 'stripe' }, verbose: false, graceSeconds: 10 },
      1,
    );

    expect(banner).toContain(
      'Payments        http://127.0.0.1:41999   Stripe test server: PaymentIntents held, then captured',
    );
    expect(banner).not.toContain('sandbox provider');
  });

  it('logs a closed execution with its duration and readable failure, and an alert by topic', () => {
    const execution = {
      name: 'order-1',
      startDate: new Date(1_000),
      stopDate: new Date(1_250),
    };
    expect(closedExecutionLine({ ...execution, status: 'SUCCEEDED' })).toBe(
      '  [step-functions] order-1 SUCCEEDED in 250 ms',
    );
    expect(
      closedExecutionLine({
        ...execution,
        status: 'FAILED',
        error: 'OutOfStock',
        cause: JSON.stringify({ errorType: 'OutOfStock', errorMessage: 'Not enough stock: LT-006' }),
      }),
    ).toBe('  [step-functions] order-1 FAILED in 250 ms OutOfStock: Not enough stock: LT-006');
    expect(
      alertLine({ topicArn: 'arn:aws:sns:eu-west-1:0:alerts', subject: 'Order failed', message: '{}' } as never),
    ).toBe('  [sns] alerts: Order failed');
    expect(alertLine({ topicArn: 'arn:aws:sns:eu-west-1:0:alerts', message: 'plain' } as never)).toBe(
      '  [sns] alerts: plain',
    );
  });

  it('says what a --persist start found on disk, and what Ctrl-C waits for and left', () => {
    expect(restoredLines({ resumed: 0, closed: 0, problems: [] })).toEqual([]);
    expect(restoredLines({ resumed: 1, closed: 2, problems: ['/d/x.json: not JSON; skipped, left as it is'] })).toEqual(
      [
        '  [step-functions] from disk: 2 executions closed, 1 execution running resumed (each re-driven from its start).',
        '  [step-functions] skipped /d/x.json: not JSON; skipped, left as it is',
      ],
    );
    expect(stoppingLine('SIGINT', 0, 10)).toBe('\nSIGINT: no longer taking requests; stopping…');
    expect(stoppingLine('SIGTERM', 3, 10)).toBe(
      '\nSIGTERM: no longer taking requests; waiting up to 10 s for 3 executions still running (Ctrl-C again to stop them now)…',
    );
    expect(stoppedLine([], {})).toBe('Stopped: no execution was left running.');
    expect(stoppedLine([{ name: 'a' }, { name: 'b' }], {})).toBe(
      'Stopped: 2 executions did not finish in time, aborted (in memory: gone; start with --persist to keep them): a, b',
    );
    expect(stoppedLine([{ name: 'a' }], { persist: true })).toBe(
      'Stopped: 1 execution did not finish in time, kept RUNNING in .local/step-functions; the next --persist start resumes them: a',
    );
  });
});
