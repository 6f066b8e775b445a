import { OrderItemsStepInputSchema, OrderStepInputSchema } from './order-steps';

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
