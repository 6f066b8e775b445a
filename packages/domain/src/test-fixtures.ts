import type { CreateOrderRequest } from './schemas';

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
