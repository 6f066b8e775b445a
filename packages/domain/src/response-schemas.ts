import * as z from 'zod/mini';
import { SUPPORTED_CURRENCIES } from './money';
import { ORDER_STATUSES, PAYMENT_STATUSES } from './order';
import { AddressSchema } from './address-schema';
import { ShippingMethodSchema } from './shipping-method';
import { SkuSchema } from './sku-schema';

// What the API answers, one definition per wire shape: the types below are inferred from them and
// scripts/openapi.ts renders them into docs/openapi.json. No handler validates its own answers, so
// they live apart from the request schemas: a bundle imports this module only for its types, and
// builds none of these schemas at cold start.

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
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);

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
      chargeId: z
        .optional(z.string())
        .register(z.globalRegistry, { description: "The payment provider's reference for the charge" }),
    }),
    invoiceNumber: z.optional(z.string()).register(z.globalRegistry, { example: 'INV-2026-4F2A9C1B7D' }),
    shipment: z.optional(z.object({ carrier: z.string(), serviceLevel: z.string(), trackingNumber: z.string() })),
    failure: z.optional(z.object({ step: z.string(), error: z.string(), cause: z.string() })),
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
