import {
  AddressSchema,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  ShippingMethodSchema,
  SkuSchema,
  SUPPORTED_CURRENCIES,
} from '@order-platform/domain';
import { EXECUTION_STATUSES } from '@order-platform/ops/report';
import * as z from 'zod/mini';

// What the API answers, one definition per wire shape, which openapi.ts renders into
// docs/openapi.json through routes.ts. They describe the domain's types on the wire (a test holds
// them to each other). No handler validates its own answers, so no bundle builds these.

const integer = () => z.number().check(z.int());

export const MoneySchema = z
  .object({
    amount: integer()
      .check(z.nonnegative())
      .register(z.globalRegistry, { description: 'Integer minor units (cents)', example: 8900 }),
    currency: z.enum(SUPPORTED_CURRENCIES),
  })
  .register(z.globalRegistry, { id: 'Money' });

export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES).register(z.globalRegistry, {
  description:
    'Where the money is: AUTHORIZED (held when the order was placed), CAPTURED (taken once the parcel was booked), VOIDED (the hold released, nothing taken), REFUNDED (taken, then given back), DECLINED (the hold was refused), FAILED (nothing was ever held)',
});

const timestamp = z.iso.datetime().register(z.globalRegistry, { example: '2026-11-21T10:15:30.123Z' });

export const OrderSchema = z
  .object({
    orderId: z.string(),
    customerId: z.string(),
    status: OrderStatusSchema,
    items: z.array(z.object({ sku: SkuSchema, name: z.string(), quantity: integer(), unitPrice: MoneySchema })),
    total: MoneySchema,
    shippingMethod: ShippingMethodSchema,
    shippingAddress: AddressSchema,
    payment: z.object({
      status: PaymentStatusSchema,
      authorizationId: z.optional(z.string()).register(z.globalRegistry, {
        description: "The payment provider's reference for the hold placed on the customer's payment method",
      }),
      captureId: z.optional(z.string()).register(z.globalRegistry, {
        description: "The payment provider's reference for the capture: the money taken once the parcel was booked",
      }),
    }),
    invoiceNumber: z.optional(z.string()).register(z.globalRegistry, { example: 'INV-2026-4F2A9C1B7D' }),
    shipment: z.optional(z.object({ carrier: z.string(), serviceLevel: z.string(), trackingNumber: z.string() })),
    failure: z.optional(z.object({ step: z.string(), error: z.string(), cause: z.string() })),
    cancellation: z
      .optional(z.object({ requestedAt: timestamp, requestedBy: z.enum(['customer', 'ops']) }))
      .register(z.globalRegistry, {
        description:
          'Asked for by POST /orders/{orderId}/cancel; the order ends CANCELLED once its workflow has undone it',
      }),
    timeline: z.array(z.object({ status: OrderStatusSchema, at: timestamp })),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .register(z.globalRegistry, { id: 'Order' });

export const OrderPageSchema = z
  .object({
    orders: z.array(OrderSchema),
    nextCursor: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'Opaque; pass as `cursor` for the next page' }),
  })
  .register(z.globalRegistry, { id: 'OrderPage' });

export const CatalogSchema = z
  .object({
    products: z.array(
      z.object({
        sku: SkuSchema,
        name: z.string(),
        unitPrices: z.partialRecord(z.enum(SUPPORTED_CURRENCIES), integer().check(z.nonnegative())),
        stock: integer().check(z.nonnegative()),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Catalog' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: integer(),
    detail: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  })
  .register(z.globalRegistry, { id: 'Problem', description: 'RFC 9457 problem details' });

const isoTimestamp = z.iso.datetime();

export const ExecutionSummarySchema = z
  .object({
    orderId: z.string(),
    executionArn: z.string(),
    status: z.enum(EXECUTION_STATUSES),
    startedAt: isoTimestamp,
    stoppedAt: z.optional(isoTimestamp),
    durationMs: z.optional(integer()),
  })
  .register(z.globalRegistry, { id: 'ExecutionSummary' });

export const ExecutionPageSchema = z
  .object({
    executions: z.array(ExecutionSummarySchema),
    nextToken: z.optional(z.string()).register(z.globalRegistry, { description: 'Pass back as `nextToken`' }),
  })
  .register(z.globalRegistry, { id: 'ExecutionPage' });

const FailureSchema = z.object({ error: z.string(), cause: z.optional(z.string()) });

export const ExecutionReportSchema = z
  .object({
    ...ExecutionSummarySchema.def.shape,
    states: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['Task', 'Choice', 'Pass', 'Parallel', 'Map', 'Wait', 'Succeed', 'Fail']),
        parallel: z.optional(z.string()),
        enteredAt: isoTimestamp,
        exitedAt: z.optional(isoTimestamp),
        durationMs: z.optional(integer()),
        attempts: integer(),
        failedAttempts: z.array(FailureSchema),
        outcome: z.enum(['succeeded', 'failed', 'running', 'stopped']),
        error: z.optional(FailureSchema),
        phase: z.enum(['forward', 'compensation']),
        result: z.optional(z.string()),
      }),
    ),
    failedState: z.optional(z.object({ name: z.string(), ...FailureSchema.def.shape })),
    cancellation: z.optional(z.object({ noticedBy: z.string(), completed: z.boolean() })).register(z.globalRegistry, {
      description:
        'The first failure was the order’s cancellation (OrderCancellationRequested): the step that noticed it, and whether the order was marked CANCELLED',
    }),
    compensation: z.array(z.string()),
    retries: integer(),
    executionError: z.optional(FailureSchema),
  })
  .register(z.globalRegistry, {
    id: 'ExecutionReport',
    description: "An order's workflow execution: every state it ran, each failed attempt, the compensation",
  });
