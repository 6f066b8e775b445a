import type { DynamoDbCall } from './dynamodb-recorder';
import { CUSTOMERS, PAGE_SIZE, scaleSection, type PageFigures } from './scale';

const call = (operation: string, itemsRead: number): DynamoDbCall => ({
  operation,
  tables: ['orders'],
  request: { Limit: PAGE_SIZE },
  status: 200,
  capacityUnits: 1,
  itemsRead,
  itemsWritten: 0,
});

const pages = (reads: [number, number], operation = 'Query'): PageFigures[] =>
  CUSTOMERS.map(({ customerId, orders }, i) => ({
    customerId,
    orders,
    page: 1,
    returned: PAGE_SIZE,
    calls: [call(operation, reads[i] as number)],
    ms: 1,
  }));

describe('the scale verdict', () => {
  it('is met when a page reads as many items for either customer, with one Query', () => {
    expect(scaleSection(pages([PAGE_SIZE, PAGE_SIZE])).met).toBe(true);
  });

  it("is missed when the larger history's page reads more", () => {
    expect(scaleSection(pages([10_000, PAGE_SIZE])).met).toBe(false);
  });

  it('is missed by any Scan, even one that read few items', () => {
    expect(scaleSection(pages([PAGE_SIZE, PAGE_SIZE], 'Scan')).met).toBe(false);
  });
});
