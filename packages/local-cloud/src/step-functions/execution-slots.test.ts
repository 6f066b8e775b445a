import { executionSlots } from './execution-slots';

const settledSoon = () => new Promise((resolve) => setImmediate(resolve));

describe('execution slots', () => {
  it('admits up to its limit at once and makes the rest wait, first come first served', async () => {
    const slots = executionSlots(2);
    const admitted: string[] = [];
    const take = (name: string) => slots.take().then((release) => (admitted.push(name), release));
    const [a, b] = await Promise.all([take('a'), take('b')]);
    const c = take('c');
    const d = take('d');
    await settledSoon();
    expect(admitted).toEqual(['a', 'b']);
    expect([slots.busy, slots.waiting]).toEqual([2, 2]);

    b?.();
    await settledSoon();
    expect(admitted).toEqual(['a', 'b', 'c']);
    expect([slots.busy, slots.waiting]).toEqual([2, 1]);

    a?.();
    await Promise.all([c, d]);
    expect(admitted).toEqual(['a', 'b', 'c', 'd']);
  });

  it('counts a slot given back twice once', async () => {
    const slots = executionSlots(1);
    const release = await slots.take();
    release();
    release();
    expect(slots.busy).toBe(0);
    const again = await slots.take();
    expect(slots.busy).toBe(1);
    const waiting = slots.take();
    await settledSoon();
    expect(slots.waiting).toBe(1);
    again();
    await waiting;
    expect([slots.busy, slots.waiting]).toEqual([1, 0]);
  });

  it('refuses a limit that admits nothing', () => {
    expect(() => executionSlots(0)).toThrow('limit must be a whole number ≥ 1, not 0');
    expect(() => executionSlots(1.5)).toThrow('not 1.5');
  });
});
