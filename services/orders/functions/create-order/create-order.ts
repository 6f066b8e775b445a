import { parseOrThrow } from '@order-platform/domain';
import { CreateOrderRequestSchema, IdempotencyKeySchema } from '@order-platform/api/create-order-request';
import { customerIdOf, headerOf, json, jsonHttpApiHandler, type JsonHttpEvent } from '@order-platform/http';
import { embeddedMetric, orderLogKeys, type Logging } from '@order-platform/lambda';
import { ORDERS_ACCEPTED } from '../../src/order-metrics';
import { placeOrder, type PlaceOrderDependencies } from '../../src/place-order';

const idempotencyKeyOf = (event: JsonHttpEvent): string | undefined => {
  const key = headerOf(event, 'idempotency-key');
  if (key === undefined) return undefined;
  return parseOrThrow(IdempotencyKeySchema, key, 'The Idempotency-Key header must be 1–255 characters.');
};

export type CreateOrderDependencies = PlaceOrderDependencies &
  Logging & {
    /** The stage the OrdersAccepted metric is counted under. */
    readonly stage: string;
  };

/** POST /orders: 202 with the PENDING order; its workflow execution has been started. */
export const createOrderHandler = (deps: CreateOrderDependencies) =>
  jsonHttpApiHandler(async (event, logger) => {
    const customerId = customerIdOf(event);
    logger.appendKeys({ customerId });
    const idempotencyKey = idempotencyKeyOf(event);
    const request = parseOrThrow(CreateOrderRequestSchema, event.body);

    const { order, replayed } = await placeOrder(deps, { customerId, request, idempotencyKey });

    logger.appendKeys(orderLogKeys(order.orderId));
    // Only a new order counts: a replay answers an order already counted.
    if (replayed) logger.info('Order request replayed');
    else logger.info('Order accepted', embeddedMetric(ORDERS_ACCEPTED, { stage: deps.stage }, deps.clock()));

    return json(202, order, {
      location: `/orders/${order.orderId}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  }, deps);
