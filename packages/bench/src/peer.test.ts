import { meanBilledMs, peerSection, type BuildFigures, type PeerComparison } from './peer';

const figures = (overrides: Partial<BuildFigures>): BuildFigures => ({
  bytes: 250_000,
  importMs: [40, 42, 44],
  warmMs: [5, 6, 7, 8],
  logBytesPerRequest: 400,
  ...overrides,
});

const comparison = (
  functionName: PeerComparison['functionName'],
  oursImport: number,
  peerImport: number,
): PeerComparison => ({
  functionName,
  route: functionName === 'createOrder' ? 'POST /orders' : 'GET /orders/{orderId}',
  ours: figures({ importMs: [oursImport] }),
  peer: figures({ bytes: 600_000, importMs: [peerImport], logBytesPerRequest: 600 }),
});

describe('the peer comparison', () => {
  it('is met when ours imports in at most 0.6× the peer’s time, for both functions', () => {
    const section = peerSection({
      comparisons: [comparison('createOrder', 60, 100), comparison('getOrder', 30, 100)],
      load: [3, 4],
    });

    expect(section.met).toBe(true);
    expect(section.markdown).toContain('createOrder 0.60×, getOrder 0.30×, **met**');
    expect(section.markdown).toContain('| createOrder | ours | 250 KB | 60.0 ms | 6.00 ms | 8.00 ms | 400 B |');
    expect(section.markdown).toContain('| createOrder | peer | 600 KB | 100.0 ms |');
    expect(section.markdown).toContain('load average 3.0 before and 4.0 after');
  });

  it('is missed, and names the function, when one imports in more than 0.6× the peer’s time', () => {
    const section = peerSection({
      comparisons: [comparison('createOrder', 61, 100), comparison('getOrder', 30, 100)],
      load: [3, 4],
    });

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('**missed** (createOrder)');
  });
});

describe('billed Lambda milliseconds', () => {
  it('rounds each invocation up to the next millisecond before averaging, as Lambda bills', () => {
    expect(meanBilledMs([1.2, 2.0, 3.01])).toBe((2 + 2 + 4) / 3);
    expect(meanBilledMs([])).toBe(0);
  });
});
