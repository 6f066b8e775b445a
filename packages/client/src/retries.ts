// Retrying what the API asks to be retried: 503 (the workflow could not start) and 429 (API
// Gateway's throttling), after the Retry-After it sends, and a request that never got an answer
// (fetch's TypeError). Every call of this client may be repeated safely: reads, cancelling (asking
// twice is harmless) and placing an order, whose Idempotency-Key is set once, before the first
// attempt, and so travels unchanged with each retry.

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** The wait before a retry when the answer has no Retry-After, doubled each time. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** The longest wait the client accepts; an answer asking for more is returned as it is. Default 10 s. */
  readonly maxDelayMs?: number;
}

export interface RetryDependencies {
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
}

const RETRYABLE_STATUSES = new Set([429, 503]);

/** Waits `ms`, or rejects with the signal's reason as soon as it is aborted. */
export const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * How long to wait before attempt `attempt + 1`: the Retry-After header (seconds, or an HTTP
 * date), else `baseDelayMs` doubled per attempt already made.
 */
export const retryDelayMs = (retryAfter: string | null, attempt: number, baseDelayMs: number, now: number): number => {
  if (retryAfter !== null) {
    const trimmed = retryAfter.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return baseDelayMs * 2 ** (attempt - 1);
};

const isNetworkFailure = (error: unknown): boolean => error instanceof TypeError;

/** A fetch that repeats the request on 429, 503 and network failures, as RetryOptions say. */
export const fetchWithRetries =
  (
    fetchImpl: (request: Request) => Promise<Response>,
    { maxAttempts = 3, baseDelayMs = 250, maxDelayMs = 10_000 }: RetryOptions = {},
    { sleep = abortableSleep, now = Date.now }: RetryDependencies = {},
  ) =>
  async (request: Request): Promise<Response> => {
    for (let attempt = 1; ; attempt += 1) {
      const isLast = attempt >= maxAttempts;
      let response: Response;
      try {
        response = await fetchImpl(isLast ? request : request.clone());
      } catch (error) {
        if (isLast || !isNetworkFailure(error) || request.signal.aborted) throw error;
        await sleep(retryDelayMs(null, attempt, baseDelayMs, now()), request.signal);
        continue;
      }
      if (isLast || !RETRYABLE_STATUSES.has(response.status)) return response;
      const delay = retryDelayMs(response.headers.get('retry-after'), attempt, baseDelayMs, now());
      if (delay > maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(delay, request.signal);
    }
  };
