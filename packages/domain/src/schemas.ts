import * as z from 'zod/mini';
import { COUNTRY_CODES } from './countries';
import { SUPPORTED_CURRENCIES } from './money';

// One definition per wire shape: handlers validate with these, the types below are inferred from
// them, and scripts/openapi.ts renders them into docs/openapi.json. zod/mini, not classic zod:
// classic attaches every method to every schema, which cost create-order's cold start 98 KB and
// ~8 ms of import. English messages are set up in ./validation.

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const integer = () => z.number().check(z.int());

export const SkuSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1–64 letters, digits, "-" or "_"'))
  .register(z.globalRegistry, { example: 'KB-001' });

export const CurrencyCodeSchema = z
  .string()
  .check(z.regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 code such as EUR'))
  .register(z.globalRegistry, {
    description: `ISO 4217 code. Supported: ${SUPPORTED_CURRENCIES.join(', ')}.`,
    example: 'EUR',
  });

export const SHIPPING_METHODS = ['STANDARD', 'EXPRESS'] as const;
export const ShippingMethodSchema = z.enum(SHIPPING_METHODS);

export const AddressSchema = z
  .strictObject({
    name: text(200),
    line1: text(200),
    line2: z.optional(text(200)),
    city: text(100),
    postalCode: text(20),
    country: z
      .enum(COUNTRY_CODES)
      .register(z.globalRegistry, { description: 'ISO 3166-1 alpha-2 country code', example: 'DE' }),
  })
  .register(z.globalRegistry, { id: 'Address' });

export const OrderLineRequestSchema = z.strictObject({
  sku: SkuSchema,
  quantity: integer().check(z.minimum(1), z.maximum(100)),
});

export const CreateOrderRequestSchema = z
  .strictObject({
    items: z.array(OrderLineRequestSchema).check(
      z.minLength(1),
      z.maxLength(50),
      z.superRefine((lines, ctx) => {
        const seen = new Set<string>();
        lines.forEach((line, index) => {
          if (seen.has(line.sku)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'sku'],
              message: `Duplicate SKU ${line.sku}: put the whole quantity on one line`,
            });
          }
          seen.add(line.sku);
        });
      }),
    ),
    currency: CurrencyCodeSchema,
    shippingMethod: ShippingMethodSchema,
    shippingAddress: AddressSchema,
    payment: z.strictObject({
      token: z
        .string()
        .check(z.minLength(1), z.maxLength(255))
        .register(z.globalRegistry, { description: 'Payment-provider token', example: 'tok_visa' }),
    }),
  })
  .register(z.globalRegistry, { id: 'CreateOrderRequest' });
export type CreateOrderRequest = z.infer<typeof CreateOrderRequestSchema>;

export const IdempotencyKeySchema = z.string().check(z.minLength(1), z.maxLength(255));

export const MoneySchema = z
  .object({
    amount: integer()
      .check(z.nonnegative())
      .register(z.globalRegistry, { description: 'Integer minor units (cents)', example: 8900 }),
    currency: z.enum(SUPPORTED_CURRENCIES),
  })
  .register(z.globalRegistry, { id: 'Money' });

export const ORDER_STATUSES = ['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED', 'DISPATCHED', 'FAILED'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** FAILED: the payment never went through (the provider was unreachable); no money was taken. */
export const PAYMENT_STATUSES = ['PENDING', 'CONFIRMED', 'DECLINED', 'REFUNDED', 'FAILED'] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

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
export type Order = z.infer<typeof OrderSchema>;
export type OrderLine = Order['items'][number];
export type Address = Order['shippingAddress'];
export const ListOrdersQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export const OrderPageSchema = z
  .object({
    orders: z.array(OrderSchema),
    nextCursor: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'Opaque; pass as `cursor` for the next page' }),
  })
  .register(z.globalRegistry, { id: 'OrderPage' });
export type OrderPage = z.infer<typeof OrderPageSchema>;

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
