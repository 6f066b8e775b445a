/** Gives the slot back; a second call does nothing. */
export type ReleaseSlot = () => void;

export interface ExecutionSlots {
  /** Resolves once a slot is free, first come first served. */
  take(): Promise<ReleaseSlot>;
  /** Executions holding a slot now. */
  readonly busy: number;
  /** Executions waiting for one. */
  readonly waiting: number;
}

/**
 * At most `limit` executions advancing at once; the others wait, RUNNING, before their first
 * state. On a laptop the steps share two cores with everything else: with no limit, a burst of
 * orders starts hundreds of executions whose steps all share one thread, so every invocation
 * slows with the crowd until they run past their functions' timeouts (Sandbox.Timedout) and the
 * retries add to the crowd. Held back, each admitted execution runs at the pace it would alone
 * and the rest start as slots free: the same orders end, sooner, and none times out for the
 * laptop's sake. On AWS no such limit applies (an account runs a million open executions).
 */
export const executionSlots = (limit: number): ExecutionSlots => {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`executionSlots: limit must be a whole number ≥ 1, not ${limit}`);
  let busy = 0;
  const queue: ((release: ReleaseSlot) => void)[] = [];
  const releaser = (): ReleaseSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next) next(releaser());
      else busy -= 1;
    };
  };
  return {
    take: () => {
      if (busy < limit) {
        busy += 1;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve) => queue.push(resolve));
    },
    get busy() {
      return busy;
    },
    get waiting() {
      return queue.length;
    },
  };
};
