import type { Product } from './ports';
import { UnknownSkuError, UnsupportedCurrencyError } from './errors';
import { isSupportedCurrency, money, multiply, sum, type Currency, type Money } from './money';
import type { OrderLine } from './order';
import type { CreateOrderRequest } from './order';

export interface PricedOrder {
  readonly currency: Currency;
  readonly lines: readonly OrderLine[];
  readonly total: Money;
}

/**
 * Prices the requested lines from the catalog. The client never sends prices: a line costs the
 * catalog's unit price in the order's currency times its quantity.
 */
export const priceOrder = (
  items: CreateOrderRequest['items'],
  currency: string,
  catalog: ReadonlyMap<string, Product>,
): PricedOrder => {
  const unknown = items.filter((line) => !catalog.has(line.sku)).map((line) => line.sku);
  if (unknown.length > 0) throw new UnknownSkuError(unknown);
  if (!isSupportedCurrency(currency)) throw new UnsupportedCurrencyError(currency);

  const unpriced = items.filter((line) => catalog.get(line.sku)?.unitPrices[currency] === undefined);
  if (unpriced.length > 0) {
    throw new UnsupportedCurrencyError(
      currency,
      unpriced.map((line) => line.sku),
    );
  }

  const lines = items.map((line): OrderLine => {
    const product = catalog.get(line.sku) as Product;
    return {
      sku: product.sku,
      name: product.name,
      quantity: line.quantity,
      unitPrice: money(product.unitPrices[currency] as number, currency),
    };
  });
  const total = sum(
    lines.map((line) => multiply(line.unitPrice, line.quantity)),
    currency,
  );
  return { currency, lines, total };
};
