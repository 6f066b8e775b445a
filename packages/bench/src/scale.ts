import type { DynamoDbCall } from './dynamodb-recorder';
import type { BenchmarkSection } from './report';

// Scale: GET /orders for a customer with 10,000 orders and for one with 10. The handler's
// DynamoDB client goes through the recorder, which notes each request's operation, the items
// DynamoDB evaluated (ScannedCount) and the capacity it charged. A page must cost the same
// whatever the customer's history: one Query with a Limit, never a Scan. measure/scale.ts
// measures; this module holds the goal and the verdict.

export const PAGE_SIZE = 10;
export const CUSTOMERS = [
  { customerId: 'customer-with-10000-orders', orders: 10_000 },
  { customerId: 'customer-with-10-orders', orders: 10 },
] as const;

export interface PageFigures {
  readonly customerId: string;
  readonly orders: number;
  readonly page: number;
  readonly returned: number;
  readonly calls: readonly DynamoDbCall[];
  readonly ms: number;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export const scaleSection = (pages: readonly PageFigures[]): BenchmarkSection => {
  const rows = CUSTOMERS.map(({ customerId, orders }) => {
    const mine = pages.filter((page) => page.customerId === customerId);
    const calls = mine.flatMap((page) => page.calls);
    const first = mine[0] as PageFigures;
    const read = (page: PageFigures) => sum(page.calls.map((call) => call.itemsRead));
    const capacity = (page: PageFigures) => sum(page.calls.map((call) => call.capacityUnits));
    const full = mine.filter((page) => page.returned === PAGE_SIZE);
    const operations = [
      ...new Set(
        calls.map((call) => `${call.operation}${call.request.Limit ? ` (Limit ${String(call.request.Limit)})` : ''}`),
      ),
    ];
    return {
      customerId,
      firstPageRead: read(first),
      scans: calls.filter((call) => call.operation === 'Scan').length,
      oneCallPerPage: mine.every((page) => page.calls.length === 1),
      line: `| ${orders.toLocaleString('en')} | ${read(first)} | ${capacity(first)} | ${first.calls.length} | ${mine.length.toLocaleString('en')} | ${Math.min(...full.map(read))}–${Math.max(...full.map(read))} | ${Math.min(...full.map(capacity))}–${Math.max(...full.map(capacity))} | ${sum(mine.map(capacity))} | ${operations.join(', ')} |`,
    };
  });
  const [large, small] = rows as [(typeof rows)[number], (typeof rows)[number]];
  const met = large.firstPageRead === small.firstPageRead && rows.every((row) => row.scans === 0 && row.oneCallPerPage);
  return {
    goal: 'a page of `GET /orders` reads the same items for 10 and 10,000 orders, no Scan',
    met,
    markdown: `## Scale: a customer's orders

\`GET /orders?limit=${PAGE_SIZE}\` (the list-orders handler, its DynamoDB client going through a recorder
that asks DynamoDB for the consumed capacity of every request) for a customer with 10,000 orders and
one with 10, in a table holding both; then every following page by cursor. Items read is
DynamoDB's ScannedCount: what it evaluated, and billed, not only what it returned. Capacity is
read capacity units as dynalite computes them (eventually consistent index reads, 0.5 per 4 KB).

| customer's orders | first page: items read | first page: RCU | first page: DynamoDB requests | pages (to the end) | items read per full page | RCU per full page | RCU, all pages | operations |
| ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |
${rows.map((row) => row.line).join('\n')}

Goal: a page reads the same items whatever the customer's history, with one Query and no Scan: ${met ? '**met**' : '**missed**'}
(first page ${large.firstPageRead} and ${small.firstPageRead} items; Scans: ${large.scans + small.scans}).
The last page of a customer whose orders fill whole pages returns none: DynamoDB stops at the
Limit without knowing whether more follow.
`,
  };
};
