import { anOrder } from '@order-platform/domain/testing';
import { noStepPause, readOrderAt, sandboxStepPause } from './sandbox-pause';

const marked = (line2: string) => ({ shippingAddress: { ...anOrder().shippingAddress, line2 } });

describe('the sandbox’s step pause', () => {
  it('waits the stage’s seconds at the step the order names, and nowhere else', async () => {
    const slept: number[] = [];
    const pause = sandboxStepPause(3, async (ms) => {
      slept.push(ms);
    });

    expect(await pause('ReserveStock', marked('SANDBOX PAUSE ReserveStock'))).toBe(true);
    expect(await pause('BookShipment', marked('SANDBOX PAUSE ReserveStock'))).toBe(false);
    expect(await pause('ReserveStock', marked('Flat 2'))).toBe(false);
    expect(await pause('ReserveStock', anOrder())).toBe(false);
    expect(slept).toEqual([3000]);
  });

  it.each([0, Number.NaN, -1])('never waits on a stage that sets %p seconds (prod sets 0)', async (seconds) => {
    const sleep = jest.fn();

    expect(await sandboxStepPause(seconds, sleep)('ReserveStock', marked('SANDBOX PAUSE ReserveStock'))).toBe(false);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('reads the order from SANDBOX_STEP_PAUSE_SECONDS by default, and with it unset, never waits', async () => {
    delete process.env.SANDBOX_STEP_PAUSE_SECONDS;
    expect(await sandboxStepPause()('ReserveStock', marked('SANDBOX PAUSE ReserveStock'))).toBe(false);
  });

  it('has a step read its order again after waiting, so it acts on the order as it is then', async () => {
    const reads = ['before', 'after'].map((state) => ({ order: marked('SANDBOX PAUSE ConfirmPayment'), state }));
    const read = jest.fn(async () => reads.shift());

    const paused = await readOrderAt(
      'ConfirmPayment',
      read,
      sandboxStepPause(1, async () => undefined),
    );

    expect(paused?.state).toBe('after');
    expect(read).toHaveBeenCalledTimes(2);
    expect(await readOrderAt('ConfirmPayment', async () => undefined, noStepPause)).toBeUndefined();
  });

  it('reads the order once when the step does not wait: one read per step, as without the sandbox', async () => {
    const read = jest.fn(async () => ({ order: marked('SANDBOX PAUSE BookShipment'), state: 'only' }));

    expect(
      await readOrderAt(
        'ConfirmPayment',
        read,
        sandboxStepPause(1, async () => undefined),
      ),
    ).toMatchObject({
      state: 'only',
    });
    expect(read).toHaveBeenCalledTimes(1);
  });
});
