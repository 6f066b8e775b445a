import {
  AddressSchema,
  ShippingMethodSchema,
  SkuSchema,
  SUPPORTED_CURRENCIES,
  visibleText,
  type CreateOrderRequest,
} from '@order-platform/domain';
import * as z from 'zod/mini';

// POST /orders: what createOrder validates, and openapi.ts renders (routes.ts). zod/mini,
// not classic zod: classic attaches every method to every schema, which cost create-order's cold
// start 98 KB and ~8 ms of import. English messages are set up by the domain's validation module.
// A bundle builds every schema of each module it imports, at cold start: each route's schemas
// have a module of their own.

const integer = () => z.number().check(z.int());

export const CurrencyCodeSchema = z
  .string()
  .check(z.regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 code such as EUR'))
  .register(z.globalRegistry, {
    description: `ISO 4217 code. Supported: ${SUPPORTED_CURRENCIES.join(', ')}.`,
    example: 'EUR',
  });

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
        // Opaque, so not trimmed; but it is sent on to the provider and stored: no control characters.
        .check(z.minLength(1), z.maxLength(255), visibleText())
        .register(z.globalRegistry, { description: 'Payment-provider token', example: 'tok_visa' }),
    }),
  })
  .register(z.globalRegistry, { id: 'CreateOrderRequest' });

/** A valid request is what the place-order use case takes: the compiler refuses this line if not. */
export type ValidCreateOrderRequest = Assignable<z.infer<typeof CreateOrderRequestSchema>, CreateOrderRequest>;
type Assignable<Valid extends Domain, Domain> = Valid;

export const IdempotencyKeySchema = z.string().check(z.minLength(1), z.maxLength(255));
