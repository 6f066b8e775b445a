import { abortableSleep, retryDelayMs } from './retries';

describe('retryDelayMs', () => {
  const now = Date.parse('2026-12-02T10:00:00.000Z');

  it('waits the seconds Retry-After gives', () => {
    expect(retryDelayMs('3', 1, 250, now)).toBe(3000);
    expect(retryDelayMs(' 0 ', 2, 250, now)).toBe(0);
  });

  it('waits until the HTTP date Retry-After gives, and not at all for a date past', () => {
    expect(retryDelayMs('Wed, 02 Dec 2026 10:00:05 GMT', 1, 250, now)).toBe(5000);
    expect(retryDelayMs('Wed, 02 Dec 2026 09:59:00 GMT', 1, 250, now)).toBe(0);
  });

  it('doubles the base delay per attempt made when there is no usable Retry-After', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(null, attempt, 250, now))).toEqual([250, 500, 1000]);
    expect(retryDelayMs('soon', 2, 100, now)).toBe(200);
  });
});

describe('abortableSleep', () => {
  it('resolves after the delay', async () => {
    const started = Date.now();
    await abortableSleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('rejects with the reason as soon as its signal is aborted', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });

  it('rejects at once when the signal was aborted already', async () => {
    await expect(abortableSleep(60_000, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});
