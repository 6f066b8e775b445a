import {
  MAX_WARM_RATIO,
  SAMPLED_REQUESTS,
  WARMUP_REQUESTS,
  warmOverheadSection,
  type WarmRequest,
} from './warm-overhead';

/** 100 samples: `typical` but for `slow` of them at `tail`, so p50 is `typical` and p99 is `tail` when slow ≥ 2. */
const samples = (typical: number, slow = 0, tail = typical) => [
  ...Array.from({ length: 100 - slow }, () => typical),
  ...Array.from({ length: slow }, () => tail),
];

const request = (overrides: Partial<WarmRequest> = {}): WarmRequest => ({
  route: 'GET /orders/{orderId}',
  handlerMs: samples(1.2),
  floorMs: samples(1),
  handlerCalls: ['GetItem'],
  floorCalls: ['GetItem'],
  ...overrides,
});

describe('the warm-overhead verdict', () => {
  it(`is met when every route is within ${MAX_WARM_RATIO}× its floor at p50 and p99, with the same DynamoDB calls`, () => {
    const section = warmOverheadSection([
      request(),
      request({
        route: 'POST /orders',
        handlerMs: samples(2.6),
        floorMs: samples(2),
        handlerCalls: ['GetItem', 'BatchGetItem', 'PutItem'],
        floorCalls: ['GetItem', 'BatchGetItem', 'PutItem'],
      }),
    ]);

    expect(section.met).toBe(true);
    expect(section.goal).toBe(
      'warm `GET /orders/{orderId}` and `POST /orders` ≤ 1.3× the raw DynamoDB calls, p50 and p99',
    );
    expect(section.markdown).toContain(
      '| `GET /orders/{orderId}` | 1.20 ms / 1.00 ms = 1.20× | 1.20 ms / 1.00 ms = 1.20× | GetItem | met |',
    );
    expect(section.markdown).toContain(
      '| `POST /orders` | 2.60 ms / 2.00 ms = 1.30× | 2.60 ms / 2.00 ms = 1.30× | GetItem → BatchGetItem → PutItem | met |',
    );
  });

  it('is missed by a route over the ratio at p50', () => {
    const section = warmOverheadSection([request({ handlerMs: samples(1.31) })]);

    expect(section.met).toBe(false);
    expect(section.markdown).toContain(
      '| 1.31 ms / 1.00 ms = 1.31× | 1.31 ms / 1.00 ms = 1.31× | GetItem | **missed** |',
    );
  });

  it('is missed by a tail over the ratio at p99, though p50 is within it', () => {
    const section = warmOverheadSection([request({ handlerMs: samples(1.2, 2, 5), floorMs: samples(1, 2, 1.5) })]);

    expect(section.met).toBe(false);
    expect(section.markdown).toContain(
      '| 1.20 ms / 1.00 ms = 1.20× | 5.00 ms / 1.50 ms = 3.33× | GetItem | **missed** |',
    );
  });

  it('is missed when the handler sends DynamoDB other requests than its floor, however fast, and shows both', () => {
    const section = warmOverheadSection([
      request({ handlerMs: samples(1), handlerCalls: ['GetItem', 'Query'], floorCalls: ['GetItem'] }),
    ]);

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('| GetItem → Query (floor: GetItem) | **missed** |');
  });

  it('says how many warm-up requests and sampled pairs the figures come from', () => {
    const { markdown } = warmOverheadSection([request()]);

    expect(markdown).toContain(`after\n${WARMUP_REQUESTS} warm-up requests each`);
    expect(markdown).toContain(`${SAMPLED_REQUESTS.toLocaleString('en')} pairs per route`);
    expect(markdown).toContain('2,000 pairs per route');
  });
});
