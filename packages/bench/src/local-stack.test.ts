import { auditOrders, type StoredOrder } from './local-stack';

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
