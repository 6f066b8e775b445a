import { anOrder, validOrderRequest } from './testing';
import { workflowInputFor } from './workflow-input';

describe('workflowInputFor', () => {
  const request = validOrderRequest();
  const order = anOrder({ orderId: 'o-1', customerId: 'c-1', createdAt: '2026-11-21T10:00:00.000Z' });

  it('serialises identically however the order object was assembled', () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value;
    const shuffled = reverseKeys(order) as typeof order;
    expect(Object.keys(shuffled)[0]).toBe('updatedAt');
    expect(JSON.stringify(workflowInputFor(shuffled))).toBe(JSON.stringify(workflowInputFor(order)));
  });

  it('keeps the second address line when there is one', () => {
    const withLine2 = anOrder({ shippingAddress: { ...order.shippingAddress, line2: 'Flat 3' } });
    expect(workflowInputFor(withLine2).shippingAddress).toEqual({ ...order.shippingAddress, line2: 'Flat 3' });
  });

  it('carries what the workflow needs and not the payment token', () => {
    expect(workflowInputFor(order)).toEqual({
      orderId: 'o-1',
      customerId: 'c-1',
      items: [
        { sku: 'KB-001', quantity: 1 },
        { sku: 'MS-002', quantity: 2 },
      ],
      total: { amount: 14700, currency: 'EUR' },
      shippingMethod: 'STANDARD',
      shippingAddress: request.shippingAddress,
      createdAt: '2026-11-21T10:00:00.000Z',
    });
  });
});
