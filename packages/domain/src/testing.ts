import { DEMO_CATALOG } from './catalog';
import { newOrder } from './order';
import { priceOrder } from './pricing';
import type { CreateOrderRequest, Order } from './schemas';

// Builders for tests across the workspaces (imported as @order-platform/domain/testing).

/** A valid order request; tests override what they are about. */
export const validOrderRequest = (overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest => ({
  items: [
    { sku: 'KB-001', quantity: 1 },
    { sku: 'MS-002', quantity: 2 },
  ],
  currency: 'EUR',
  shippingMethod: 'STANDARD',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Analytical Way',
    city: 'London',
    postalCode: 'N1 9GU',
    country: 'GB',
  },
  payment: { token: 'tok_visa' },
  ...overrides,
});

let sequence = 0;

/** A priced PENDING order as the create-order use case would store it. */
export const anOrder = (overrides: Partial<Order> = {}): Order => {
  sequence += 1;
  const request = validOrderRequest();
  return {
    ...newOrder({
      orderId: `order-${sequence}`,
      customerId: 'customer-1',
      request,
      priced: priceOrder(request.items, request.currency, new Map(DEMO_CATALOG.map((p) => [p.sku, p]))),
      now: new Date(Date.UTC(2026, 10, 21, 10, 0, 0, sequence)),
    }),
    ...overrides,
  };
};
