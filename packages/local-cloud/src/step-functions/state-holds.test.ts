import { createStateHolds } from './state-holds';

describe('holding executions before a state (a test hook)', () => {
  const calls: string[] = [];
  const handlers = {
    ConfirmPayment: async () => {
      calls.push('ConfirmPayment');
      return { outcome: 'AUTHORIZED', authorizationId: 'auth_1' };
    },
    ReserveStock: async () => {
      calls.push('ReserveStock');
      return {};
    },
  };
  const settledYet = async (promise: Promise<unknown>) =>
    Promise.race([promise.then(() => true), new Promise((resolve) => setImmediate(() => resolve(false)))]);

  beforeEach(() => {
    calls.length = 0;
  });

  it('runs nothing of the held state until released, then every held task, and the others meanwhile', async () => {
    const holds = createStateHolds();
    const wrapped = holds.wrap(handlers);
    const release = holds.holdBefore('ConfirmPayment');

    const held = [wrapped.ConfirmPayment?.({}), wrapped.ConfirmPayment?.({})] as Promise<unknown>[];
    await wrapped.ReserveStock?.({});

    expect(await settledYet(Promise.all(held))).toBe(false);
    expect(calls).toEqual(['ReserveStock']);

    release();
    expect(await Promise.all(held)).toEqual([
      { outcome: 'AUTHORIZED', authorizationId: 'auth_1' },
      { outcome: 'AUTHORIZED', authorizationId: 'auth_1' },
    ]);
    expect(calls).toEqual(['ReserveStock', 'ConfirmPayment', 'ConfirmPayment']);
  });

  it('holds nothing unless asked, and nothing more once released', async () => {
    const holds = createStateHolds();
    const wrapped = holds.wrap(handlers);

    expect(await wrapped.ConfirmPayment?.({})).toEqual({ outcome: 'AUTHORIZED', authorizationId: 'auth_1' });
    holds.holdBefore('ConfirmPayment')();
    expect(await settledYet(wrapped.ConfirmPayment?.({}) as Promise<unknown>)).toBe(true);
  });
});
