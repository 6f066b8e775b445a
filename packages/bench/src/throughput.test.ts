import type { LoadFigures } from './local-stack';
import {
  measureRound,
  ordersPerSecond,
  throughputSection,
  type ThroughputFigures,
  type ThroughputRound,
} from './throughput';

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

  it('says, when missed, the CPU per order the goal would take on these cores', () => {
    const cpu = (stackMsPerOrder: number) => ({ stackMsPerOrder, machineBusy: 0.95, cores: 2 });
    // The baseline: 25 orders/s at 60 ms per order; this branch: 40 orders/s at 48 ms per order.
    const section = throughputSection(figures({ terminalMs: 25_000, cpu: cpu(48) }, { cpu: cpu(60) }));
    expect(section.met).toBe(false);
    expect(section.markdown).toContain("| CPU per order, the stack's processes | 60 ms | 48 ms | 0.80× | |");
    expect(section.markdown).toContain('| machine busy (all 2 cores) | 95% | 95% | | |');
    expect(section.markdown).toContain(
      "The stack's processes spent 48 ms of CPU per order on this branch (the baseline 60 ms), with the machine's 2 cores 95% busy over its rounds: at that cost 2 cores finish at most 41.7 orders/s, whatever runs in parallel. 2× the baseline's 25.0 orders/s on 2 cores needs at most 40 ms of CPU per order (1.2× less than this branch spends).",
    );
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

  describe('a round whose npm start never got ready', () => {
    const notReady = () =>
      Promise.reject(
        new Error(
          'npm start exited with 1: Cannot start: serverless-offline was not ready after 90s\nthe whole output',
        ),
      );

    it('is a failed round carrying the first line of its error, not a rejection', async () => {
      await expect(measureRound('baseline', notReady)).resolves.toEqual({
        side: 'baseline',
        failure: 'npm start exited with 1: Cannot start: serverless-offline was not ready after 90s',
      });
    });

    it('is a measured round when the load ran', async () => {
      await expect(measureRound('this', () => Promise.resolve(load()))).resolves.toEqual({
        side: 'this',
        load: load(),
      });
    });

    it('is reported and left out of the baseline means, and the verdict still stands on the rounds measured', async () => {
      const failed = await measureRound('baseline', notReady);
      const fast = load({ terminalMs: 20_000, p99: 900 });
      const section = throughputSection({
        ...figures({}),
        rounds: [
          failed,
          { side: 'this', load: fast },
          { side: 'baseline', load: load() },
          { side: 'this', load: fast },
        ],
      });
      expect(section.markdown).toContain(
        '| 1 | baseline abc123 | — | — | — | — | — | — | — | — | **failed**: npm start exited with 1: Cannot start: serverless-offline was not ready after 90s |',
      );
      expect(section.markdown).toContain(
        "Failed rounds (left out of the means): 1 of the baseline's, 0 of this branch's.",
      );
      expect(section.markdown).toContain('| orders per second to terminal | 25.0 | 50.0 | 2.00× | ≥ 2× |');
      expect(section.met).toBe(true);
    });

    it('misses the goal when a round of this branch failed', async () => {
      const fast = load({ terminalMs: 10_000, p99: 100 });
      const rounds: ThroughputRound[] = [
        { side: 'baseline', load: load() },
        { side: 'this', load: fast },
        { side: 'baseline', load: load() },
        await measureRound('this', notReady),
      ];
      expect(throughputSection({ ...figures({}), rounds }).met).toBe(false);
    });

    it('misses the goal, with dashes for the figures, when no baseline round was measured', async () => {
      const failed = await measureRound('baseline', notReady);
      const fast = load({ terminalMs: 10_000, p99: 100 });
      const section = throughputSection({
        ...figures({}),
        rounds: [failed, { side: 'this', load: fast }, failed, { side: 'this', load: fast }],
      });
      expect(section.met).toBe(false);
      expect(section.markdown).toContain('| orders per second to terminal | — | 100.0 | — | ≥ 2× |');
    });
  });
});
