import * as z from 'zod';
import { COUNTRY_CODES } from './countries';
import { SUPPORTED_CURRENCIES } from './money';

// One definition per wire shape: handlers validate with these, the types below are inferred from
// them, and scripts/openapi.ts renders them into docs/openapi.json.

const text = (max: number) => z.string().trim().min(1).max(max);

export const SkuSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1–64 letters, digits, "-" or "_"')
  .meta({ example: 'KB-001' });

export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 code such as EUR')
  .meta({ description: `ISO 4217 code. Supported: ${SUPPORTED_CURRENCIES.join(', ')}.`, example: 'EUR' });

export const SHIPPING_METHODS = ['STANDARD', 'EXPRESS'] as const;
export const ShippingMethodSchema = z.enum(SHIPPING_METHODS);

export const AddressSchema = z
  .strictObject({
    name: text(200),
    line1: text(200),
    line2: text(200).optional(),
    city: text(100),
    postalCode: text(20),
    country: z.enum(COUNTRY_CODES).meta({ description: 'ISO 3166-1 alpha-2 country code', example: 'DE' }),
  })
  .meta({ id: 'Address' });

export const OrderLineRequestSchema = z.strictObject({
  sku: SkuSchema,
  quantity: z.number().int().min(1).max(100),
});

export const CreateOrderRequestSchema = z
  .strictObject({
    items: z
      .array(OrderLineRequestSchema)
      .min(1)
      .max(50)
      .superRefine((lines, ctx) => {
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
    currency: CurrencyCodeSchema,
    shippingMethod: ShippingMethodSchema,
    shippingAddress: AddressSchema,
    payment: z.strictObject({
      token: z.string().min(1).max(255).meta({ description: 'Payment-provider token', example: 'tok_visa' }),
    }),
  })
  .meta({ id: 'CreateOrderRequest' });
export type CreateOrderRequest = z.infer<typeof CreateOrderRequestSchema>;

export const IdempotencyKeySchema = z.string().min(1).max(255);

export const MoneySchema = z
  .object({
    amount: z.number().int().nonnegative().meta({ description: 'Integer minor units (cents)', example: 8900 }),
    currency: z.enum(SUPPORTED_CURRENCIES),
  })
  .meta({ id: 'Money' });

export const ORDER_STATUSES = ['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED', 'DISPATCHED', 'FAILED'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** FAILED: the payment never went through (the provider was unreachable); no money was taken. */
export const PAYMENT_STATUSES = ['PENDING', 'CONFIRMED', 'DECLINED', 'REFUNDED', 'FAILED'] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

const timestamp = z.iso.datetime().meta({ example: '2026-11-21T10:15:30.123Z' });

export const OrderSchema = z
  .object({
    orderId: z.string(),
    customerId: z.string(),
    status: OrderStatusSchema,
    items: z.array(z.object({ sku: SkuSchema, name: z.string(), quantity: z.number().int(), unitPrice: MoneySchema })),
    total: MoneySchema,
    shippingMethod: ShippingMethodSchema,
    shippingAddress: AddressSchema,
    payment: z.object({
      status: PaymentStatusSchema,
      chargeId: z.string().optional().meta({ description: "The payment provider's reference for the charge" }),
    }),
    invoiceNumber: z.string().optional().meta({ example: 'INV-2026-4F2A9C1B7D' }),
    shipment: z.object({ carrier: z.string(), serviceLevel: z.string(), trackingNumber: z.string() }).optional(),
    failure: z.object({ step: z.string(), error: z.string(), cause: z.string() }).optional(),
    timeline: z.array(z.object({ status: OrderStatusSchema, at: timestamp })),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof OrderSchema>;
export type OrderLine = Order['items'][number];
export type Address = Order['shippingAddress'];

export const ListOrdersQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

export const OrderPageSchema = z
  .object({
    orders: z.array(OrderSchema),
    nextCursor: z.string().optional().meta({ description: 'Opaque; pass as `cursor` for the next page' }),
  })
  .meta({ id: 'OrderPage' });
export type OrderPage = z.infer<typeof OrderPageSchema>;

export const CatalogSchema = z
  .object({
    products: z.array(
      z.object({
        sku: SkuSchema,
        name: z.string(),
        unitPrices: z.partialRecord(z.enum(SUPPORTED_CURRENCIES), z.number().int().nonnegative()),
        stock: z.number().int().nonnegative(),
      }),
    ),
  })
  .meta({ id: 'Catalog' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
