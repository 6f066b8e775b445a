import { cpus } from 'node:os';
import {
  auditOrders,
  IN_FLIGHT,
  localStackSections,
  ORDERS,
  STARTS,
  type LoadFigures,
  type LocalStackFigures,
  type StoredOrder,
} from './local-stack';

describe('the audit of the tables after the load', () => {
  const seeded = [
    { sku: 'CB-005', stock: 10 },
    { sku: 'MN-003', stock: 5 },
    { sku: 'KB-001', stock: 3 },
    { sku: 'LT-006', stock: 3 },
  ];
  const dispatched = (...skus: string[]): StoredOrder => ({
    status: 'DISPATCHED',
    items: skus.map((sku) => ({ sku, quantity: 1 })),
  });
  const clean = {
    accepted: ['o1', 'o2', 'o3'],
    orders: new Map<string, StoredOrder>([
      ['o1', dispatched('CB-005', 'MN-003')],
      ['o2', dispatched('CB-005', 'KB-001')],
      ['o3', { status: 'FAILED', failure: { error: 'OutOfStock' } }],
    ]),
    executions: [
      { name: 'o1', status: 'SUCCEEDED' as const },
      { name: 'o2', status: 'SUCCEEDED' as const },
      { name: 'o3', status: 'FAILED' as const },
    ],
    seeded,
    stockLeft: new Map([
      ['CB-005', 8],
      ['MN-003', 4],
      ['KB-001', 2],
      ['LT-006', 3],
    ]),
  };

  const ordersWith = (...more: [string, StoredOrder][]) => new Map([...clean.orders, ...more]);

  it('finds nothing lost or stuck, and stock conserved, when every accepted order ended and its units left stock', () => {
    expect(auditOrders(clean)).toEqual({
      lost: 0,
      stuck: 0,
      statusCounts: { DISPATCHED: 2, 'FAILED (OutOfStock)': 1 },
      stockErrors: [],
      monitorsLeft: 4,
    });
  });

  it('counts an accepted order lost when it has no record or no execution', () => {
    const audit = auditOrders({
      ...clean,
      accepted: [...clean.accepted, 'no-record', 'no-execution'],
      orders: ordersWith(['no-execution', { status: 'FAILED' }]),
    });

    expect(audit.lost).toBe(2);
    // Without a record, it did not end either; a FAILED order without its error is shown as such.
    expect(audit.stuck).toBe(1);
    expect(audit.statusCounts).toEqual({ DISPATCHED: 2, 'FAILED (OutOfStock)': 1, 'FAILED (?)': 1, undefined: 1 });
  });

  it('counts an accepted order stuck when it is not DISPATCHED or FAILED, or its execution is still running', () => {
    const audit = auditOrders({
      ...clean,
      accepted: [...clean.accepted, 'o4', 'o5'],
      orders: ordersWith(['o4', { status: 'PAYMENT_CONFIRMED' }], ['o5', { status: 'FAILED' }]),
      executions: [...clean.executions, { name: 'o4', status: 'SUCCEEDED' }, { name: 'o5', status: 'RUNNING' }],
    });

    expect(audit).toMatchObject({ lost: 0, stuck: 2 });
    expect(audit.statusCounts).toMatchObject({ PAYMENT_CONFIRMED: 1 });
  });

  it('names every SKU whose stock is not conserved, fell below 0, or is missing from the catalog', () => {
    const audit = auditOrders({
      ...clean,
      // o6 is dispatched, but none of its cable left the stock; the monitors went below 0.
      accepted: [...clean.accepted, 'o6'],
      orders: ordersWith(['o6', dispatched('CB-005')], ['o7', { status: 'DISPATCHED' }]),
      executions: [...clean.executions, { name: 'o6', status: 'SUCCEEDED' }],
      stockLeft: new Map([
        ['CB-005', 8],
        ['MN-003', -1],
      ]),
    });

    expect(audit.stockErrors).toEqual(['CB-005', 'MN-003', 'KB-001', 'LT-006']);
    expect(audit.monitorsLeft).toBe(-1);
  });

  it('names a SKU sold below 0, though what is left and what was dispatched add up to the stock seeded', () => {
    const audit = auditOrders({
      ...clean,
      accepted: [...clean.accepted, 'o8'],
      orders: ordersWith(['o8', dispatched('KB-001', 'KB-001', 'KB-001')]),
      executions: [...clean.executions, { name: 'o8', status: 'SUCCEEDED' }],
      stockLeft: new Map([...clean.stockLeft, ['KB-001', -1]]),
    });

    expect(audit.stockErrors).toEqual(['KB-001']);
  });

  it('takes a monitor count that is not in the catalog as not a number', () => {
    expect(auditOrders({ ...clean, stockLeft: new Map() }).monitorsLeft).toBeNaN();
  });
});

describe('the local-stack verdict', () => {
  const load = (overrides: Partial<LoadFigures> = {}): LoadFigures => ({
    accepted: 1_000,
    rejected: [],
    retried: [],
    postsMs: 12_345,
    terminalMs: 20_000,
    p50: 41.26,
    p99: 180.04,
    max: 250.5,
    lost: 0,
    stuck: 0,
    statusCounts: { 'FAILED (PaymentDeclined)': 40, DISPATCHED: 900, 'FAILED (OutOfStock)': 60 },
    stockErrors: [],
    monitorsLeft: 0,
    ...overrides,
  });
  const figures = (overrides: Partial<LoadFigures> = {}): LocalStackFigures => ({
    readyTimes: [3_000, 2_500, 4_000],
    load: load(overrides),
  });

  it('is met with nothing lost or stuck and stock conserved, and shows the figures', () => {
    const section = localStackSections(figures());

    expect(section.met).toBe(true);
    expect(section.goal).toBe('no accepted order lost or stuck, stock conserved, under load on the local stack');
    expect(section.markdown).toContain('| 3.00 s | 2.50 s | 4.00 s |');
    expect(section.markdown).toContain(`## ${ORDERS.toLocaleString('en')} orders, ${IN_FLIGHT} in flight`);
    expect(section.markdown).toContain(`${STARTS} cold starts`);
    expect(section.markdown).toContain('| orders accepted (202) | 1000 of 1000 |');
    expect(section.markdown).toContain('| POSTs retried by the client (same key) | 0 |');
    expect(section.markdown).toContain(
      '| orders per second to terminal state | 50.0 (20.00 s from the first POST to the last execution closed) |',
    );
    expect(section.markdown).toContain('| `POST /orders` p50 | 41.3 ms |');
    expect(section.markdown).toContain('| `POST /orders` p99 | 180.0 ms (max 250.5 ms) |');
    expect(section.markdown).toContain('| all POSTs answered in | 12.35 s |');
    expect(section.markdown).toContain(
      '| final order statuses | DISPATCHED 900, FAILED (OutOfStock) 60, FAILED (PaymentDeclined) 40 |',
    );
    expect(section.markdown).toContain('| yes, for every SKU (monitors left: 0) |');
    expect(section.markdown).toContain(`on ${cpus().length} cores`);
  });

  it('shows why orders were refused or retried, each reason once', () => {
    const { markdown } = localStackSections(
      figures({
        accepted: 998,
        rejected: ['409 Conflict', '409 Conflict'],
        retried: ['503 Service Unavailable', '503 Service Unavailable', '502 Bad Gateway'],
      }),
    );

    expect(markdown).toContain('| orders accepted (202) | 998 of 1000 (refused: 409 Conflict) |');
    expect(markdown).toContain(
      '| POSTs retried by the client (same key) | 3 (503 Service Unavailable; 502 Bad Gateway) |',
    );
  });

  it('is missed by one lost order', () => {
    const section = localStackSections(figures({ lost: 1 }));

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('| orders lost (accepted, but no order record or no execution) | 1 |');
  });

  it('is missed by one stuck order', () => {
    const section = localStackSections(figures({ stuck: 2 }));

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('| orders stuck (not DISPATCHED or FAILED, or execution still running) | 2 |');
  });

  it('is missed when stock was not conserved, and names the SKUs', () => {
    const section = localStackSections(figures({ stockErrors: ['MN-003', 'CB-005'], monitorsLeft: -2 }));

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('| NO: MN-003, CB-005 (monitors left: -2) |');
  });
});
