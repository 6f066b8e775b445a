import { CreateOrderRequestSchema, IdempotencyKeySchema, parseOrThrow } from '@order-platform/domain';
import { customerIdOf, headerOf, json, jsonHttpApiHandler, type JsonHttpEvent } from '@order-platform/http';
import { placeOrder, type PlaceOrderDependencies } from '../../src/place-order';

const idempotencyKeyOf = (event: JsonHttpEvent): string | undefined => {
  const key = headerOf(event, 'idempotency-key');
  if (key === undefined) return undefined;
  return parseOrThrow(IdempotencyKeySchema, key, 'The Idempotency-Key header must be 1–255 characters.');
};

/** POST /orders: 202 with the PENDING order; its workflow execution has been started. */
export const createOrderHandler = (deps: PlaceOrderDependencies) =>
  jsonHttpApiHandler(async (event) => {
    const customerId = customerIdOf(event);
    const idempotencyKey = idempotencyKeyOf(event);
    const request = parseOrThrow(CreateOrderRequestSchema, event.body);

    const { order, replayed } = await placeOrder(deps, { customerId, request, idempotencyKey });

    return json(202, order, {
      location: `/orders/${order.orderId}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  });
