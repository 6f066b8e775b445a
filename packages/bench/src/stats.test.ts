import { median, percentile, shuffled } from './stats';

describe('percentile', () => {
  it('takes the nearest rank, whatever order the samples come in', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(median(samples)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('refuses to make up a figure from no samples', () => {
    expect(() => median([])).toThrow('percentile of no samples');
  });
});

describe('shuffled', () => {
  it('keeps every item exactly once and leaves the input alone', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const result = shuffled(items);
    expect([...result].sort((a, b) => a - b)).toEqual(items);
    expect(items).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
