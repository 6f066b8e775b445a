const MAX_ATTEMPTS = 5;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));

/**
 * Batch calls may hand back part of the batch under load: send what is left again, with backoff,
 * until nothing is left or the attempts run out.
 */
export const untilAllProcessed = async <T>(
  batch: T[],
  send: (pending: T[]) => Promise<T[] | undefined>,
  failure: (left: number) => string,
): Promise<void> => {
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt === MAX_ATTEMPTS) throw new Error(failure(pending.length));
    if (attempt > 0) await pause(attempt);
    pending = (await send(pending)) ?? [];
  }
};
