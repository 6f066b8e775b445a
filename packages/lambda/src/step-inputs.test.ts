import { OrderLinesStepInputSchema, OrderStepInputSchema } from './step-inputs';

describe('step inputs', () => {
  it('takes an order id, and the order lines where a step works on them', () => {
    expect(OrderStepInputSchema.safeParse({ orderId: 'order-1' }).success).toBe(true);
    expect(OrderStepInputSchema.safeParse({ orderId: '' }).success).toBe(false);
    expect(OrderStepInputSchema.safeParse({ orderId: 'order-1', executionName: 'order-1' }).success).toBe(true);
    expect(OrderStepInputSchema.safeParse({ orderId: 'order-1', executionName: '' }).success).toBe(false);
    expect(
      OrderLinesStepInputSchema.safeParse({ orderId: 'order-1', items: [{ sku: 'KB-001', quantity: 2 }] }).success,
    ).toBe(true);
  });

  it('refuses lines no order can have: none, or a quantity below one', () => {
    expect(OrderLinesStepInputSchema.safeParse({ orderId: 'order-1', items: [] }).success).toBe(false);
    expect(
      OrderLinesStepInputSchema.safeParse({ orderId: 'order-1', items: [{ sku: 'KB-001', quantity: 0 }] }).success,
    ).toBe(false);
  });
});
