import type { Product } from './ports';

/** The catalog the local stack and the tests start from. */
export const DEMO_CATALOG: readonly Product[] = [
  { sku: 'KB-001', name: 'Mechanical keyboard', unitPrices: { EUR: 8900, USD: 9900, GBP: 7900 }, stock: 500 },
  { sku: 'MS-002', name: 'Wireless mouse', unitPrices: { EUR: 2900, USD: 3200, GBP: 2500 }, stock: 1000 },
  { sku: 'MN-003', name: '27-inch monitor', unitPrices: { EUR: 24900, USD: 27900, GBP: 21900 }, stock: 200 },
  { sku: 'HD-004', name: 'Noise-cancelling headphones', unitPrices: { EUR: 19900, USD: 21900 }, stock: 300 },
  { sku: 'CB-005', name: 'USB-C cable', unitPrices: { EUR: 990, USD: 1090, GBP: 890 }, stock: 5000 },
  { sku: 'LT-006', name: 'Limited-edition desk lamp', unitPrices: { EUR: 4900, USD: 5400, GBP: 4300 }, stock: 3 },
];
