/** Currencies the shop sells in. All of them have two minor-unit digits (cents, pence). */
export const SUPPORTED_CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export type Currency = (typeof SUPPORTED_CURRENCIES)[number];

/** An amount of money in integer minor units (1299 EUR = €12.99), never a float. */
export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

export const isSupportedCurrency = (code: string): code is Currency =>
  (SUPPORTED_CURRENCIES as readonly string[]).includes(code);

export const money = (amount: number, currency: Currency): Money => {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`Money must be a non-negative safe integer of minor units, got ${amount}`);
  }
  return { amount, currency };
};

export const multiply = (price: Money, quantity: number): Money => money(price.amount * quantity, price.currency);

export const sum = (amounts: readonly Money[], currency: Currency): Money =>
  amounts.reduce(
    (total, next) => {
      if (next.currency !== currency) {
        throw new RangeError(`Cannot add ${next.currency} to a ${currency} total`);
      }
      return money(total.amount + next.amount, currency);
    },
    money(0, currency),
  );
