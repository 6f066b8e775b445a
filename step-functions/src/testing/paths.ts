// The paths through the order workflow that tests assert, state by state: for the workflow's own
// tests, and for the end-to-end tests that follow an order through the local stack.

/** The states a dispatched order passes through: each is one state transition. */
export const HAPPY_PATH = [
  'ConfirmPayment',
  'IsPaymentAuthorized',
  'ProcureOrder',
  'PrepareInvoice',
  'ReserveStock',
  'IsStockReserved',
  'BookShipment',
  'CapturePayment',
];

/** The happy path as far as the parcel is booked: where a failed booking leaves it. */
export const UNTIL_BOOKED = HAPPY_PATH.slice(0, HAPPY_PATH.indexOf('BookShipment') + 1);

/** Undoing an order, in reverse: every compensation runs (each a no-op for what was never done). */
const UNDONE = ['ReleaseStock', 'VoidInvoice', 'VoidOrRefundPayment', 'IsCancellationComplete'];

/** Undoing an order that got as far as procurement, in reverse, then marking it FAILED. */
const UNDONE_AND_MARKED = [...UNDONE, 'DescribeFailure', 'MarkOrderFailed', 'IsOutcomeSettled'];

/** What a sold-out order passes through: as far as ReserveStock, then undone, marked, and settled without an alert. */
export const SOLD_OUT = [
  ...HAPPY_PATH.slice(0, HAPPY_PATH.indexOf('ReserveStock') + 1),
  'IsStockReserved',
  'ShortOfStock',
  'StockNotReserved',
  ...UNDONE_AND_MARKED,
  'OrderNotFulfilled',
];

/** A cancellation a step noticed: undone in reverse, the order marked CANCELLED, no alert, the execution succeeded. */
export const CANCELLED = ['CancellationRequested', ...UNDONE, 'MarkOrderCancelled', 'OrderCancelled'];

/** A failure after payment: undone in reverse, the order marked, ops alerted, the execution failed. */
export const COMPENSATED_AND_ALERTED = [...UNDONE_AND_MARKED, 'PublishFailureAlert', 'OrderFailed'];

/**
 * State names in the order they were entered, except that the two Parallel branches run side by
 * side: their states are listed in name order where they sit, which keeps the sequence exact.
 */
export const withBranchesInNameOrder = (names: readonly string[]): string[] => {
  const branchStates = new Set(['ReserveStock', 'PrepareInvoice']);
  const result: string[] = [];
  for (let i = 0; i < names.length;) {
    if (branchStates.has(names[i] ?? '')) {
      let j = i;
      while (j < names.length && branchStates.has(names[j] ?? '')) j += 1;
      result.push(...names.slice(i, j).sort());
      i = j;
    } else {
      result.push(names[i] ?? '');
      i += 1;
    }
  }
  return result;
};
