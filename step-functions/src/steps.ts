import { STEP_ERRORS, TRANSIENT_STEP_ERRORS, type StepErrorName } from '@order-platform/domain';
import type * as z from 'zod/mini';
import {
  BookShipmentInputSchema,
  CancellationRecordingSchema,
  CapturePaymentInputSchema,
  MarkOrderCancelledInputSchema,
  ShipmentSchema,
  FailureRecordingSchema,
  InvoiceVoidingSchema,
  MarkOrderFailedInputSchema,
  OrderItemsStepInputSchema,
  OrderStepInputSchema,
  PaymentCaptureSchema,
  PaymentOutcomeSchema,
  PaymentReleaseSchema,
  PreparedInvoiceSchema,
  ReleaseStockInputSchema,
  StockReleaseSchema,
  StockReservationSchema,
} from './contract';

/** What a step Lambda takes, answers, and fails with (besides AWS's own errors). */
export interface StepContract {
  readonly input: z.ZodMiniType;
  readonly output: z.ZodMiniType;
  readonly errors: readonly StepErrorName[];
}

// Every step may meet a dependency that is down, and an input it cannot act on (a definition
// that drifted from this contract), and most read the order record.
const ALWAYS: readonly StepErrorName[] = ['DependencyUnavailable', 'InvalidStepInput'];
const READS_THE_ORDER: readonly StepErrorName[] = [...ALWAYS, 'OrderRecordMissing'];
// The steps that take an order forward stop at one its customer (or ops) asked to cancel.
const FORWARD: readonly StepErrorName[] = [...READS_THE_ORDER, 'OrderCancellationRequested'];

/**
 * The workflow's Lambda steps, by state name: the one table the definition test holds the ASL to,
 * and the handlers' schemas come from. A Task state that calls a step Lambda must be named here.
 */
export const STEPS = {
  ConfirmPayment: {
    input: OrderStepInputSchema,
    output: PaymentOutcomeSchema,
    errors: [...FORWARD, 'PaymentProviderUnavailable', 'OrderStatusConflict', 'CompensationInterrupted'],
  },
  ReserveStock: { input: OrderItemsStepInputSchema, output: StockReservationSchema, errors: FORWARD },
  PrepareInvoice: {
    input: OrderStepInputSchema,
    output: PreparedInvoiceSchema,
    errors: [...FORWARD, 'InvoiceVoided'],
  },
  BookShipment: {
    input: BookShipmentInputSchema,
    output: ShipmentSchema,
    errors: [...FORWARD, 'CarrierUnavailable', 'NoCarrierAvailable', 'OrderStatusConflict'],
  },
  CapturePayment: {
    input: CapturePaymentInputSchema,
    output: PaymentCaptureSchema,
    errors: [
      ...READS_THE_ORDER,
      'PaymentProviderUnavailable',
      'PaymentCaptureRejected',
      'OrderStatusConflict',
      'CompensationInterrupted',
      'DispatchNotRecorded',
    ],
  },
  ReleaseStock: { input: ReleaseStockInputSchema, output: StockReleaseSchema, errors: ALWAYS },
  VoidInvoice: { input: OrderStepInputSchema, output: InvoiceVoidingSchema, errors: ALWAYS },
  VoidOrRefundPayment: {
    input: OrderStepInputSchema,
    output: PaymentReleaseSchema,
    errors: [...READS_THE_ORDER, 'PaymentProviderUnavailable', 'OrderStatusConflict'],
  },
  MarkOrderFailed: {
    input: MarkOrderFailedInputSchema,
    output: FailureRecordingSchema,
    errors: [...READS_THE_ORDER, 'OrderStatusConflict'],
  },
  MarkOrderCancelled: {
    input: MarkOrderCancelledInputSchema,
    output: CancellationRecordingSchema,
    errors: [...READS_THE_ORDER, 'OrderStatusConflict'],
  },
} as const satisfies Record<string, StepContract>;

export type StepName = keyof typeof STEPS;

/** Every step error the workflow may name, and those worth a retry. */
export { STEP_ERRORS, TRANSIENT_STEP_ERRORS };
