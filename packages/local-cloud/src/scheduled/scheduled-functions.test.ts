import type { Json, LocalLambdas } from '../step-functions/local-task-handlers';
import type { FunctionDefinition } from '../step-functions/service-definition';
import { ratePeriodMs, startScheduledFunctions, type ScheduledRun } from './scheduled-functions';
import { scheduledRunLines } from './scheduled-run-lines';

const fn = (name: string, schedules?: string[]): FunctionDefinition => ({
  name,
  handler: `services/x/functions/${name}/handler.handler`,
  timeout: 6,
  ...(schedules ? { schedules } : {}),
});

/** Lambdas whose invocations wait until the test lets each one finish. */
const heldLambdas = () => {
  const invocations: { functionName: string; event: Json; finish: (result: Json | Error) => void }[] = [];
  const lambdas: LocalLambdas = {
    invoke: (functionName, event) =>
      new Promise((resolve, reject) => {
        invocations.push({
          functionName,
          event,
          finish: (result) => (result instanceof Error ? reject(result) : resolve(result)),
        });
      }),
  };
  return { lambdas, invocations };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ratePeriodMs', () => {
  it('reads EventBridge rate expressions, and nothing else', () => {
    expect(ratePeriodMs('rate(1 minute)')).toBe(60_000);
    expect(ratePeriodMs('rate(5 minutes)')).toBe(300_000);
    expect(ratePeriodMs('rate(2 hours)')).toBe(7_200_000);
    expect(ratePeriodMs('rate(1 day)')).toBe(86_400_000);
    expect(ratePeriodMs('rate(3 fortnights)')).toBeUndefined();
    expect(ratePeriodMs('cron(0 12 * * ? *)')).toBeUndefined();
  });
});

describe('scheduled functions', () => {
  afterEach(() => jest.useRealTimers());

  it('runs each function with a rate on it, with the event EventBridge sends, and never two runs at once', async () => {
    jest.useFakeTimers();
    const { lambdas, invocations } = heldLambdas();
    const runs: ScheduledRun[] = [];
    const scheduled = startScheduledFunctions({
      functions: {
        sweep: fn('svc-local-sweep', ['rate(1 minute)']),
        api: fn('svc-local-api'),
        nightly: fn('n', ['cron(0 1 * * ? *)']),
      },
      lambdas,
      region: 'eu-west-1',
      onRun: (run) => runs.push(run),
    });
    expect(scheduled.periods).toEqual({ sweep: 60_000 });

    jest.advanceTimersByTime(60_000);
    jest.advanceTimersByTime(60_000);
    await Promise.resolve();
    expect(invocations).toHaveLength(1);
    expect(invocations[0]).toMatchObject({
      functionName: 'svc-local-sweep',
      event: { source: 'aws.events', 'detail-type': 'Scheduled Event', region: 'eu-west-1', detail: {} },
    });

    invocations[0]?.finish({ started: ['o-1'] });
    jest.useRealTimers();
    await flush();
    expect(runs).toEqual([{ functionKey: 'sweep', result: { started: ['o-1'] } }]);
    await scheduled.stop();
  });

  it('runs a function now after the run under way, tells a failed run, and waits for runs when stopped', async () => {
    const { lambdas, invocations } = heldLambdas();
    const runs: ScheduledRun[] = [];
    const scheduled = startScheduledFunctions({
      functions: { sweep: fn('svc-local-sweep', ['rate(5 minutes)']) },
      lambdas,
      region: 'eu-west-1',
      onRun: (run) => runs.push(run),
    });

    const first = scheduled.runNow('sweep');
    const second = scheduled.runNow('sweep');
    await flush();
    expect(invocations).toHaveLength(1);
    invocations[0]?.finish(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await flush();
    expect(invocations).toHaveLength(2);

    const stopped = scheduled.stop();
    invocations[1]?.finish(null);
    await stopped;
    await expect(second).resolves.toBeNull();
    expect(runs).toEqual([
      { functionKey: 'sweep', error: new Error('boom') },
      { functionKey: 'sweep', result: null },
    ]);
    await expect(scheduled.runNow('other')).rejects.toThrow('other is not a scheduled function');
  });
});

describe('scheduledRunLines', () => {
  it('says what the reconciler started and alerted, nothing when it did nothing, and why a run failed', () => {
    expect(
      scheduledRunLines({
        functionKey: 'reconcileOrders',
        result: {
          examined: 3,
          started: ['o-1'],
          alerted: [{ orderId: 'o-2', orderStatus: 'PENDING', executionStatus: 'ABORTED' }],
        },
      }),
    ).toEqual([
      '  [reconcileOrders] o-1 was live with no execution: started it',
      '  [reconcileOrders] o-2 is PENDING but its execution is ABORTED: alerted ops',
    ]);
    expect(
      scheduledRunLines({ functionKey: 'reconcileOrders', result: { examined: 2, started: [], alerted: [] } }),
    ).toEqual([]);
    expect(scheduledRunLines({ functionKey: 'reconcileOrders', result: null })).toEqual([]);
    const failure = JSON.stringify({
      errorType: 'OrdersNotReconciled',
      errorMessage: '1 live order(s) could not be reconciled',
    });
    expect(scheduledRunLines({ functionKey: 'reconcileOrders', error: new Error(failure) })).toEqual([
      '  [reconcileOrders] failed: 1 live order(s) could not be reconciled',
    ]);
  });
});
