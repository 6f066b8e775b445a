import type { TaskHandler } from './local-task-handlers';

/**
 * A test hook of the local stack: holds every execution that reaches a named Task state, before
 * its task runs, until the test releases it. A test that must see an execution RUNNING at a
 * given state (the ops console showing a status change) then waits on a fact instead of racing
 * a retry's jittered backoff. Nothing holds unless a test asks; `npm start` never does.
 */
export const createStateHolds = () => {
  const holds = new Map<string, Promise<void>>();
  return {
    /** Holds executions before `stateName` from now on; the returned function lets them all go on. */
    holdBefore(stateName: string): () => void {
      let release = () => undefined as void;
      holds.set(stateName, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        holds.delete(stateName);
        release();
      };
    },
    /** The handlers, each waiting first for any hold on its state. */
    wrap(handlers: Record<string, TaskHandler>): Record<string, TaskHandler> {
      return Object.fromEntries(
        Object.entries(handlers).map(([stateName, handler]): [string, TaskHandler] => [
          stateName,
          async (input) => {
            await holds.get(stateName);
            return handler(input);
          },
        ]),
      );
    },
  };
};
