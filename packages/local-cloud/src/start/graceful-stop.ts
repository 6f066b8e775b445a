import type { LocalServices } from '../local-services';
import type { ExecutionRecord } from '../step-functions/local-executions';

/**
 * Ctrl-C on `npm start`: stop taking requests first (the HTTP API, then StartExecution), let the
 * running executions finish for up to `graceMs` (or until `cutShort` resolves: a second Ctrl-C),
 * then abort what is left and stop the rest, after the aborted executions' step handlers have
 * settled. Answers the executions it had to abort (with `persist`, RUNNING on disk).
 */
export const stopGracefully = async (
  stack: Pick<LocalServices, 'executions' | 'stopTakingRequests' | 'stop'>,
  { graceMs, cutShort = new Promise<void>(() => undefined) }: { graceMs: number; cutShort?: Promise<void> },
): Promise<ExecutionRecord[]> => {
  await stack.stopTakingRequests();
  await Promise.race([stack.executions.settledWithin(graceMs), cutShort]);
  const left = await stack.executions.abortAll();
  await stack.stop();
  return left;
};
