import { isSupportedCurrency, money, multiply, sum } from './money';

describe('money', () => {
  it('keeps amounts as integer minor units', () => {
    expect(multiply(money(1299, 'EUR'), 3)).toEqual({ amount: 3897, currency: 'EUR' });
  });

  it('rejects fractional, negative and unsafe amounts', () => {
    expect(() => money(12.5, 'EUR')).toThrow(
      new RangeError('Money must be a non-negative safe integer of minor units, got 12.5'),
    );
    expect(() => money(-1, 'EUR')).toThrow(RangeError);
    expect(() => multiply(money(Number.MAX_SAFE_INTEGER, 'EUR'), 2)).toThrow(RangeError);
  });

  it('refuses to add amounts of different currencies', () => {
    expect(() => sum([money(100, 'EUR'), money(100, 'USD')], 'EUR')).toThrow(/USD/);
  });

  it('sums to zero when there is nothing to add', () => {
    expect(sum([], 'GBP')).toEqual({ amount: 0, currency: 'GBP' });
  });

  it('supports EUR, USD and GBP only', () => {
    expect(['EUR', 'USD', 'GBP', 'JPY', 'eur'].map(isSupportedCurrency)).toEqual([true, true, true, false, false]);
  });
});
