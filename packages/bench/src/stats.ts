// Small statistics for benchmark figures: nearest-rank percentiles over raw samples.

/** The nearest-rank percentile (p in 0–100) of the samples; they need not be sorted. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
};

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** A Fisher–Yates shuffle, so no bundle always runs first (or last) in a round. */
export const shuffled = <T>(items: readonly T[]): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

export const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;
