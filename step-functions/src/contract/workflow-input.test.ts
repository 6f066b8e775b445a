import { anOrder, validOrderRequest } from '@order-platform/domain/testing';
import { WorkflowInputSchema, workflowInputFor } from './workflow-input';

describe('workflowInputFor', () => {
  const request = validOrderRequest();
  const order = anOrder({ orderId: 'o-1' });

  it('serialises identically however the order object was assembled', () => {
    const reverseKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reverseKeys);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reverseKeys(v)]),
      );
    };
    const shuffled = reverseKeys(order) as typeof order;
    expect(Object.keys(shuffled)[0]).toBe('updatedAt');
    expect(JSON.stringify(workflowInputFor(shuffled))).toBe(JSON.stringify(workflowInputFor(order)));
  });

  it('keeps the second address line when there is one', () => {
    const withLine2 = anOrder({ shippingAddress: { ...order.shippingAddress, line2: 'Flat 3' } });
    expect(workflowInputFor(withLine2).shippingAddress).toEqual({ ...order.shippingAddress, line2: 'Flat 3' });
  });

  it('carries what the workflow’s states read, and not the payment token', () => {
    const input = workflowInputFor(order);
    expect(input).toEqual({
      orderId: 'o-1',
      items: [
        { sku: 'KB-001', quantity: 1 },
        { sku: 'MS-002', quantity: 2 },
      ],
      shippingMethod: 'STANDARD',
      shippingAddress: request.shippingAddress,
    });
    expect(WorkflowInputSchema.safeParse(input).success).toBe(true);
  });
});
