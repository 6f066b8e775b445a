import { CreateOrderRequestSchema, OrderSchema } from '@order-platform/domain';
import { validOrderRequest, anOrder } from '@order-platform/domain/testing';
import { readFileSync } from 'node:fs';
import { buildOpenApiDocument, OPENAPI_PATH } from './openapi';

describe('docs/openapi.json', () => {
  it('is what the schemas generate today (run `npm run openapi` after changing a schema)', () => {
    expect(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'))).toEqual(buildOpenApiDocument());
  });

  it('describes every route with the request and order shapes', () => {
    const document = buildOpenApiDocument();
    expect(Object.keys(document.paths).sort()).toEqual(['/catalog', '/orders', '/orders/{orderId}']);
    const request = document.components.schemas.CreateOrderRequest as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(request.required.sort()).toEqual(['currency', 'items', 'payment', 'shippingAddress', 'shippingMethod']);
    expect(request.additionalProperties).toBe(false);
  });

  it('matches what the API really accepts and returns', () => {
    expect(CreateOrderRequestSchema.safeParse(validOrderRequest()).success).toBe(true);
    expect(OrderSchema.safeParse(anOrder()).success).toBe(true);
  });
});
