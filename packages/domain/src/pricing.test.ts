import type { Product } from './ports';
import { DEMO_CATALOG } from './demo-catalog';
import { UnknownSkuError, UnsupportedCurrencyError } from './errors';
import { priceOrder } from './pricing';

const catalog = new Map<string, Product>(DEMO_CATALOG.map((product) => [product.sku, product]));

describe('priceOrder', () => {
  it('prices every line from the catalog in the order currency', () => {
    const priced = priceOrder(
      [
        { sku: 'KB-001', quantity: 2 },
        { sku: 'CB-005', quantity: 3 },
      ],
      'USD',
      catalog,
    );

    expect(priced.lines).toEqual([
      { sku: 'KB-001', name: 'Mechanical keyboard', quantity: 2, unitPrice: { amount: 9900, currency: 'USD' } },
      { sku: 'CB-005', name: 'USB-C cable', quantity: 3, unitPrice: { amount: 1090, currency: 'USD' } },
    ]);
    expect(priced.total).toEqual({ amount: 2 * 9900 + 3 * 1090, currency: 'USD' });
  });

  it('names every unknown SKU', () => {
    const attempt = () =>
      priceOrder(
        [
          { sku: 'NOPE-1', quantity: 1 },
          { sku: 'KB-001', quantity: 1 },
          { sku: 'NOPE-2', quantity: 1 },
        ],
        'EUR',
        catalog,
      );
    expect(attempt).toThrow(UnknownSkuError);
    expect(attempt).toThrow('NOPE-1, NOPE-2');
  });

  it('rejects a currency the shop does not sell in', () => {
    expect(() => priceOrder([{ sku: 'KB-001', quantity: 1 }], 'JPY', catalog)).toThrow(UnsupportedCurrencyError);
  });

  it('rejects a supported currency that a product has no price in', () => {
    expect(() => priceOrder([{ sku: 'HD-004', quantity: 1 }], 'GBP', catalog)).toThrow(/HD-004/);
  });
});
