import { createLogger, invocationLogger, orderLogKeys, xrayTraceIdOf } from './logger';

const clock = () => new Date('2026-11-21T10:00:00.000Z');
const recorder = () => {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
};

describe('createLogger', () => {
  it('writes one JSON object per line: level, time, message, its keys and the extra keys', () => {
    const { lines, write } = recorder();
    const logger = createLogger({ keys: { service: 'order-platform' }, write, clock });

    logger.info('Order accepted', { total: 120 });

    expect(lines).toEqual([
      {
        level: 'INFO',
        timestamp: '2026-11-21T10:00:00.000Z',
        message: 'Order accepted',
        service: 'order-platform',
        total: 120,
      },
    ]);
  });

  it('carries appended keys on every later line', () => {
    const { lines, write } = recorder();
    const logger = createLogger({ write, clock });

    logger.info('Request received');
    logger.appendKeys(orderLogKeys('order-1'));
    logger.warn('Slow');
    logger.error('Failed');

    expect(lines.map((line) => [line.level, line.orderId, line.executionName])).toEqual([
      ['INFO', undefined, undefined],
      ['WARN', 'order-1', 'order-1'],
      ['ERROR', 'order-1', 'order-1'],
    ]);
  });

  it('writes errors with their name, message, stack and cause', () => {
    const { lines, write } = recorder();
    const cause = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

    createLogger({ write, clock }).error('Request failed', { error: new Error('Could not start', { cause }) });

    expect(lines[0]?.error).toEqual({
      name: 'Error',
      message: 'Could not start',
      stack: expect.stringContaining('Could not start'),
      cause: { name: 'ThrottlingException', message: 'Rate exceeded', stack: expect.any(String) },
    });
  });

  it('writes each line straight to stdout, where Lambda keeps it as one log event', () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    createLogger().info('Order accepted');

    expect(stdout).toHaveBeenCalledTimes(1);
    const written = String(stdout.mock.calls[0]?.[0]);
    expect(written.endsWith('}\n')).toBe(true);
    expect(JSON.parse(written)).toMatchObject({
      level: 'INFO',
      message: 'Order accepted',
      timestamp: expect.any(String),
    });
    stdout.mockRestore();
  });

  it('drops lines below its level', () => {
    const { lines, write } = recorder();
    const logger = createLogger({ level: 'ERROR', write, clock });

    logger.info('Order accepted');
    logger.warn('Slow');
    logger.error('Failed');

    expect(lines.map((line) => line.message)).toEqual(['Failed']);
  });
});

describe('invocationLogger', () => {
  it('names the service, the function, the request and the X-Ray trace of the invocation', () => {
    const { lines, write } = recorder();
    const env = {
      SERVICE_NAME: 'order-platform',
      _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    };

    invocationLogger(env, { write, clock })({ functionName: 'createOrder', awsRequestId: 'request-1' }).info('Hi');

    expect(lines[0]).toMatchObject({
      service: 'order-platform',
      functionName: 'createOrder',
      requestId: 'request-1',
      xrayTraceId: '1-5759e988-bd862e3fe1be46a994272793',
    });
  });

  it("follows Lambda's application log level, INFO when none is set", () => {
    const { lines, write } = recorder();
    const context = { functionName: 'createOrder' };

    invocationLogger({ AWS_LAMBDA_LOG_LEVEL: 'WARN' }, { write, clock })(context).info('Dropped');
    invocationLogger({ AWS_LAMBDA_LOG_LEVEL: 'warn' }, { write, clock })(context).warn('Kept');
    invocationLogger({}, { write, clock })(context).info('Kept too');

    expect(lines.map((line) => line.message)).toEqual(['Kept', 'Kept too']);
  });
});

describe('xrayTraceIdOf', () => {
  it('reads the root trace id, and nothing outside Lambda', () => {
    expect(xrayTraceIdOf('Root=1-abc-def;Parent=1;Sampled=0')).toBe('1-abc-def');
    expect(xrayTraceIdOf('Parent=1;Sampled=0')).toBeUndefined();
    expect(xrayTraceIdOf(undefined)).toBeUndefined();
  });
});
