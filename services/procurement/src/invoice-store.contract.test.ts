import { buildInvoice } from '@order-platform/domain';
import { anOrder } from '@order-platform/domain/testing';
import { createDocumentClient } from '@order-platform/persistence';
import { startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import { buildInvoiceStore } from './invoice-store';
import { inMemoryInvoiceStore } from './in-memory-invoice-store';
import type { InvoiceStore } from './ports';

// The InvoiceStore contract, run against the DynamoDB adapter on a local DynamoDB (dynalite) and
// against the in-memory fake the step tests use: the fake cannot drift from what DynamoDB does.
const invoiceStoreContract = (
  subject: string,
  open: () => Promise<{ store: InvoiceStore; close: () => Promise<void> | void }>,
) =>
  describe(`the invoice store contract: ${subject}`, () => {
    let store: InvoiceStore;
    let close: () => Promise<void> | void;

    beforeAll(async () => {
      ({ store, close } = await open());
    });

    afterAll(() => close());

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
      expect(await store.issue(invoice)).toEqual({ ...invoice, status: 'VOID', voidedAt: '2026-11-21T11:00:00.000Z' });
    });

    it('voiding before any invoice exists leaves a VOID record that a late issue cannot overwrite', async () => {
      const invoice = buildInvoice(anOrder(), new Date('2026-11-21T10:00:00Z'));

      expect(await store.void(invoice.orderId, new Date('2026-11-21T11:00:00Z'))).toBe(false);
      expect(await store.void(invoice.orderId, new Date('2026-11-21T12:00:00Z'))).toBe(false);

      expect(await store.issue(invoice)).toEqual({
        orderId: invoice.orderId,
        status: 'VOID',
        voidedAt: '2026-11-21T11:00:00.000Z',
      });
    });
  });

invoiceStoreContract('DynamoDB adapter on a local DynamoDB', async () => {
  const dynamodb = await startLocalDynamoDb();
  await createTables(dynamodb.client, { InvoicesTable: 'invoices-test' });
  return { store: buildInvoiceStore(createDocumentClient(dynamodb.client), 'invoices-test'), close: dynamodb.stop };
});

invoiceStoreContract('in-memory fake', async () => ({ store: inMemoryInvoiceStore(), close: () => undefined }));
