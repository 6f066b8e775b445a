import { STEPS, type StepName } from './steps';

// What each step Lambda answers, held to the output its contract names: answers the handlers give,
// and answers a handler that drifted could give. Most answers reach no later state (ResultPath
// null, or the execution's end), only the execution history and the ops report; this table is
// what pins them.
const ANSWERS: Record<StepName, { accepted: readonly unknown[]; refused: readonly unknown[] }> = {
  ConfirmPayment: {
    accepted: [
      { outcome: 'AUTHORIZED', authorizationId: 'auth_1' },
      { outcome: 'DECLINED', reason: 'Your card was declined.' },
      { outcome: 'SETTLED', status: 'DISPATCHED' },
    ],
    refused: [
      { outcome: 'AUTHORIZED', authorizationId: '' },
      { outcome: 'SETTLED', status: 'LOST' },
    ],
  },
  ReserveStock: {
    accepted: [
      { outcome: 'RESERVED', reservedItems: 2 },
      {
        outcome: 'OUT_OF_STOCK',
        reason: 'Not enough stock',
        shortages: [{ sku: 'LT-006', requested: 5, available: 3 }],
      },
    ],
    refused: [{ outcome: 'RESERVED' }, { outcome: 'OUT_OF_STOCK', reason: 'Not enough stock' }],
  },
  PrepareInvoice: {
    accepted: [{ invoiceNumber: 'INV-2026-0000000001', total: { amount: 8900, currency: 'EUR' } }],
    refused: [
      { invoiceNumber: '', total: { amount: 8900, currency: 'EUR' } },
      { invoiceNumber: 'INV-2026-0000000001' },
    ],
  },
  BookShipment: {
    accepted: [{ carrier: 'EuroParcel', serviceLevel: 'EXPRESS', trackingNumber: 'EP0123456789AB' }],
    refused: [{ carrier: 'EuroParcel', serviceLevel: 'OVERNIGHT', trackingNumber: 'EP0123456789AB' }],
  },
  CapturePayment: { accepted: [{ captureId: 'cap_1' }], refused: [{ captureId: '' }, {}] },
  ReleaseStock: { accepted: [{ releasedItems: 2 }, { releasedItems: 0 }], refused: [{}, { releasedItems: '2' }] },
  VoidInvoice: { accepted: [{ invoice: 'VOID' }, { invoice: 'NONE' }], refused: [{ invoice: 'VOIDED' }, {}] },
  VoidOrRefundPayment: { accepted: ['VOIDED', 'REFUNDED', 'FAILED'], refused: ['CAPTURED', 'PENDING', ''] },
  MarkOrderFailed: {
    accepted: [{ milestone: 'recorded' }, { milestone: 'alreadyRecorded' }],
    refused: [{ milestone: 'skipped' }, {}],
  },
  MarkOrderCancelled: {
    accepted: [{ milestone: 'recorded' }, { milestone: 'alreadyRecorded' }],
    refused: [{ milestone: '' }, {}],
  },
};

describe('what each step answers', () => {
  it.each(Object.keys(STEPS) as StepName[])('takes the answers %s gives, and no other', (name) => {
    const { accepted, refused } = ANSWERS[name];
    const takes = (answer: unknown) => STEPS[name].output.safeParse(answer).success;
    expect({ name, refused: accepted.filter((answer) => !takes(answer)) }).toEqual({ name, refused: [] });
    expect({ name, taken: refused.filter(takes) }).toEqual({ name, taken: [] });
  });
});
