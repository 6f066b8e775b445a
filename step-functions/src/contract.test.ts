import { anOrder, validOrderRequest } from '@order-platform/domain/testing';
import { OrderItemsStepInputSchema, OrderStepInputSchema, WorkflowInputSchema, workflowInputFor } from './contract';

describe('the steps that take the order, or its items', () => {
  it('takes an order id, and the order items where a step works on them', () => {
    expect(OrderStepInputSchema.safeParse({ orderId: 'order-1' }).success).toBe(true);
    expect(OrderStepInputSchema.safeParse({ orderId: '' }).success).toBe(false);
    expect(OrderStepInputSchema.safeParse({ orderId: 'order-1', executionName: 'order-1' }).success).toBe(true);
    expect(OrderStepInputSchema.safeParse({ orderId: 'order-1', executionName: '' }).success).toBe(false);
    expect(
      OrderItemsStepInputSchema.safeParse({ orderId: 'order-1', items: [{ sku: 'KB-001', quantity: 2 }] }).success,
    ).toBe(true);
  });

  it('refuses items no order can have: none, or a quantity below one', () => {
    expect(OrderItemsStepInputSchema.safeParse({ orderId: 'order-1', items: [] }).success).toBe(false);
    expect(
      OrderItemsStepInputSchema.safeParse({ orderId: 'order-1', items: [{ sku: 'KB-001', quantity: 0 }] }).success,
    ).toBe(false);
  });
});

describe('what the steps take, strictly', () => {
  it('refuses a field the contract does not name, so a definition that passes more fails loudly', () => {
    expect(OrderStepInputSchema.safeParse({ orderId: 'order-1', serviceLevel: 'EXPRESS' }).success).toBe(false);
  });
});

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
