import { buildInvoice } from '@order-platform/domain';
import { anOrder } from '@order-platform/domain/testing';
import { createDocumentClient } from '@order-platform/persistence';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import { buildInvoiceStore } from './invoice-store';
import type { InvoiceStore } from './ports';

const TABLE = 'invoices-test';

describe('invoice store on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let store: InvoiceStore;

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, { InvoicesTable: TABLE });
    store = buildInvoiceStore(createDocumentClient(dynamodb.client), TABLE);
  });

  afterAll(() => dynamodb.stop());

  it('stores one invoice per order: issuing again answers the first', async () => {
    const order = anOrder();
    const first = buildInvoice(order, new Date('2026-11-21T10:00:00Z'));

    expect(await store.issue(first)).toEqual(first);
    expect(await store.issue(buildInvoice(order, new Date('2027-01-02T10:00:00Z')))).toEqual(first);
  });

  it('voids an issued invoice once, keeping the first void time, and knows when there is none', async () => {
    const invoice = buildInvoice(anOrder(), new Date('2026-11-21T10:00:00Z'));
    await store.issue(invoice);

    expect(await store.void(invoice.orderId, new Date('2026-11-21T11:00:00Z'))).toBe(true);
    expect(await store.void(invoice.orderId, new Date('2026-11-21T12:00:00Z'))).toBe(true);
    expect(await store.issue(invoice)).toMatchObject({ status: 'VOID', voidedAt: '2026-11-21T11:00:00.000Z' });
  });

  it('voiding before any invoice exists leaves a VOID record that a late issue cannot overwrite', async () => {
    const invoice = buildInvoice(anOrder(), new Date('2026-11-21T10:00:00Z'));

    expect(await store.void(invoice.orderId, new Date('2026-11-21T11:00:00Z'))).toBe(false);

    expect(await store.issue(invoice)).toEqual({
      orderId: invoice.orderId,
      status: 'VOID',
      voidedAt: '2026-11-21T11:00:00.000Z',
    });
  });
});
