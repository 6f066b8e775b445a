import * as z from 'zod/mini';
import { SUPPORTED_CURRENCIES } from './money';
import { ORDER_STATUSES, PAYMENT_STATUSES } from './order';
import { ORDER_EVENT_SCHEMA_VERSION, ORDER_EVENT_SOURCE, ORDER_EVENT_TYPES } from './order-events';

/**
 * An order event's `detail`, version 1, as consumers may rely on it: what docs/order-events.schema.json
 * publishes (a test holds the document to this schema). Fields may be added within a version;
 * none is removed or changes meaning.
 */
export const OrderEventDetailSchema = z.looseObject({
  schemaVersion: z.literal(ORDER_EVENT_SCHEMA_VERSION),
  eventId: z.string().check(z.minLength(1)),
  orderId: z.string().check(z.minLength(1)),
  customerId: z.string().check(z.minLength(1)),
  status: z.enum(ORDER_STATUSES),
  total: z.object({
    amount: z.int().check(z.nonnegative()),
    currency: z.enum(SUPPORTED_CURRENCIES),
  }),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  occurredAt: z.iso.datetime(),
});

/** The event as EventBridge delivers it to a rule's target: its envelope (id, time, account, region… besides these) around the detail. */
export const OrderEventEnvelopeSchema = z.looseObject({
  source: z.literal(ORDER_EVENT_SOURCE),
  'detail-type': z.enum(ORDER_EVENT_TYPES),
  detail: OrderEventDetailSchema,
});

/** The JSON Schema of the envelope, as docs/order-events.schema.json publishes it to consumers. */
export const orderEventJsonSchema = () => ({
  ...z.toJSONSchema(OrderEventEnvelopeSchema),
  $id: `https://order-platform.example.com/schemas/order-events/v${ORDER_EVENT_SCHEMA_VERSION}.json`,
  title: `Order event, schema version ${ORDER_EVENT_SCHEMA_VERSION}`,
  description:
    `What the stage's order bus carries (source ${ORDER_EVENT_SOURCE}, detail-type the event's name): ` +
    'delivered at least once; drop repeats by detail.eventId. Generated from ' +
    'packages/domain/src/order-event-schema.ts (`npm run order-event-schema`).',
});
