import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SHIPPING_METHODS, SUPPORTED_CURRENCIES } from '@order-platform/domain';
import { buildOrderRepository, buildProductCatalog } from '@order-platform/persistence';
import { placeOrder } from '@order-platform/orders-service/place-order';
import { buildStepFunctionsWorkflow } from '@order-platform/orders-service/step-functions-workflow';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  customerIdOf,
  documentClient,
  logger,
  metrics,
  peerHandler,
  stepFunctions,
  type HttpEvent,
} from './powertools';

// POST /orders, the peer's: the request schema in classic zod (the rules of ours,
// packages/api/src/create-order-request.ts), the body parsed by middy, then our use case.

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u);

const CreateOrderRequest = z.strictObject({
  items: z
    .array(
      z.strictObject({
        sku: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
        quantity: z.number().int().min(1).max(100),
      }),
    )
    .min(1)
    .max(50)
    .refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'Duplicate SKU'),
  currency: z.enum(SUPPORTED_CURRENCIES),
  shippingMethod: z.enum(SHIPPING_METHODS),
  shippingAddress: z.strictObject({
    name: text(200),
    line1: text(200),
    line2: text(200).optional(),
    city: text(100),
    postalCode: text(20),
    country: z.string().regex(/^[A-Z]{2}$/),
  }),
  payment: z.strictObject({ token: z.string().min(1).max(255) }),
});

const dependencies = {
  orders: buildOrderRepository(documentClient, process.env.ORDERS_TABLE as string),
  catalog: buildProductCatalog(documentClient, {
    CatalogTable: process.env.CATALOG_TABLE as string,
    StockTable: process.env.STOCK_TABLE as string,
  }),
  workflow: buildStepFunctionsWorkflow(stepFunctions, process.env.ORDER_WORKFLOW_ALIAS_ARN as string),
  clock: () => new Date(),
  newOrderId: randomUUID,
};

export const handler = peerHandler<HttpEvent & { body: unknown }>(async (event) => {
  const customerId = customerIdOf(event);
  const idempotencyKey = z.string().min(1).max(255).optional().parse(event.headers['idempotency-key']);
  const request = CreateOrderRequest.parse(event.body);
  const { order, replayed } = await placeOrder(dependencies, { customerId, request, idempotencyKey });
  logger.appendKeys({ customerId, orderId: order.orderId });
  if (!replayed) {
    logger.info('Order accepted');
    metrics.addMetric('OrdersAccepted', MetricUnit.Count, 1);
  }
  return {
    statusCode: 202,
    headers: {
      'content-type': 'application/json',
      location: `/orders/${order.orderId}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
    body: JSON.stringify(order),
  };
}, httpJsonBodyParser());
