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
    const section = scaleSection(pages([PAGE_SIZE, PAGE_SIZE], 'Scan'));

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('(first page 10 and 10 items; Scans: 2)');
  });

  it('is missed when a page takes more than one DynamoDB request', () => {
    const [large, small] = pages([PAGE_SIZE, PAGE_SIZE]) as [PageFigures, PageFigures];
    const section = scaleSection([{ ...large, calls: [...large.calls, call('Query', 0)] }, small]);

    expect(section.met).toBe(false);
    expect(section.markdown).toContain('| 10,000 | 10 | 2 | 2 | 1 |');
  });

  it("sums every customer's pages, and ranges the full ones", () => {
    const [, small] = pages([PAGE_SIZE, PAGE_SIZE]) as [PageFigures, PageFigures];
    const customerId = CUSTOMERS[0].customerId;
    const page = (n: number, returned: number, itemsRead: number, capacityUnits: number): PageFigures => ({
      customerId,
      orders: 10_000,
      page: n,
      returned,
      calls: [{ ...call('Query', itemsRead), capacityUnits }],
      ms: 2,
    });
    const section = scaleSection([page(1, 10, 10, 1), page(2, 10, 12, 1.5), page(3, 0, 0, 0.5), small]);

    expect(section.met).toBe(true);
    expect(section.goal).toBe('a page of `GET /orders` reads the same items for 10 and 10,000 orders, no Scan');
    expect(section.markdown).toContain('| 10,000 | 10 | 1 | 1 | 3 | 10–12 | 1–1.5 | 3 | Query (Limit 10) |');
    expect(section.markdown).toContain('| 10 | 10 | 1 | 1 | 1 | 10–10 | 1–1 | 1 | Query (Limit 10) |');
    expect(section.markdown).toContain('no Scan: **met**\n(first page 10 and 10 items; Scans: 0)');
  });

  it('names each operation once, with its Limit when it had one', () => {
    const [large, small] = pages([PAGE_SIZE, PAGE_SIZE]) as [PageFigures, PageFigures];
    const unlimited = { ...call('Scan', 20_010), request: {} };
    const section = scaleSection([{ ...large, calls: [unlimited] }, small]);

    expect(section.markdown).toContain('| 20010 | 1 | 1 | 1 | 20010–20010 | 1–1 | 1 | Scan |');
    expect(section.markdown).toContain('no Scan: **missed**');
  });
});
