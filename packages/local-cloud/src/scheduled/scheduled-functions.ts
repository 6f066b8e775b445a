import { randomUUID } from 'node:crypto';
import type { Json, LocalLambdas } from '../step-functions/local-task-handlers';
import { LOCAL_ACCOUNT_ID } from '../step-functions/render-definition';
import type { FunctionDefinition } from '../step-functions/service-definition';

const UNIT_MS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** The period of an EventBridge `rate(N unit)` expression; `undefined` for anything else (cron). */
export const ratePeriodMs = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (\w+)\)$/.exec(expression.trim());
  const unit = match?.[2] === undefined ? undefined : UNIT_MS[match[2]];
  return match && unit !== undefined ? Number(match[1]) * unit : undefined;
};

/** One run of a scheduled function: what its handler answered, or the error it failed with. */
export type ScheduledRun =
  { readonly functionKey: string; readonly result: unknown } | { readonly functionKey: string; readonly error: Error };

export interface ScheduledFunctions {
  /** Each function with a `rate(...)` schedule, by key, and its period in milliseconds. */
  readonly periods: Readonly<Record<string, number>>;
  /** Runs the function as its schedule would, now (after a run under way); answers its result. */
  runNow(functionKey: string): Promise<unknown>;
  /** Stops the timers and waits for runs under way. */
  stop(): Promise<void>;
}

/** What EventBridge sends a function on its schedule. */
const scheduledEvent = (region: string, functionKey: string): Json => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: LOCAL_ACCOUNT_ID,
  time: new Date().toISOString(),
  region,
  resources: [`arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${functionKey}-schedule`],
  detail: {},
});

/**
 * Runs the functions that have a `schedule` event in serverless.yml (serverless-offline runs none)
 * in this process, each on its rate, with the event EventBridge sends. Runs of one function never
 * overlap: a tick that finds one under way is skipped. The timers do not keep the process alive.
 */
export const startScheduledFunctions = ({
  functions,
  lambdas,
  region,
  onRun = () => undefined,
}: {
  functions: Readonly<Record<string, FunctionDefinition>>;
  lambdas: LocalLambdas;
  region: string;
  onRun?: (run: ScheduledRun) => void;
}): ScheduledFunctions => {
  const periods = Object.fromEntries(
    Object.entries(functions).flatMap(([key, fn]) =>
      (fn.schedules ?? []).flatMap((expression) => {
        const period = ratePeriodMs(expression);
        return period === undefined ? [] : [[key, period] as const];
      }),
    ),
  );
  const underWay = new Map<string, Promise<unknown>>();

  const run = (functionKey: string): Promise<unknown> => {
    const fn = functions[functionKey];
    if (!fn || periods[functionKey] === undefined) {
      return Promise.reject(new Error(`${functionKey} is not a scheduled function`));
    }
    const invoke = () => lambdas.invoke(fn.name, scheduledEvent(region, functionKey));
    const previous = underWay.get(functionKey);
    const next = previous ? previous.catch(() => undefined).then(invoke) : invoke();
    underWay.set(functionKey, next);
    next.then(
      (result) => onRun({ functionKey, result }),
      (error: Error) => onRun({ functionKey, error }),
    );
    void next
      .catch(() => undefined)
      .then(() => {
        if (underWay.get(functionKey) === next) underWay.delete(functionKey);
      });
    return next;
  };

  const timers = Object.entries(periods).map(([functionKey, period]) =>
    setInterval(() => {
      if (!underWay.has(functionKey)) run(functionKey).catch(() => undefined);
    }, period).unref(),
  );

  return {
    periods,
    runNow: run,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...underWay.values()]);
    },
  };
};
