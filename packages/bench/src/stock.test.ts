import type { DynamoDbCall } from './dynamodb-recorder';
import { costOf, FLASH_SALE, stockSection, type FlashSaleFigures, type LevelFigures } from './stock';

const call = (operation: string, capacityUnits: number): DynamoDbCall => ({
  operation,
  tables: ['stock'],
  request: {},
  status: 200,
  capacityUnits,
  itemsRead: 1,
  itemsWritten: operation === 'GetItem' ? 0 : 1,
});

const level = (inFlight: number, reserveWcu = 4, counterBytes = 65): LevelFigures => ({
  inFlight,
  reserve: { requests: 4, wcu: reserveWcu, rcu: 0 },
  commit: { requests: 1, wcu: 1, rcu: 0 },
  release: { requests: 7, wcu: 4, rcu: 3 },
  catalog: { requests: 2, wcu: 0, rcu: 14.5, itemsRead: 35 },
  counterBytes,
  holdBytes: 130,
});

const soldOut: FlashSaleFigures = {
  plan: { orders: FLASH_SALE.orders, units: FLASH_SALE.units, inFlight: FLASH_SALE.inFlight },
  placed: FLASH_SALE.orders,
  accepted: FLASH_SALE.orders,
  rejected: 0,
  dispatched: FLASH_SALE.units,
  failed: { OutOfStock: FLASH_SALE.orders - FLASH_SALE.units },
  moneyReturned: FLASH_SALE.orders - FLASH_SALE.units,
  stuck: 0,
  unitsLeft: 0,
  holdsLeft: 0,
  seconds: 100,
  perOrder: { requests: 20, wcu: 12, rcu: 8 },
  stockPerOrder: { requests: 2, wcu: 1.4, rcu: 0.5 },
};

describe('the stock verdict', () => {
  it('splits requests and capacity into writes and reads, per operation', () => {
    expect(costOf([call('UpdateItem', 1), call('PutItem', 1), call('GetItem', 0.5), call('GetItem', 0.5)], 2)).toEqual({
      requests: 2,
      wcu: 1,
      rcu: 0.5,
    });
  });

  it('is met when every level costs the same and the flash sale sells exactly its stock', () => {
    expect(stockSection([level(10), level(1_000), level(10_000)], soldOut).met).toBe(true);
  });

  it('is missed when a reservation costs more with more orders holding the SKU', () => {
    expect(stockSection([level(10), level(1_000, 39), level(10_000, 343)], soldOut).met).toBe(false);
  });

  it('is missed when a counter item grows with the orders holding the SKU', () => {
    expect(stockSection([level(10), level(1_000, 4, 40_000)]).met).toBe(false);
  });

  it.each([
    ['oversold', { dispatched: FLASH_SALE.units + 1, unitsLeft: -1 }],
    ['left an order stuck', { stuck: 1 }],
    ['left a hold neither committed nor released', { holdsLeft: 1 }],
    ['kept the money of a failed order', { moneyReturned: FLASH_SALE.orders - FLASH_SALE.units - 1 }],
    ['stopped early', { incomplete: '10 of 5000 orders placed within 1 minutes' }],
    [
      'was scaled down, however well it went',
      { plan: { orders: 1_000, units: 200, inFlight: 200 }, placed: 1_000, dispatched: 200, moneyReturned: 800 },
    ],
  ])('is missed when the flash sale %s', (_, change) => {
    const section = stockSection([level(10)], { ...soldOut, ...change });

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('**missed**');
  });
});
