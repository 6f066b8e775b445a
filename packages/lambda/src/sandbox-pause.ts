import type { Order } from '@order-platform/domain';

// The sandbox's way to hold an order at a known place for as long as a test needs to act on it
// there (to cancel it while its payment is held, say), without timing tricks in the test: an
// order whose shipping address's second line reads `SANDBOX PAUSE <Step>` waits at that step's
// checkpoint (its first look at the order, or for BookShipment, just before it hands the parcel
// to the carrier) for SANDBOX_STEP_PAUSE_SECONDS. Only the local and dev stages set it above 0
// (serverless.yml's `sandboxStepPauseSeconds`); on prod no order ever waits.

const PAUSE_MARK = /^SANDBOX PAUSE (\w+)$/;

/** Waits if the order asks this step to; answers whether it waited (so the step reads again). */
export type StepPause = (step: string, order: Pick<Order, 'shippingAddress'>) => Promise<boolean>;

export const noStepPause: StepPause = async () => false;

/** The stage's pause, from SANDBOX_STEP_PAUSE_SECONDS: none when unset or 0. */
export const sandboxStepPause = (
  seconds = Number(process.env.SANDBOX_STEP_PAUSE_SECONDS ?? 0),
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
): StepPause => {
  if (!(seconds > 0)) return noStepPause;
  return async (step, { shippingAddress }) => {
    if (PAUSE_MARK.exec(shippingAddress.line2 ?? '')?.[1] !== step) return false;
    await sleep(seconds * 1000);
    return true;
  };
};

/**
 * A step's first look at its order, with the sandbox's pause in it: read, wait if asked to, and
 * read again after the wait, so the step acts on the order as it is then.
 */
export const readOrderAt = async <T extends { readonly order: Pick<Order, 'shippingAddress'> }>(
  step: string,
  read: () => Promise<T | undefined>,
  pause: StepPause = noStepPause,
): Promise<T | undefined> => {
  const first = await read();
  return first !== undefined && (await pause(step, first.order)) ? read() : first;
};
