import { matchesFilterPattern } from './filter-pattern';

const event = JSON.stringify({
  'detail-type': 'OrderDispatched',
  source: 'order-platform.orders',
  detail: { orderId: 'order-42', status: 'DISPATCHED', total: { amount: 14_700, currency: 'EUR' } },
});

describe('CloudWatch Logs filter patterns, as the local log groups read them', () => {
  it('matches every message with an empty pattern', () => {
    expect(matchesFilterPattern('', 'anything')).toBe(true);
    expect(matchesFilterPattern('   ', 'anything')).toBe(true);
  });

  it('wants every term, a quoted phrase as one term, and none of the -terms', () => {
    expect(matchesFilterPattern('OrderDispatched order-42', event)).toBe(true);
    expect(matchesFilterPattern('OrderDispatched order-43', event)).toBe(false);
    expect(matchesFilterPattern('"order-platform.orders"', event)).toBe(true);
    expect(matchesFilterPattern('"platform orders"', 'platform and orders')).toBe(false);
    expect(matchesFilterPattern('OrderDispatched -OrderFailed', event)).toBe(true);
    expect(matchesFilterPattern('order-42 -DISPATCHED', event)).toBe(false);
    // Terms are case-sensitive, as on CloudWatch Logs.
    expect(matchesFilterPattern('orderdispatched', event)).toBe(false);
  });

  it('compares a JSON field with = and != , * standing for any text', () => {
    expect(matchesFilterPattern('{ $.detail.orderId = "order-42" }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.detail.orderId = "order-4" }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.detail.orderId = "order-*" }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.detail.orderId = "*-4" }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.detail-type != "OrderFailed" }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.detail-type != "OrderDispatched" }', event)).toBe(false);
    // A field the event lacks is neither equal to nor different from a value.
    expect(matchesFilterPattern('{ $.detail.reason != "x" }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.detail.orderId = "order-42" }', 'not json')).toBe(false);
  });

  it('compares numbers, and joins selectors with && (each may be in parentheses)', () => {
    expect(matchesFilterPattern('{ $.detail.total.amount > 14699 }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.detail.total.amount > 14700 }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.detail.total.amount >= 14700 }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.detail.total.amount < 14700 }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.detail.total.amount <= 14700 }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.detail.total.amount = 14700 }', event)).toBe(true);
    expect(matchesFilterPattern('{ $.detail.total.amount != 14700 }', event)).toBe(false);
    expect(matchesFilterPattern('{ $.detail.status = 14700 }', event)).toBe(false);
    expect(
      matchesFilterPattern('{ ($.detail.status = "DISPATCHED") && ($.detail.total.currency = "EUR") }', event),
    ).toBe(true);
    expect(matchesFilterPattern('{ $.detail.status = "DISPATCHED" && $.detail.total.currency = "GBP" }', event)).toBe(
      false,
    );
  });

  it('refuses, by name, syntax it does not read rather than matching loosely', () => {
    expect(() => matchesFilterPattern('{ $.a = "x" || $.b = "y" }', event)).toThrow(/\|\|/);
    expect(() => matchesFilterPattern('{ $.a = "x"', event)).toThrow(/ends with \}/);
    expect(() => matchesFilterPattern('{ $.a > "x" }', event)).toThrow(/compares numbers/);
    expect(() => matchesFilterPattern('?ERROR ?WARN', event)).toThrow(/\?-alternatives/);
  });
});
