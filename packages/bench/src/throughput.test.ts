import type { LoadFigures } from './local-stack';
import { ordersPerSecond, throughputSection, type ThroughputFigures, type ThroughputRound } from './throughput';

describe('the verdict on local throughput against the baseline', () => {
  const load = (overrides: Partial<LoadFigures> = {}): LoadFigures => ({
    accepted: 1_000,
    rejected: [],
    retried: [],
    postsMs: 20_000,
    terminalMs: 40_000,
    p50: 900,
    p99: 1_800,
    max: 2_500,
    lost: 0,
    stuck: 0,
    statusCounts: { DISPATCHED: 920, 'FAILED (OutOfStock)': 40, 'FAILED (PaymentDeclined)': 40 },
    stockErrors: [],
    monitorsLeft: 0,
    ...overrides,
  });
  const figures = (ours: Partial<LoadFigures>, baseline: Partial<LoadFigures> = {}): ThroughputFigures => {
    const rounds: ThroughputRound[] = [
      { side: 'baseline', load: load(baseline) },
      { side: 'this', load: load(ours) },
      { side: 'baseline', load: load(baseline) },
      { side: 'this', load: load(ours) },
    ];
    return { baseline: { ref: 'main', commit: 'abc123' }, rounds, loadBefore: '5.0', loadAfter: '6.0' };
  };

  it('counts orders per second from the first POST to the last execution closed', () => {
    expect(ordersPerSecond(load({ terminalMs: 40_000 }))).toBe(25);
  });

  it('is met at twice the orders per second and half the p99, and shows every round', () => {
    const section = throughputSection(figures({ terminalMs: 20_000, p99: 900 }));
    expect(section.met).toBe(true);
    expect(section.markdown).toContain('| orders per second to terminal | 25.0 | 50.0 | 2.00× | ≥ 2× |');
    expect(section.markdown).toContain('| `POST /orders` p99 | 1800 ms | 900 ms | 0.50× | ≤ 0.5× |');
    expect(section.markdown.match(/^\| \d \| /gm)).toHaveLength(4);
  });

  it('is missed below twice the orders per second', () => {
    expect(throughputSection(figures({ terminalMs: 21_000, p99: 900 })).met).toBe(false);
  });

  it('is missed above half the p99', () => {
    expect(throughputSection(figures({ terminalMs: 20_000, p99: 950 })).met).toBe(false);
  });

  it('is missed by one lost or stuck order, or stock not conserved, however fast', () => {
    const fast = { terminalMs: 10_000, p99: 100 };
    expect(throughputSection(figures({ ...fast, lost: 1 })).met).toBe(false);
    expect(throughputSection(figures({ ...fast, stuck: 1 })).met).toBe(false);
    expect(throughputSection(figures({ ...fast, stockErrors: ['MN-003'] })).met).toBe(false);
  });

  it('is missed when this branch refused an order', () => {
    expect(throughputSection(figures({ terminalMs: 10_000, p99: 100, accepted: 999 })).met).toBe(false);
  });
});
